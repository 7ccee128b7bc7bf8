// The server's worker pool: every connection is served, and the accepting thread blocks once
// the waiting queue is full instead of queueing without bound.
#include "connection_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

namespace tracuu::http {
namespace {

using namespace std::chrono_literals;

TEST(ConnectionPoolTest, ServesEveryConnection) {
  std::atomic<int> served{0};
  {
    ConnectionPool pool(3, 4);
    for (int i = 0; i < 200; ++i) pool.enqueue([&] { ++served; });
    pool.shutdown();
  }
  EXPECT_EQ(served.load(), 200);
}

TEST(ConnectionPoolTest, AcceptingBlocksWhenTheQueueIsFull) {
  ConnectionPool pool(1, 2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> served{0};
  auto slow = [&] {
    released.wait();
    ++served;
  };
  pool.enqueue(slow);  // taken by the worker
  std::this_thread::sleep_for(50ms);
  pool.enqueue(slow);  // waiting: 1
  pool.enqueue(slow);  // waiting: 2 (full)
  auto blocked = std::async(std::launch::async, [&] { pool.enqueue(slow); });
  EXPECT_EQ(blocked.wait_for(200ms), std::future_status::timeout);
  release.set_value();
  EXPECT_EQ(blocked.wait_for(5s), std::future_status::ready);
  pool.shutdown();
  EXPECT_EQ(served.load(), 4);
}

}  // namespace
}  // namespace tracuu::http
