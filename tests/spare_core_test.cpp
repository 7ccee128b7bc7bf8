// The spare core: tasks run on its own thread and handle, at the caller's revision or not at
// all, their errors reach the caller, and nothing is lent while every core is busy.
#include "spare_core.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace tracuu {
namespace {

using testing::TempDir;

// A database of `n` empty documents, committed; its revision.
Xapian::rev make_database(const std::filesystem::path& path, int n) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OPEN);
  for (int i = 0; i < n; ++i) db.add_document(Xapian::Document());
  db.commit();
  return db.get_revision();
}

TEST(SpareCoreTest, RunsTasksOnItsOwnThreadAtTheCallersRevision) {
  TempDir dir;
  const Xapian::rev revision = make_database(dir / "db", 3);
  SpareCore spare(dir / "db");
  auto lent = spare.lend<std::pair<Xapian::doccount, std::thread::id>>(
      revision, [](const Xapian::Database& db) {
        return std::make_pair(db.get_doccount(), std::this_thread::get_id());
      });
  ASSERT_TRUE(lent.has_value()) << "an idle machine lends";
  auto result = lent->get();
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->first, 3u);
  EXPECT_NE(result->second, std::this_thread::get_id());
  EXPECT_EQ(spare.tasks_run(), 1u);
}

// The caller's revision is the one its own handle reads; a task on any other would count or
// rank another index.
TEST(SpareCoreTest, ATaskAtAnotherRevisionIsNotRun) {
  TempDir dir;
  const Xapian::rev old_revision = make_database(dir / "db", 1);
  const Xapian::rev new_revision = make_database(dir / "db", 1);
  ASSERT_NE(old_revision, new_revision);
  SpareCore spare(dir / "db");
  bool ran = false;
  auto lent = spare.lend<int>(old_revision, [&ran](const Xapian::Database&) {
    ran = true;
    return 1;
  });
  ASSERT_TRUE(lent.has_value());
  EXPECT_FALSE(lent->get().has_value());
  EXPECT_FALSE(ran);
  auto now = spare.lend<Xapian::doccount>(
      new_revision, [](const Xapian::Database& db) { return db.get_doccount(); });
  ASSERT_TRUE(now.has_value());
  EXPECT_EQ(now->get(), std::optional<Xapian::doccount>(2));
}

TEST(SpareCoreTest, AMissingDatabaseRunsNothing) {
  TempDir dir;
  SpareCore spare(dir / "nothing-here");
  auto lent = spare.lend<int>(1, [](const Xapian::Database&) { return 1; });
  ASSERT_TRUE(lent.has_value());
  EXPECT_FALSE(lent->get().has_value());
}

TEST(SpareCoreTest, ATasksErrorReachesTheCaller) {
  TempDir dir;
  const Xapian::rev revision = make_database(dir / "db", 1);
  SpareCore spare(dir / "db");
  auto lent = spare.lend<int>(revision, [](const Xapian::Database&) -> int {
    throw Xapian::DatabaseModifiedError("revision discarded");
  });
  ASSERT_TRUE(lent.has_value());
  EXPECT_THROW(lent->get(), Xapian::DatabaseModifiedError);
  // The helper goes on working after a failed task.
  auto next = spare.lend<int>(revision, [](const Xapian::Database&) { return 7; });
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->get(), std::optional<int>(7));
}

// Under load every search keeps to its own thread: lending then would only add switching.
TEST(SpareCoreTest, NothingIsLentWhileEveryCoreIsBusy) {
  TempDir dir;
  const Xapian::rev revision = make_database(dir / "db", 1);
  SpareCore spare(dir / "db");
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  {
    // One mark per busy thread: marks nested on one thread count once.
    std::promise<void> done;
    std::shared_future<void> finished = done.get_future().share();
    std::vector<std::thread> searches;
    std::atomic<unsigned> marked{0};
    for (unsigned i = 0; i < cores; ++i) {
      searches.emplace_back([&] {
        SpareCore::Busy busy, nested;
        ++marked;
        finished.wait();
      });
    }
    while (marked < cores) std::this_thread::yield();
    EXPECT_EQ(SpareCore::threads_busy(), cores);
    EXPECT_FALSE(spare.lend<int>(revision, [](const Xapian::Database&) { return 1; }));
    done.set_value();
    for (std::thread& t : searches) t.join();
  }
  SpareCore::Busy one;
  auto lent = spare.lend<int>(revision, [](const Xapian::Database&) { return 1; });
  if (cores == 1) {
    EXPECT_FALSE(lent.has_value());
  } else {
    ASSERT_TRUE(lent.has_value());
    EXPECT_EQ(lent->get(), std::optional<int>(1));
    // The core is given back before the caller hears, so the next search finds it idle.
    EXPECT_TRUE(spare.lend<int>(revision, [](const Xapian::Database&) { return 2; }));
  }
}

// A helper destroyed with tasks still waiting finishes the one running, reports the others as
// never run, and gives their cores back.
TEST(SpareCoreTest, DestroyingTheHelperAbandonsWaitingTasks) {
  TempDir dir;
  const Xapian::rev revision = make_database(dir / "db", 1);
  std::optional<std::future<std::optional<int>>> running, waiting;
  {
    SpareCore spare(dir / "db");
    auto started = std::make_shared<std::promise<void>>();
    running = spare.lend<int>(revision, [started](const Xapian::Database&) {
      started->set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      return 1;
    });
    ASSERT_TRUE(running.has_value());
    started->get_future().wait();
    waiting = spare.lend<int>(revision, [](const Xapian::Database&) { return 2; });
  }
  EXPECT_EQ(running->get(), std::optional<int>(1));
  if (waiting) {
    EXPECT_THROW(waiting->get(), std::future_error);
  }
  // Every core is free again.
  SpareCore spare(dir / "db");
  EXPECT_TRUE(spare.lend<int>(revision, [](const Xapian::Database&) { return 3; }));
}

// However many searchers a server keeps (one per connection thread), a database has one helper.
TEST(SpareCoreTest, SearchersOfOneDatabaseShareItsHelper) {
  TempDir dir;
  make_database(dir / "a", 1);
  make_database(dir / "b", 1);
  std::shared_ptr<SpareCore> a = SpareCore::of_database(dir / "a");
  EXPECT_EQ(SpareCore::of_database(dir / "a"), a);
  EXPECT_EQ(SpareCore::of_database(dir / "x" / ".." / "a"), a);
  EXPECT_NE(SpareCore::of_database(dir / "b"), a);
}

}  // namespace
}  // namespace tracuu
