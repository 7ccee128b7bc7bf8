// The HTTP layer of tracuu-server: one route table, handlers that decode parameters, call the
// engine (searcher.hpp) and encode JSON. No search logic lives here.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <string>

namespace tracuu::http {

struct ServerOptions {
  std::filesystem::path db = "data/index";
  std::string cors_origin;   // empty: no CORS headers
  bool log_requests = true;  // one line per request on stderr
  // Search workers: requests searching at once (one per core keeps the CPU busy without
  // thrashing). Connections are held by kConnectionThreadsPerWorker times as many threads, so
  // idle keep-alive clients and slow readers do not keep others waiting for a search worker.
  size_t threads = 2;
  // Recent answers kept whole, per database revision (RevisionCache); 0 to keep none.
  size_t answer_cache_bytes = 64 << 20;
};

inline constexpr size_t kConnectionThreadsPerWorker = 32;

// Installs routes, error handling, security headers, limits and the worker pool on `server`. Each
// worker thread opens its own Searcher on first use.
void install_api(httplib::Server& server, const ServerOptions& options);

}  // namespace tracuu::http
