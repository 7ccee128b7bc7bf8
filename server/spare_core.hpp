// A second database handle on a thread of its own, which takes a share of one search's work
// while the searching thread does the rest.
//
// At first sight a search makes passes that need not wait for each other: counting every
// match (total and facets) does not need the ranking, re-ranking the best candidates splits
// into halves, and so do the page's snippets. On an idle machine the second core would sit
// still meanwhile. Xapian handles cannot cross threads (their reference counts are not atomic),
// so the helper keeps its own handle, moved to the searcher's revision for each task: a task
// that finds another revision is not run, and the searcher does that work itself.
//
// Whether a core is spare is decided for the whole process: work is lent only while fewer
// threads are busy (searching, serving a connection, or running a lent task) than the machine
// has cores. Under load every search keeps to its own thread, as it would without this.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace tracuu {

class SpareCore {
 public:
  // The helper of `db` in this process, shared by all its searchers: lending happens only while
  // a single thread is busy, so one helper thread and one handle serve them all.
  static std::shared_ptr<SpareCore> of_database(const std::filesystem::path& db);

  // Opens `db` on the helper thread, when the first task comes.
  explicit SpareCore(std::filesystem::path db);
  ~SpareCore();
  SpareCore(const SpareCore&) = delete;
  SpareCore& operator=(const SpareCore&) = delete;

  // Starts `task` on the helper's handle when a core is idle, and nothing otherwise. The future
  // holds the task's result, nullopt if the handle could not be opened or moved to `revision`,
  // or the exception the task threw (a Xapian::Error to handle like the searcher's own). The
  // task must own everything it reads: it may outlive the caller's frame.
  template <typename T>
  std::optional<std::future<std::optional<T>>> lend(
      Xapian::rev revision, std::function<T(const Xapian::Database&)> task) {
    if (!claim_core()) return std::nullopt;
    auto promise = std::make_shared<std::promise<std::optional<T>>>();
    std::future<std::optional<T>> result = promise->get_future();
    post(revision, [promise, task = std::move(task)](const Xapian::Database* db) {
      std::optional<T> value;
      std::exception_ptr error;
      try {
        if (db) value = task(*db);
      } catch (...) {
        error = std::current_exception();
      }
      // Released before the caller hears, so that its next search finds the core idle.
      release_core();
      if (error) {
        promise->set_exception(error);
      } else {
        promise->set_value(std::move(value));
      }
    });
    return result;
  }

  // Tasks taken up so far (for tests and measurements).
  size_t tasks_run() const;
  // Threads of the process marked Busy or running a lent task, now.
  static unsigned threads_busy();

  // Marks the calling thread as busy for its lifetime, so that lend() knows how many cores are:
  // a search, or a connection the HTTP server is serving (reading the request and writing the
  // answer take a core too). Marks nested on one thread count once.
  class Busy {
   public:
    Busy();
    ~Busy();
    Busy(const Busy&) = delete;
    Busy& operator=(const Busy&) = delete;
  };

 private:
  using Job = std::function<void(const Xapian::Database*)>;
  static bool claim_core();
  static void release_core();
  void post(Xapian::rev revision, Job job);
  void work();
  // The helper's handle at `revision`, or nullptr when it cannot get there.
  const Xapian::Database* at_revision(Xapian::rev revision);

  const std::filesystem::path path_;
  std::optional<Xapian::Database> db_;  // touched by the helper thread only
  mutable std::mutex mutex_;
  std::condition_variable has_work_;
  std::deque<std::pair<Xapian::rev, Job>> jobs_;
  size_t tasks_run_ = 0;
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace tracuu
