// The worker pool of tracuu-server, with a cap on waiting connections.
//
// cpp-httplib hands each accepted connection to a TaskQueue, and its own ThreadPool queues
// without bound: a flood of connections (or slow clients holding every worker) would pile up
// sockets and memory. This pool blocks the accepting thread once `max_waiting` connections wait
// for a worker, so further clients wait in the kernel's listen backlog instead, and are served
// in turn when workers free up. Thread-safe; owned by the httplib::Server that created it.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tracuu::http {

// Connections that may wait for each worker before the accepting thread blocks.
inline constexpr size_t kMaxWaitingPerWorker = 32;

class ConnectionPool : public httplib::TaskQueue {
 public:
  ConnectionPool(size_t workers, size_t max_waiting);
  ~ConnectionPool() override;

  // Called by the accepting thread for each connection; blocks while the queue is full.
  void enqueue(std::function<void()> connection) override;
  void shutdown() override;

 private:
  void work();

  const size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable has_work_, has_room_;
  std::deque<std::function<void()>> waiting_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace tracuu::http
