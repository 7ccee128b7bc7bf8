// Batch, incremental, crash-safe indexing of source files into a Xapian database.
//
// Each file is recorded in the database (metadata "file:<key>" → content hash, size and
// modification time, path: indexer/file_record.hpp) in the same commit as its documents, so after a
// crash (even kill -9) the last commit is consistent and a rerun redoes exactly the files whose
// documents did not land: nothing lost, nothing doubled (documents are replaced by their unique id
// term). One IndexWriter per database at a time: Xapian's lock makes a second writer fail with
// kUnavailable. Not thread-safe.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tracuu/analyzer.hpp"
#include "tracuu/document.hpp"
#include "tracuu/intake.hpp"
#include "tracuu/status.hpp"

namespace tracuu {

struct FileFailure {
  std::string path;
  std::string error;
};

struct FileSkip {
  std::string path;
  std::string reason;  // "not a document type tracuu reads (image/png)", "marked Tối mật"…
};

struct FileConversion {
  std::string path;
  std::string encoding;  // the legacy encoding it was converted from (legacy_encoding.hpp)
};

struct IndexSummary {
  size_t added = 0;      // files new to the index
  size_t updated = 0;    // files whose content changed
  size_t unchanged = 0;  // files skipped: same content hash
  size_t deleted = 0;    // files gone from disk under an indexed root, removed from the index
  std::vector<FileFailure> failed;
  std::vector<FileSkip> skipped;          // files read that hold no document to index, and why
  std::vector<FileFailure> warnings;      // files indexed with something lost ("page 3: …")
  std::vector<FileConversion> converted;  // files read in a legacy encoding, this run
  size_t revoked = 0;                     // documents removed by edXML packages that revoke them
  size_t ocr_pages = 0;                   // scanned pages read by OCR this run
  size_t documents = 0;  // documents in the index after the run (a bundle counts its parts)
  double seconds = 0;
};

struct IndexProgress {
  size_t files_done = 0;
  size_t files_total = 0;
  size_t bytes_done = 0;
  size_t bytes_total = 0;
  int ocr_pages_done = 0;   // scanned pages read so far in the files being read now
  int ocr_pages_total = 0;  //   and in all, while OCR runs (0 otherwise)
  double seconds = 0;
};

// How files other than plain text are read (intake.hpp), and which secret-marked documents
// may be indexed (secrecy.hpp).
struct IntakeSettings {
  ReadOptions read;
  std::filesystem::path reader_program;  // tracuu-read; empty: default_reader_program()
  ReadLimits limits;
  // Folders (or files) whose documents stamped MẬT / TỐI MẬT / TUYỆT MẬT are indexed; any other
  // such document is skipped.
  std::vector<std::filesystem::path> secret_allowed;
};

// Reads a file as the indexer does: a plain text file is its `bytes`, any other file is read
// by a reader process under `intake.limits`: `reader` when given (kept for many files), else
// one of its own.
Result<ReadFile> read_document_file(const std::string& path, const std::string& bytes,
                                    const IntakeSettings& intake, ReaderProcess* reader = nullptr);

// Files larger than this are reported as failures, not read.
inline constexpr uintmax_t kMaxFileBytes = 256ull << 20;

// Builds the Xapian document for one Document: terms, values and stored data (schema.hpp).
Xapian::Document build_index_document(const Document& doc, Analyzer& analyzer);

struct PreparedFile;
struct ListedFile;
struct FileRecord;
struct FileList;

// Files prepared ahead of the writer (file_pipeline.hpp): enough to keep both cores busy, few
// enough to bound memory.
inline constexpr size_t kFilesAhead = 64;

class IndexWriter {
 public:
  // Opens (creating if needed) the database at `db`; `rebuild` starts from empty in a new
  // generation directory, which `db` names once index() has filled it, the old one then
  // removed (index_generation.hpp): until then readers answer from the old index, and they
  // never see its files cut short under them. A rebuild that fails leaves the old index served.
  static Result<std::unique_ptr<IndexWriter>> open(const std::filesystem::path& db, bool rebuild);

  // Indexes every file under `roots` (files or folders, recursively), skipping unchanged
  // files, replacing changed ones and deleting the documents of files that vanished under a
  // root. Bad files are reported in the summary and never stop the batch; only a database
  // failure (disk full, corruption) ends the run early, as a Status, after the last good commit.
  Result<IndexSummary> index(const std::vector<std::filesystem::path>& roots,
                             const std::function<void(const IndexProgress&)>& progress = {});

  // Documents committed per batch (default 2000); smaller batches commit more often.
  void set_batch_size(size_t documents) { batch_size_ = documents ? documents : 1; }

  void set_intake(IntakeSettings settings) { intake_ = std::move(settings); }

 private:
  explicit IndexWriter(Xapian::WritableDatabase db) : db_(std::move(db)) {}
  std::map<std::string, FileRecord> known_records(const std::vector<ListedFile>& files);
  size_t write_file(PreparedFile& file, IndexSummary& summary);
  void remove_vanished(const FileList& list, IndexSummary& summary);
  void abandon_batch();

  Xapian::WritableDatabase db_;
  size_t batch_size_ = 2000;
  IntakeSettings intake_;
  std::vector<std::string> db_paths_;  // absolute: never listed as documents under a root
  std::filesystem::path sync_at_end_;  // a rebuild's database, synced once when it is complete
  std::filesystem::path publish_as_;   // a rebuild's --db, switched to it when it is complete
  // The index a rebuild replaces, locked against other writers until the switch.
  std::optional<Xapian::WritableDatabase> previous_;
};

}  // namespace tracuu
