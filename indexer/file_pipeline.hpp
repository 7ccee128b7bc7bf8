// Internal: the part of indexing a file that needs no database (read, hash, decode, split into
// documents, extract metadata, analyse, build the Xapian documents), run on a thread of its own
// so that analysis and Xapian's writer use both cores.
//
// Xapian objects share internals through non-atomic reference counts, so a Xapian::Document may
// change threads only whole: the preparing thread builds it, hands it over through the queue's
// mutex and never touches it again.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "file_record.hpp"
#include "tracuu/index_writer.hpp"

namespace tracuu {

// A file found under the roots, with its stat at the time it was listed.
struct ListedFile {
  std::string path;   // absolute
  std::string shown;  // shown_path(): how the index and the API name it
  std::string key;    // file_key(shown)
  std::optional<FileStat> stat;
};

struct PreparedFile {
  // kSkipped: read, but holds no document to index (skip_reason says why).
  enum class Outcome { kChanged, kUnchanged, kFailed, kSkipped };
  Outcome outcome = Outcome::kFailed;
  std::string path, key, hash;
  std::optional<FileStat> stat;   // as listed, recorded with the hash
  bool record_stale = false;      // kUnchanged: same content, but the record's stat is not this
  std::string error;              // kFailed: why
  size_t bytes = 0;               // the file's size
  std::string encoding;           // kChanged: what the bytes were read as ("utf-8", "tcvn3"…)
  std::string skip_reason;        // kSkipped: why
  bool remember_skip = true;      // kSkipped: record the file, so an unchanged copy is not read
                                  // again (not for secret documents, which a later run may allow)
  std::string revokes, replaces;  // edXML DocumentIds whose documents this file removes
  size_t ocr_pages = 0;
  std::vector<std::string> warnings;
  std::vector<std::pair<std::string, Xapian::Document>> documents;  // id term, document
};

// Prepares `files` on `workers` background threads, handed out in order, at most `ahead` files
// before the consumer. Office files are read by a child process each (intake.hpp), so two
// workers keep two readers busy while the writer indexes.
// `known` maps a file key to its record in the database (file_record.hpp): unchanged files are
// not decoded, and not even read when their stat is the recorded one. Destroying the pipeline
// stops and joins the thread.
class FilePipeline {
 public:
  FilePipeline(std::vector<ListedFile> files, std::map<std::string, FileRecord> known,
               IntakeSettings intake, size_t ahead, size_t workers = 2);
  ~FilePipeline();
  FilePipeline(const FilePipeline&) = delete;
  FilePipeline& operator=(const FilePipeline&) = delete;

  // The next prepared file, in order; nullopt after the last. `while_waiting`, when given, is
  // called about twice a second while the file is still being read (a long OCR).
  std::optional<PreparedFile> next(const std::function<void()>& while_waiting = {});

  // Scanned pages read so far, and to read, in the files being read now.
  std::pair<int, int> ocr_progress() const;

 private:
  void work(size_t worker);

  const std::vector<ListedFile> files_;
  const std::map<std::string, FileRecord> known_;
  const IntakeSettings intake_;
  const size_t ahead_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::map<size_t, PreparedFile> prepared_;  // by index in files_, until taken
  size_t claimed_ = 0;                       // files handed to a worker
  size_t taken_ = 0;                         // files handed to the consumer
  bool stopping_ = false;
  std::vector<std::pair<int, int>> ocr_progress_;  // per worker: pages done, total
  mutable std::mutex progress_mutex_;
  std::vector<std::thread> threads_;
};

// Reads and prepares one file (what the pipeline's thread does for each); `known` is its record,
// if the database has one.
PreparedFile prepare_file(const ListedFile& listed, const FileRecord* known,
                          const IntakeSettings& intake, ReaderProcess* reader = nullptr);

}  // namespace tracuu
