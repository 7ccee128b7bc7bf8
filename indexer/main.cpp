// tracuu-index: builds and updates the search index, or shows what it understood of files.
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "tracuu/document.hpp"
#include "tracuu/index_writer.hpp"

namespace {

using nlohmann::json;

// Exit codes, as --help and the README state them.
constexpr int kExitOk = 0;          // the index holds every readable file (failed ones listed)
constexpr int kExitUnreadable = 1;  // --show: a file could not be read
constexpr int kExitNoIndex = 2;     // the index could not be opened, locked or written
constexpr int kExitUnexpected = 3;  // an unexpected error; the index keeps its last commit
constexpr const char* kExitCodes =
    "Exit codes: 0 the index holds every readable file (files that failed are listed in the "
    "summary); 1 --show could not read a file; 2 the index could not be opened, locked or "
    "written (it keeps its last commit); 3 an unexpected error (the index keeps its last "
    "commit).";

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json show_json(const tracuu::Document& d) {
  const tracuu::DocumentMetadata& m = d.meta;
  json directives = json::array();
  for (const tracuu::Directive& x : m.directives) {
    directives.push_back(
        {{"id", x.id}, {"kind", x.kind}, {"date", or_null(x.date)}, {"issuer", or_null(x.issuer)}});
  }
  return {{"id", d.id},
          {"source", {{"path", d.source.path}, {"part", d.source.part}, {"parts", d.source.parts}}},
          {"encoding", d.encoding},
          {"type", or_null(m.type)},
          {"number", or_null(m.number)},
          {"title", or_null(m.title)},
          {"issuer", or_null(m.issuer)},
          {"province", or_null(m.province)},
          {"date", or_null(m.date)},
          {"year", m.year ? json(m.year) : json(nullptr)},
          {"year_inferred", m.year_inferred},
          {"signer", or_null(m.signer)},
          {"directives", directives}};
}

int show(const std::vector<std::string>& paths) {
  json out = json::array();
  int status = 0;
  for (const std::string& path : paths) {
    auto docs = tracuu::load_documents(path);
    if (!docs.is_ok()) {
      std::cerr << "tracuu-index: " << path << ": " << docs.status().message() << "\n";
      status = kExitUnreadable;
      continue;
    }
    for (const tracuu::Document& d : docs.value()) out.push_back(show_json(d));
  }
  std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return status;
}

// "[=====>    ] 120/421 files  3.2 MB/s  ETA 12s" on one terminal line.
void draw_progress(const tracuu::IndexProgress& p) {
  constexpr int kWidth = 30;
  double fraction = p.bytes_total ? double(p.bytes_done) / double(p.bytes_total) : 1.0;
  int filled = static_cast<int>(fraction * kWidth);
  double rate = p.seconds > 0 ? double(p.bytes_done) / 1e6 / p.seconds : 0;
  double eta = rate > 0 ? double(p.bytes_total - p.bytes_done) / 1e6 / rate : 0;
  std::fprintf(stderr, "\r[%s%s] %zu/%zu files  %.1f MB/s  ETA %.0fs ",
               std::string(filled, '=').c_str(), std::string(kWidth - filled, ' ').c_str(),
               p.files_done, p.files_total, rate, eta);
  if (p.files_done == p.files_total) std::fprintf(stderr, "\n");
}

json summary_json(const tracuu::IndexSummary& s) {
  json failed = json::array();
  for (const auto& f : s.failed) failed.push_back({{"path", f.path}, {"error", f.error}});
  json converted = json::array();
  for (const auto& c : s.converted) {
    converted.push_back({{"path", c.path}, {"encoding", c.encoding}});
  }
  return {{"added", s.added},         {"updated", s.updated}, {"unchanged", s.unchanged},
          {"deleted", s.deleted},     {"failed", failed},     {"converted", converted},
          {"documents", s.documents}, {"seconds", s.seconds}};
}

void print_summary(const tracuu::IndexSummary& s) {
  std::printf(
      "added %zu, updated %zu, unchanged %zu, deleted %zu, failed %zu files; "
      "%zu documents in the index (%.2f s)\n",
      s.added, s.updated, s.unchanged, s.deleted, s.failed.size(), s.documents, s.seconds);
  for (const auto& c : s.converted) {
    std::printf("  converted from %s: %s\n", c.encoding.c_str(), c.path.c_str());
  }
  for (const auto& f : s.failed) std::printf("  failed: %s: %s\n", f.path.c_str(), f.error.c_str());
}

int run(int argc, char** argv);

}  // namespace

// Any exception that escapes is reported with its message and exit code 3, never an abort: the
// index keeps its last commit whatever happened after it.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const Xapian::Error& e) {
    std::cerr << "tracuu-index: unexpected index error: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "tracuu-index: unexpected error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "tracuu-index: unexpected error\n";
  }
  return kExitUnexpected;
}

namespace {

int run(int argc, char** argv) {
  CLI::App app{"tracuu-index: index Vietnamese administrative documents for tracuu-server"};
  app.footer(kExitCodes);
  std::string db = "data/index";
  bool rebuild = false, as_json = false, show_only = false;
  size_t batch = 2000;
  std::vector<std::string> paths;
  app.add_option("--db", db, "Xapian database directory")->capture_default_str();
  app.add_flag("--rebuild", rebuild, "start the index from empty");
  app.add_flag("--json", as_json, "print the summary as one JSON line (last line of stdout)");
  app.add_flag("--show", show_only, "print the documents found in the files as JSON; no index");
  app.add_option("--batch", batch, "documents per commit")->capture_default_str();
  app.add_option("PATH", paths, "files and folders to index (.txt, recursively)")->required();
  CLI11_PARSE(app, argc, argv);

  if (show_only) return show(paths);

  auto writer = tracuu::IndexWriter::open(db, rebuild);
  if (!writer.is_ok()) {
    std::cerr << "tracuu-index: " << writer.status().message() << "\n";
    return kExitNoIndex;
  }
  writer.value()->set_batch_size(batch);
  std::vector<std::filesystem::path> roots(paths.begin(), paths.end());
  bool tty = isatty(STDERR_FILENO) && !as_json;
  auto summary = writer.value()->index(roots, tty ? draw_progress : nullptr);
  if (!summary.is_ok()) {
    std::cerr << "tracuu-index: " << summary.status().message() << "\n";
    return kExitNoIndex;
  }
  if (as_json) {
    std::cout << summary_json(summary.value()).dump() << "\n";
  } else {
    print_summary(summary.value());
  }
  return kExitOk;
}

}  // namespace
