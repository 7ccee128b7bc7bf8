#include "spare_core.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <string>

namespace tracuu {
namespace {

// Threads of this process doing search work: searching, serving a connection, or running a
// lent task.
std::atomic<unsigned> busy_threads{0};

// How deep the calling thread's Busy marks are nested.
thread_local unsigned busy_depth = 0;

unsigned cores() {
  static const unsigned n = std::max(1u, std::thread::hardware_concurrency());
  return n;
}

}  // namespace

SpareCore::Busy::Busy() {
  if (busy_depth++ == 0) busy_threads.fetch_add(1);
}

SpareCore::Busy::~Busy() {
  if (--busy_depth == 0) busy_threads.fetch_sub(1);
}

// Two searches may both see the last idle core and both take it; the worst is one thread more
// than cores for the length of a task.
bool SpareCore::claim_core() {
  if (busy_threads.fetch_add(1) + 1 > cores()) {
    busy_threads.fetch_sub(1);
    return false;
  }
  return true;
}

unsigned SpareCore::threads_busy() { return busy_threads.load(); }

std::shared_ptr<SpareCore> SpareCore::of_database(const std::filesystem::path& db) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<SpareCore>> helpers;
  std::error_code error;
  std::filesystem::path key = std::filesystem::weakly_canonical(db, error);
  if (error) key = db;
  std::lock_guard lock(mutex);
  std::weak_ptr<SpareCore>& slot = helpers[key.string()];
  std::shared_ptr<SpareCore> helper = slot.lock();
  if (!helper) {
    helper = std::make_shared<SpareCore>(key);
    slot = helper;
  }
  return helper;
}

void SpareCore::release_core() { busy_threads.fetch_sub(1); }

SpareCore::SpareCore(std::filesystem::path db)
    : path_(std::move(db)), thread_([this] { work(); }) {}

SpareCore::~SpareCore() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  has_work_.notify_one();
  thread_.join();
  // Jobs never run release their cores here; their futures report a broken promise.
  for (size_t i = 0; i < jobs_.size(); ++i) release_core();
}

size_t SpareCore::tasks_run() const {
  std::lock_guard lock(mutex_);
  return tasks_run_;
}

void SpareCore::post(Xapian::rev revision, Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.emplace_back(revision, std::move(job));
  }
  has_work_.notify_one();
}

void SpareCore::work() {
  for (;;) {
    std::pair<Xapian::rev, Job> next;
    {
      std::unique_lock lock(mutex_);
      has_work_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      next = std::move(jobs_.front());
      jobs_.pop_front();
      ++tasks_run_;
    }
    next.second(at_revision(next.first));
  }
}

// Opening or reopening fails only as the searcher's own handle would (the index removed, a
// revision lost to two quick commits); the searcher then does the work on its own handle and
// reports what it finds.
const Xapian::Database* SpareCore::at_revision(Xapian::rev revision) {
  try {
    if (!db_) {
      db_.emplace(path_.string());
    } else {
      db_->reopen();
    }
    if (db_->get_revision() != revision) return nullptr;
    return &*db_;
  } catch (const Xapian::Error&) {
    db_.reset();
    return nullptr;
  }
}

}  // namespace tracuu
