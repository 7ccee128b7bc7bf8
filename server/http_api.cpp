#include "http_api.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <new>
#include <semaphore>

#include "connection_pool.hpp"
#include "json_codec.hpp"
#include "request_params.hpp"
#include "static_assets.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/searcher.hpp"

namespace tracuu::http {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxBodyBytes = 16 * 1024;
constexpr size_t kMaxIdBytes = 200;

thread_local Clock::time_point request_started;

// This thread's Searcher for `db`: Xapian handles must not cross threads.
Result<Searcher*> searcher_for(const std::filesystem::path& db,
                               const std::shared_ptr<RevisionCache>& cache) {
  thread_local std::map<std::string, std::unique_ptr<Searcher>> searchers;
  auto& slot = searchers[db.string()];
  if (!slot) {
    auto opened = Searcher::open(db, cache);
    if (!opened.is_ok()) return opened.status();
    slot = std::move(opened.value());
  }
  return slot.get();
}

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void reply_error(httplib::Response& res, const Status& s) {
  reply(res, http_status(s), error_json(error_code(s), s.message()));
}

// An exception that reached the HTTP layer, as a status: Xapian's (the index could not be read)
// and memory running out are the server's trouble; any other is this request's, answered as
// a request error. Every answer is then a JSON error, never a bare 500.
Status status_of(std::exception_ptr thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const Xapian::Error& e) {
    return Status::unavailable("index error: " + e.get_description());
  } catch (const std::bad_alloc&) {
    return Status::unavailable("out of memory");
  } catch (const std::exception& e) {
    return Status::invalid_argument(std::string("cannot answer this request: ") + e.what());
  } catch (...) {
    return Status::invalid_argument("cannot answer this request");
  }
}

double elapsed_ms() {
  return std::chrono::duration<double, std::milli>(Clock::now() - request_started).count();
}

// Runs `body` with this thread's Searcher after checking the request's parameters; any error
// becomes the JSON error response.
// At most ServerOptions::threads requests search at once; the others wait here, in their
// connection's thread.
using SearchSlots = std::counting_semaphore<1024>;

template <typename F>
httplib::Server::Handler with_searcher(const ServerOptions& options,
                                       std::shared_ptr<SearchSlots> slots,
                                       std::shared_ptr<RevisionCache> cache, F body) {
  return
      [db = options.db, slots, cache, body](const httplib::Request& req, httplib::Response& res) {
        if (Status s = check_params(req); !s.is_ok()) return reply_error(res, s);
        slots->acquire();
        struct Release {
          SearchSlots& slots;
          ~Release() { slots.release(); }
        } release{*slots};
        Result<Searcher*> searcher = searcher_for(db, cache);
        if (!searcher.is_ok()) return reply_error(res, searcher.status());
        try {
          body(*searcher.value(), req, res);
        } catch (...) {
          reply_error(res, status_of(std::current_exception()));
        }
      };
}

// The path id after URL decoding, bounded and valid.
Result<std::string> path_id(const httplib::Request& req) {
  std::string id = req.matches.size() > 1 ? std::string(req.matches[1]) : "";
  if (id.empty() || id.size() > kMaxIdBytes || !is_valid_utf8(id) ||
      id.find('\0') != std::string::npos) {
    return Status::not_found("no such id");
  }
  return id;
}

void handle_search(Searcher& s, const httplib::Request& req, httplib::Response& res) {
  Result<SearchRequest> request = parse_search_request(req);
  if (!request.is_ok()) return reply_error(res, request.status());
  Result<SearchResult> result = s.search(request.value());
  if (!result.is_ok()) return reply_error(res, result.status());
  reply(res, 200, search_json(request.value(), result.value(), elapsed_ms()));
}

void handle_document(Searcher& s, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> id = path_id(req);
  if (!id.is_ok()) return reply_error(res, id.status());
  Result<DocumentView> view = s.document(id.value(), to_nfc(req.get_param_value("q")));
  if (!view.is_ok()) return reply_error(res, view.status());
  reply(res, 200, document_json(view.value()));
}

// "filename*" in RFC 5987 form, so a Vietnamese file name reaches the browser intact.
std::string attachment_header(const std::string& name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string ascii, encoded;
  for (unsigned char c : name) {
    bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    ascii.push_back(plain ? static_cast<char>(c) : '_');
    if (plain) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

// Always an attachment: an HTML or XML original must never run as a page of this site.
void handle_original_file(Searcher& s, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> id = path_id(req);
  if (!id.is_ok()) return reply_error(res, id.status());
  Result<OriginalFile> file = s.original_file(id.value());
  if (!file.is_ok()) {
    if (file.status().code() == Status::Code::kUnavailable) {
      return reply(res, 409, error_json("file_changed", file.status().message()));
    }
    return reply_error(res, file.status());
  }
  res.status = 200;
  res.set_header("Content-Disposition", attachment_header(file->download_name));
  res.set_content(std::move(file->bytes), file->content_type.c_str());
}

void handle_directive(Searcher& s, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> id = path_id(req);
  if (!id.is_ok()) return reply_error(res, id.status());
  Result<size_t> page = size_param(req, "page", 1);
  if (!page.is_ok()) return reply_error(res, page.status());
  Result<size_t> size = size_param(req, "size", kCitingPageSize);
  if (!size.is_ok()) return reply_error(res, size.status());
  Result<DirectiveView> view = s.directive(id.value(), page.value(), size.value());
  if (!view.is_ok()) return reply_error(res, view.status());
  reply(res, 200, directive_json(view.value(), page.value(), size.value()));
}

void handle_suggest(Searcher& s, const httplib::Request& req, httplib::Response& res) {
  std::string q = req.get_param_value("q");
  Result<std::vector<Suggestion>> list = s.suggest(q);
  if (!list.is_ok()) return reply_error(res, list.status());
  reply(res, 200, suggestions_json(q, list.value()));
}

void handle_health(Searcher& s, const httplib::Request&, httplib::Response& res) {
  Result<size_t> n = s.document_count();
  if (!n.is_ok()) return reply_error(res, n.status());
  reply(res, 200, {{"status", "ok"}, {"documents", n.value()}});
}

void handle_asset(const httplib::Request& req, httplib::Response& res) {
  const StaticAsset* asset = find_asset(req.path == "/" ? "/index.html" : req.path);
  if (!asset) return reply_error(res, Status::not_found("no such page: " + req.path));
  res.set_content(std::string(asset->body), std::string(asset->content_type));
}

void method_not_allowed(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Allow", "GET, HEAD");
  reply(res, 405, error_json("method_not_allowed", req.method + " is not allowed here; use GET"));
}

const char* error_code_for(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

void install_headers(httplib::Server& server, const ServerOptions& options) {
  httplib::Headers headers = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"},
      {"Cache-Control", "no-store"},
  };
  if (!options.cors_origin.empty()) {
    headers.emplace("Access-Control-Allow-Origin", options.cors_origin);
    headers.emplace("Vary", "Origin");
  }
  server.set_default_headers(headers);
}

void install_limits_and_logging(httplib::Server& server, const ServerOptions& options) {
  server.set_payload_max_length(kMaxBodyBytes);
  // Headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm and the
  // client's delayed ACK hold every response back about 40 ms.
  server.set_tcp_nodelay(true);
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_timeout(2);  // an idle browser connection holds a worker: release it soon
  server.set_keep_alive_max_count(20);  // then the connection yields its thread to a waiting one
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_started = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  if (options.log_requests) {
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s %s %d %.1fms\n", req.method.c_str(), req.path.c_str(), res.status,
                   elapsed_ms());
    });
  }
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty() &&
        res.get_header_value("Content-Type").find("json") != std::string::npos) {
      return;
    }
    std::string message = res.status == 404   ? "no such route"
                          : res.status == 413 ? "request body too large"
                          : res.status == 414 ? "request URI too long"
                          : res.status == 400 ? "malformed request"
                                              : "request failed";
    reply(res, res.status, error_json(error_code_for(res.status), message));
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr thrown) {
        reply_error(res, status_of(thrown));
      });
}

}  // namespace

void install_api(httplib::Server& server, const ServerOptions& options) {
  const size_t workers = std::clamp<size_t>(options.threads, 1, 256);
  server.new_task_queue = [workers] {
    return new ConnectionPool(kConnectionThreadsPerWorker * workers,
                              kMaxWaitingPerWorker * workers);
  };
  auto slots = std::make_shared<SearchSlots>(static_cast<std::ptrdiff_t>(workers));
  RevisionCache::Limits limits;
  limits.answer_bytes = options.answer_cache_bytes;
  auto cache = std::make_shared<RevisionCache>(limits);  // shared by every worker's Searcher
  install_headers(server, options);
  install_limits_and_logging(server, options);
  // The route table.
  const struct {
    const char* pattern;
    httplib::Server::Handler handler;
  } routes[] = {
      {"/api/search", with_searcher(options, slots, cache, handle_search)},
      {R"(/api/documents/([^/]+)/file)",
       with_searcher(options, slots, cache, handle_original_file)},
      {R"(/api/documents/(.+))", with_searcher(options, slots, cache, handle_document)},
      {R"(/api/directives/(.+))", with_searcher(options, slots, cache, handle_directive)},
      {"/api/suggest", with_searcher(options, slots, cache, handle_suggest)},
      {"/api/health", with_searcher(options, slots, cache, handle_health)},
      {R"(/(|index\.html|assets/[A-Za-z0-9_.-]+))", handle_asset},
  };
  for (const auto& r : routes) {
    server.Get(r.pattern, r.handler);
    server.Post(r.pattern, method_not_allowed);
    server.Put(r.pattern, method_not_allowed);
    server.Delete(r.pattern, method_not_allowed);
    server.Patch(r.pattern, method_not_allowed);
  }
}

}  // namespace tracuu::http
