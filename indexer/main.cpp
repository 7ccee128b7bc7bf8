// tracuu-index: builds and updates the search index, or shows what it understood of files.
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tracuu/document.hpp"
#include "tracuu/index_writer.hpp"
#include "tracuu/secrecy.hpp"

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
          {"format", d.source.format},
          {"pages", d.source.pages},
          {"ocr_pages", d.source.ocr_pages},
          {"encoding", d.encoding},
          {"type", or_null(m.type)},
          {"number", or_null(m.number)},
          {"title", or_null(m.title)},
          {"issuer", or_null(m.issuer)},
          {"province", or_null(m.province)},
          {"date", or_null(m.date)},
          {"year", m.year ? json(m.year) : json(nullptr)},
          {"year_inferred", m.year_inferred},
          {"number_uncertain", m.number_uncertain},
          {"date_uncertain", m.date_uncertain},
          {"signer", or_null(m.signer)},
          {"directives", directives}};
}

tracuu::Result<std::string> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tracuu::Status::not_found("cannot open file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return tracuu::Status::unavailable("read error");
  return bytes.str();
}

// What the reader made of the file, for --show: which reader, how many pages, which by OCR.
json reader_json(const tracuu::ReadFile& f) {
  return {{"reader", f.format},
          {"mime", f.mime},
          {"pages", f.pages},
          {"ocr_pages", f.ocr_pages},
          {"warnings", f.warnings}};
}

// The documents of one file as tracuu-index would index them, or why it would not.
tracuu::Result<json> show_file(const std::string& path, const tracuu::IntakeSettings& intake) {
  auto bytes = file_bytes(path);
  if (!bytes.is_ok()) return bytes.status();
  auto read = tracuu::read_document_file(path, bytes.value(), intake);
  if (!read.is_ok()) return read.status();
  std::error_code ec;
  std::string absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
  json out = json::array();
  if (!read->skip_reason.empty()) {
    json skipped = reader_json(read.value());
    skipped["source"] = {{"path", absolute}};
    skipped["skipped"] = read->skip_reason;
    out.push_back(skipped);
    return out;
  }
  auto docs = tracuu::documents_from_read_file(
      tracuu::shown_path(std::filesystem::path(absolute).parent_path(), absolute), read.value());
  if (!docs.is_ok()) return docs.status();
  for (const tracuu::Document& d : docs->documents) {
    json j = show_json(d);
    j.update(reader_json(read.value()));
    if (std::string mark = tracuu::secrecy_mark(d.text); !mark.empty()) j["secrecy"] = mark;
    out.push_back(j);
  }
  return out;
}

int show(const std::vector<std::string>& paths, const tracuu::IntakeSettings& intake) {
  json out = json::array();
  int status = 0;
  for (const std::string& path : paths) {
    auto docs = show_file(path, intake);
    if (!docs.is_ok()) {
      std::cerr << "tracuu-index: " << path << ": " << docs.status().message() << "\n";
      status = kExitUnreadable;
      continue;
    }
    for (json& d : docs.value()) out.push_back(std::move(d));
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
  std::string ocr;
  if (p.ocr_pages_total > 0) {
    ocr =
        "  OCR page " + std::to_string(p.ocr_pages_done) + "/" + std::to_string(p.ocr_pages_total);
  }
  std::fprintf(stderr, "\r[%s%s] %zu/%zu files  %.1f MB/s  ETA %.0fs%s    ",
               std::string(filled, '=').c_str(), std::string(kWidth - filled, ' ').c_str(),
               p.files_done, p.files_total, rate, eta, ocr.c_str());
  if (p.files_done == p.files_total) std::fprintf(stderr, "\n");
}

json summary_json(const tracuu::IndexSummary& s) {
  json failed = json::array();
  for (const auto& f : s.failed) failed.push_back({{"path", f.path}, {"error", f.error}});
  json skipped = json::array();
  for (const auto& f : s.skipped) skipped.push_back({{"path", f.path}, {"reason", f.reason}});
  json warnings = json::array();
  for (const auto& f : s.warnings) warnings.push_back({{"path", f.path}, {"warning", f.error}});
  json converted = json::array();
  for (const auto& c : s.converted) {
    converted.push_back({{"path", c.path}, {"encoding", c.encoding}});
  }
  return {{"added", s.added},         {"updated", s.updated},     {"unchanged", s.unchanged},
          {"deleted", s.deleted},     {"failed", failed},         {"converted", converted},
          {"skipped", skipped},       {"warnings", warnings},     {"revoked", s.revoked},
          {"ocr_pages", s.ocr_pages}, {"documents", s.documents}, {"seconds", s.seconds}};
}

void print_summary(const tracuu::IndexSummary& s) {
  std::printf(
      "added %zu, updated %zu, unchanged %zu, deleted %zu, skipped %zu, failed %zu files; "
      "%zu documents in the index (%.2f s)\n",
      s.added, s.updated, s.unchanged, s.deleted, s.skipped.size(), s.failed.size(), s.documents,
      s.seconds);
  if (s.ocr_pages) std::printf("  %zu scanned pages read by OCR\n", s.ocr_pages);
  if (s.revoked) std::printf("  %zu documents revoked by edXML packages\n", s.revoked);
  for (const auto& f : s.skipped)
    std::printf("  skipped: %s: %s\n", f.path.c_str(), f.reason.c_str());
  for (const auto& w : s.warnings)
    std::printf("  warning: %s: %s\n", w.path.c_str(), w.error.c_str());
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
  tracuu::IntakeSettings intake;
  bool no_ocr = false;
  std::string ocr_cache;
  std::vector<std::string> secret_allowed;
  app.add_flag("--no-ocr", no_ocr, "do not read scanned pages with OCR (they are reported)");
  app.add_option("--ocr-cache", ocr_cache,
                 "folder where OCR results are kept by page, so no page is read twice "
                 "(default: the database path + .ocr-cache)");
  app.add_option("--ocr-threads", intake.read.ocr_threads, "scanned pages read at once")
      ->capture_default_str();
  app.add_option("--index-secret", secret_allowed,
                 "a folder whose documents stamped MẬT, TỐI MẬT or TUYỆT MẬT are indexed "
                 "(elsewhere they are skipped); repeatable");
  app.add_option("--read-timeout", intake.limits.seconds, "seconds a file may take to read")
      ->capture_default_str();
  app.add_option("PATH", paths,
                 "files and folders to index, recursively: .txt, .docx, .odt, .doc, .rtf, "
                 ".html, .pdf, .edxml")
      ->required();
  CLI11_PARSE(app, argc, argv);
  intake.read.ocr = !no_ocr;
  intake.read.ocr_cache = ocr_cache.empty() ? db + ".ocr-cache" : ocr_cache;
  intake.secret_allowed.assign(secret_allowed.begin(), secret_allowed.end());
  // OCR on several threads spends CPU faster than the wall clock runs.
  intake.limits.cpu_seconds = intake.limits.seconds * std::max(1, intake.read.ocr_threads);

  if (show_only) return show(paths, intake);

  auto writer = tracuu::IndexWriter::open(db, rebuild);
  if (!writer.is_ok()) {
    std::cerr << "tracuu-index: " << writer.status().message() << "\n";
    return kExitNoIndex;
  }
  writer.value()->set_batch_size(batch);
  writer.value()->set_intake(intake);
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
