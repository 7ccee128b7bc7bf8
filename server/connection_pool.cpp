#include "connection_pool.hpp"

namespace tracuu::http {

ConnectionPool::ConnectionPool(size_t workers, size_t max_waiting)
    : max_waiting_(max_waiting ? max_waiting : 1) {
  for (size_t i = 0; i < (workers ? workers : 1); ++i) workers_.emplace_back([this] { work(); });
}

ConnectionPool::~ConnectionPool() { shutdown(); }

void ConnectionPool::enqueue(std::function<void()> connection) {
  std::unique_lock lock(mutex_);
  has_room_.wait(lock, [this] { return waiting_.size() < max_waiting_ || stopping_; });
  waiting_.push_back(std::move(connection));
  has_work_.notify_one();
}

void ConnectionPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
  }
  has_work_.notify_all();
  has_room_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
}

// Serves connections until shutdown; connections still waiting then are served before exiting,
// since each owns a socket that only its task closes.
void ConnectionPool::work() {
  for (;;) {
    std::function<void()> connection;
    {
      std::unique_lock lock(mutex_);
      has_work_.wait(lock, [this] { return !waiting_.empty() || stopping_; });
      if (waiting_.empty()) return;
      connection = std::move(waiting_.front());
      waiting_.pop_front();
      has_room_.notify_one();
    }
    connection();
  }
}

}  // namespace tracuu::http
