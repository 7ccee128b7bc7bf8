// tracuu-server: the JSON API and the search page over an index tracuu-index built.
#include <httplib.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <thread>

#include "http_api.hpp"
#include "tracuu/searcher.hpp"

int main(int argc, char** argv) {
  CLI::App app{"tracuu-server: search Vietnamese administrative documents over HTTP"};
  tracuu::http::ServerOptions options;
  std::string db = "data/index", host = "127.0.0.1";
  int port = 8080;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("--db", db, "Xapian database directory built by tracuu-index")
      ->capture_default_str();
  app.add_option("--host", host, "address to listen on (loopback unless you expose it)")
      ->capture_default_str();
  app.add_option("--port", port, "TCP port")->capture_default_str()->check(CLI::Range(0, 65535));
  app.add_option("--threads", threads, "worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1u, 256u));
  app.add_option("--cors-origin", options.cors_origin, "allow this origin to call the API");
  size_t answer_cache_mb = options.answer_cache_bytes >> 20;
  app.add_option("--answer-cache-mb", answer_cache_mb,
                 "memory for recent answers, repeated at the same index revision (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{0}, size_t{65536}));
  CLI11_PARSE(app, argc, argv);
  options.answer_cache_bytes = answer_cache_mb << 20;
  options.db = db;
  options.threads = threads;

  // Fail early and clearly when there is no index to serve.
  auto probe = tracuu::Searcher::open(options.db);
  if (!probe.is_ok()) {
    std::fprintf(stderr, "tracuu-server: %s\n", probe.status().message().c_str());
    if (probe.status().code() == tracuu::Status::Code::kUnavailable) {
      std::fprintf(stderr, "(build it first: tracuu-index --db %s FOLDER)\n", db.c_str());
    }
    return 2;
  }
  probe.value().reset();

  // SIGINT/SIGTERM are taken by a thread of their own: stop() is not async-signal-safe.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server server;
  tracuu::http::install_api(server, options);
  int bound =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound < 0) {
    std::fprintf(stderr, "tracuu-server: cannot listen on %s:%d\n", host.c_str(), port);
    return 2;
  }
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::fprintf(stderr, "tracuu-server: stopping (signal %d)\n", sig);
    server.stop();
  });
  std::fprintf(stderr, "tracuu-server: serving %s at http://%s:%d/ with %u threads\n", db.c_str(),
               host.c_str(), bound, threads);
  server.listen_after_bind();
  pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the stopper if we stopped otherwise
  stopper.join();
  return 0;
}
