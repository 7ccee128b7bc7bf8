#include "file_pipeline.hpp"

#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tracuu/analyzer.hpp"
#include "tracuu/document.hpp"
#include "tracuu/index_writer.hpp"
#include "tracuu/intake.hpp"
#include "tracuu/schema.hpp"
#include "tracuu/secrecy.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {
namespace fs = std::filesystem;
namespace {

// Only regular files are read (a FIFO would block the run, a device never end), and none larger
// than kMaxFileBytes: such a file is no administrative document and would exhaust memory.
Result<std::string> read_bytes(const std::string& path) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec == std::errc::no_such_file_or_directory) {
    return Status::unavailable("file vanished before it could be read");
  }
  if (ec) return Status::unavailable("cannot read file: " + ec.message());
  if (!fs::is_regular_file(st)) return Status::invalid_argument("not a regular file");
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    return Status::invalid_argument("file too large (" + std::to_string(size >> 20) +
                                    " MB; the limit is " + std::to_string(kMaxFileBytes >> 20) +
                                    " MB)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::unavailable("cannot open file (vanished or unreadable)");
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return Status::unavailable("read error");
  return out.str();
}

// The secrecy stamp of any of the file's documents: a cover letter may forward a secret plan.
std::string secret_mark(const std::vector<Document>& documents) {
  for (const Document& d : documents) {
    if (std::string mark = secrecy_mark(d.text); !mark.empty()) return mark;
  }
  return "";
}

bool allowed(const std::string& path, const std::vector<fs::path>& folders) {
  for (const fs::path& folder : folders) {
    std::error_code ec;
    std::string root = fs::absolute(folder, ec).lexically_normal().string();
    if (path == root) return true;
    if (!root.empty() && root.back() != '/') root.push_back('/');
    if (path.compare(0, root.size(), root) == 0) return true;
  }
  return false;
}

}  // namespace

Result<ReadFile> read_document_file(const std::string& path, const std::string& bytes,
                                    const IntakeSettings& intake, ReaderProcess* reader) {
  if (is_plain_text_name(path)) {
    ReadFile file;
    file.format = "txt";
    file.mime = "text/plain";
    file.blocks.push_back({TextBlock::Kind::kParagraph, bytes});
    return file;
  }
  if (reader) return reader->read(path);
  const fs::path program =
      intake.reader_program.empty() ? default_reader_program() : intake.reader_program;
  return read_file_isolated(path, program, intake.read, intake.limits);
}

PreparedFile prepare_file(const ListedFile& listed, const FileRecord* known,
                          const IntakeSettings& intake, ReaderProcess* reader) {
  thread_local Analyzer analyzer;
  PreparedFile file;
  file.path = listed.path;
  file.key = listed.key;
  file.stat = listed.stat;
  const bool known_hash = known && !known->hash.empty();
  if (known_hash && known->stat && listed.stat && *known->stat == *listed.stat) {
    file.hash = known->hash;
    file.bytes = listed.stat->size;
    file.outcome = PreparedFile::Outcome::kUnchanged;
    return file;
  }
  Result<std::string> bytes = read_bytes(listed.path);
  if (!bytes.is_ok()) {
    file.error = bytes.status().message();
    return file;
  }
  file.bytes = bytes->size();
  file.hash = content_hash(bytes.value());
  if (known_hash && file.hash == known->hash) {
    file.outcome = PreparedFile::Outcome::kUnchanged;
    file.record_stale = file.stat != known->stat;
    return file;
  }
  Result<ReadFile> read = read_document_file(listed.path, bytes.value(), intake, reader);
  if (!read.is_ok()) {
    file.error = read.status().message();
    return file;
  }
  file.warnings = read->warnings;
  file.ocr_pages = read->ocr_pages.size();
  file.revokes = read->revokes;
  file.replaces = read->replaces;
  if (!read->skip_reason.empty() || (!read->revokes.empty() && read->blocks.empty())) {
    file.outcome = PreparedFile::Outcome::kSkipped;
    file.skip_reason =
        read->skip_reason.empty() ? "edXML package revoking " + read->revokes : read->skip_reason;
    return file;
  }
  Result<FileDocuments> docs = documents_from_read_file(listed.shown, read.value());
  if (!docs.is_ok()) {
    file.error = docs.status().message();
    return file;
  }
  if (std::string mark = secret_mark(docs->documents);
      !mark.empty() && !allowed(listed.path, intake.secret_allowed)) {
    file.outcome = PreparedFile::Outcome::kSkipped;
    file.skip_reason = "stamped " + mark + " (a state secret): not indexed without --index-secret";
    file.remember_skip = false;
    return file;
  }
  file.encoding = docs->encoding;
  for (const Document& d : docs->documents) {
    file.documents.emplace_back(std::string(schema::kId) + d.id, build_index_document(d, analyzer));
  }
  file.outcome = PreparedFile::Outcome::kChanged;
  return file;
}

FilePipeline::FilePipeline(std::vector<ListedFile> files, std::map<std::string, FileRecord> known,
                           IntakeSettings intake, size_t ahead, size_t workers)
    : files_(std::move(files)),
      known_(std::move(known)),
      intake_(std::move(intake)),
      ahead_(ahead ? ahead : 1),
      ocr_progress_(std::max<size_t>(workers, 1)) {
  for (size_t i = 0; i < ocr_progress_.size(); ++i) threads_.emplace_back([this, i] { work(i); });
}

std::pair<int, int> FilePipeline::ocr_progress() const {
  std::lock_guard lock(progress_mutex_);
  std::pair<int, int> sum{0, 0};
  for (const auto& [done, total] : ocr_progress_) {
    sum.first += done;
    sum.second += total;
  }
  return sum;
}

FilePipeline::~FilePipeline() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  room_.notify_all();
  for (std::thread& t : threads_) t.join();
}

std::optional<PreparedFile> FilePipeline::next(const std::function<void()>& while_waiting) {
  std::unique_lock lock(mutex_);
  if (taken_ == files_.size()) return std::nullopt;
  auto ready = [this] { return prepared_.count(taken_) > 0; };
  while (!ready_.wait_for(lock, std::chrono::milliseconds(500), ready)) {
    if (!while_waiting) continue;
    lock.unlock();
    while_waiting();
    lock.lock();
  }
  auto it = prepared_.find(taken_);
  PreparedFile file = std::move(it->second);
  prepared_.erase(it);
  ++taken_;
  room_.notify_all();
  return file;
}

void FilePipeline::work(size_t worker) {
  IntakeSettings intake = intake_;
  intake.read.on_ocr_page = [this, worker](int done, int total) {
    std::lock_guard lock(progress_mutex_);
    ocr_progress_[worker] = {done, total};
  };
  // This thread's reader process, started at its first office file.
  ReaderProcess reader(
      intake.reader_program.empty() ? default_reader_program() : intake.reader_program, intake.read,
      intake.limits);
  for (;;) {
    size_t index;
    {
      std::unique_lock lock(mutex_);
      room_.wait(lock, [this] {
        return claimed_ == files_.size() || claimed_ < taken_ + ahead_ || stopping_;
      });
      if (stopping_ || claimed_ == files_.size()) return;
      index = claimed_++;
    }
    const ListedFile& listed = files_[index];
    PreparedFile file;
    try {
      auto known = known_.find(listed.key);
      file =
          prepare_file(listed, known == known_.end() ? nullptr : &known->second, intake, &reader);
    } catch (const std::exception& e) {  // e.g. bad_alloc on a pathological file
      file.path = listed.path;
      file.error = std::string("cannot index: ") + e.what();
    } catch (const Xapian::Error& e) {
      file.path = listed.path;
      file.error = "cannot index: " + e.get_description();
    }
    {
      std::lock_guard progress(progress_mutex_);
      ocr_progress_[worker] = {0, 0};
    }
    std::lock_guard lock(mutex_);
    prepared_.emplace(index, std::move(file));
    ready_.notify_one();
  }
}

}  // namespace tracuu
