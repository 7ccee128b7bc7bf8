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
  size_t threads = 2;        // workers (ConnectionPool); each serves one connection at a time
};

// Installs routes, error handling, security headers, limits and the worker pool on `server`. Each
// worker thread opens its own Searcher on first use.
void install_api(httplib::Server& server, const ServerOptions& options);

}  // namespace tracuu::http
