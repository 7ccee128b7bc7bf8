#include "tracuu/index_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "file_pipeline.hpp"
#include "tracuu/abbreviations.hpp"
#include "tracuu/document_codec.hpp"
#include "tracuu/index_generation.hpp"
#include "tracuu/schema.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {
namespace fs = std::filesystem;

// The files under the roots of one run.
struct FileList {
  std::vector<ListedFile> files;   // absolute paths, sorted, unique
  std::vector<std::string> roots;  // absolute; folders end with '/'
  std::vector<FileFailure> failed;
};

namespace {

// Every file of a folder is read or reported, but for hidden files (".DS_Store", a ".git"
// folder's objects) and Word's lock files ("~$oạch.docx", the owner of an open document),
// which no office treats as documents.
bool is_listed(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] != '.' && name.rfind("~$", 0) != 0;
}

bool in_hidden_folder(const fs::path& relative) {
  for (const fs::path& part : relative.parent_path()) {
    const std::string name = part.string();
    if (!name.empty() && name[0] == '.' && name != "." && name != "..") return true;
  }
  return false;
}

std::string absolute_string(const fs::path& p) {
  std::error_code ec;
  return fs::absolute(p, ec).lexically_normal().string();
}

// `excluded`: folders never listed (the index itself and its OCR cache, when they lie under a
// root: their files are no documents).
FileList collect_files(const std::vector<fs::path>& roots,
                       const std::vector<std::string>& excluded) {
  FileList list;
  std::map<std::string, std::string> files;           // absolute path → shown path
  std::map<std::string, std::string> folder_by_name;  // a shown path's first part → its folder
  for (const fs::path& root : roots) {
    std::string abs = absolute_string(root);
    std::error_code ec;
    // Files are shown below their folder's name; two folders of one name (a/docs, b/docs) are
    // told apart by their whole path, so that no two files share a shown path.
    fs::path folder = fs::is_directory(root, ec) ? fs::path(abs) : fs::path(abs).parent_path();
    if (folder.filename().empty()) folder = folder.parent_path();  // "…/docs/"
    const std::string name = folder.filename().string();
    auto [taken, fresh] = folder_by_name.emplace(name, folder.string());
    const bool unique_name = fresh || taken->second == folder.string();
    auto shown = [&](const std::string& file) {
      return unique_name
                 ? shown_path(folder, file)
                 : (fs::path(folder.relative_path()) / fs::path(file).lexically_relative(folder))
                       .lexically_normal()
                       .string();
    };
    if (fs::is_directory(root, ec)) {
      list.roots.push_back(abs.back() == '/' ? abs : abs + "/");
      auto options = fs::directory_options::skip_permission_denied;
      for (fs::recursive_directory_iterator it(root, options, ec), end; !ec && it != end;
           it.increment(ec)) {
        if (it->is_directory(ec) && std::find(excluded.begin(), excluded.end(),
                                              absolute_string(it->path())) != excluded.end()) {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && is_listed(it->path()) &&
            !in_hidden_folder(it->path().lexically_relative(root))) {
          const std::string file = absolute_string(it->path());
          files.emplace(file, shown(file));
        }
      }
      if (ec) list.failed.push_back({abs, "cannot list folder: " + ec.message()});
    } else if (fs::exists(root, ec)) {
      list.roots.push_back(abs);
      files.emplace(abs, shown(abs));
    } else {
      list.failed.push_back({abs, "no such file or folder"});
    }
  }
  // One stat per file, here: it sizes the progress and lets unchanged files go unread.
  for (const auto& [path, shown_as] : files) {
    list.files.push_back({path, shown_as, file_key(shown_as), stat_file(path)});
  }
  return list;
}

bool under_root(const std::string& path, const std::vector<std::string>& roots) {
  for (const std::string& r : roots) {
    if (path == r || (r.back() == '/' && path.compare(0, r.size(), r) == 0)) return true;
  }
  return false;
}

void add_filter(Xapian::Document& xd, std::string_view prefix, Xapian::valueno slot,
                const std::string& display) {
  if (display.empty()) return;
  xd.add_boolean_term(schema::filter_term(prefix, display));
  xd.add_value(slot, display);
}

// schema::kSpelledOut for every expansion the words spell out, once per occurrence (the wdf
// ranks a text that says "Ủy ban nhân dân" ten times above one that says it once).
void add_spelled_out_abbreviations(Xapian::Document& xd, const std::vector<std::string>& words) {
  const Abbreviations& table = Abbreviations::builtin();
  for (size_t i = 0; i < words.size(); ++i) {
    for (const auto& [key, length] : table.abbreviations_at(words, i)) {
      xd.add_term(schema::term(schema::kSpelledOut, key));
    }
  }
}

// The words of the file's name and its folder's name (schema::kNamePosition).
void add_name_words(Xapian::Document& xd, Analyzer& analyzer, const std::string& path) {
  const fs::path p(path);
  const std::string name = p.parent_path().filename().string() + "\n" + p.stem().string();
  analyzer.analyze(name, schema::kNamePosition, [&](const Token& t) {
    if (t.kind == TokenKind::kCompound) {
      xd.add_term(schema::term(schema::kCompound, t.folded));
    } else {
      xd.add_posting(t.folded, t.position);
    }
  });
}

// fsync of every file in `dir`, then of `dir` itself.
Status sync_files(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  paths.push_back(dir);
  for (const fs::path& path : paths) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      std::string why = std::strerror(errno);
      if (fd >= 0) ::close(fd);
      return Status::unavailable("cannot sync " + path.string() + " to disk: " + why);
    }
    ::close(fd);
  }
  return Status::ok();
}

// Whether `db` is a database whose creation never finished: Xapian writes the table files first
// and the revision file (iamglass) last, so an indexer killed in between leaves tables and no
// revision. Such a folder holds nothing committed, yet Xapian will neither open it nor create a
// database over it. Only a folder of nothing but glass's own files counts.
bool is_unfinished_creation(const fs::path& db) {
  std::error_code ec;
  if (fs::exists(db / "iamglass", ec)) return false;
  bool any = false;
  for (const auto& entry : fs::directory_iterator(db, ec)) {
    const std::string name = entry.path().filename().string();
    const bool glass_file = name == "flintlock" || entry.path().extension() == ".glass" ||
                            entry.path().extension() == ".tmp";
    if (!glass_file || !entry.is_regular_file(ec)) return false;
    any = true;
  }
  return any && !ec;
}

// Documents whose postings Xapian's writer holds in memory before it writes them into its
// tables (without committing: index() keeps each batch in a transaction). Its buffers are
// std::maps by docid per term, and their look-ups cost more the more they hold: at 20,000
// documents, flushing every 250 instead of at each commit of 2,000 took a rebuild from 35-53 s
// to 31-40 s in alternating runs, and its peak memory from 158 to 50 MB.
constexpr const char* kFlushEveryDocuments = "250";

// Opens (or creates) the database, starting afresh over an unfinished creation.
Xapian::WritableDatabase open_writable(const fs::path& db, int flags) {
  // Xapian 1.4 takes the flush threshold only from the environment, read as a writable
  // database opens; one set by the user wins.
  ::setenv("XAPIAN_FLUSH_THRESHOLD", kFlushEveryDocuments, /*overwrite=*/0);
  try {
    return Xapian::WritableDatabase(db.string(), flags);
  } catch (const Xapian::DatabaseOpeningError&) {
    if (!is_unfinished_creation(db)) throw;
    return Xapian::WritableDatabase(db.string(),
                                    Xapian::DB_CREATE_OR_OVERWRITE | (flags & Xapian::DB_NO_SYNC));
  }
}

}  // namespace

Xapian::Document build_index_document(const Document& doc, Analyzer& analyzer) {
  const DocumentMetadata& m = doc.meta;
  Xapian::Document xd;
  xd.set_data(encode_document(doc));
  xd.add_boolean_term(std::string(schema::kId) + doc.id);
  xd.add_boolean_term(std::string(schema::kFile) + file_key(doc.source.path));
  if (!doc.exchange_id.empty()) xd.add_boolean_term(schema::exchange_term(doc.exchange_id));
  for (unsigned level = schema::sample_level(doc.id); level > 0; --level) {
    xd.add_boolean_term(schema::sample_term(level));
  }
  add_filter(xd, schema::kIssuer, schema::kIssuerSlot, m.issuer);
  add_filter(xd, schema::kType, schema::kTypeSlot, m.type);
  add_filter(xd, schema::kProvince, schema::kProvinceSlot, m.province);
  if (m.year) add_filter(xd, schema::kYear, schema::kYearSlot, std::to_string(m.year));
  if (!m.number_key.empty()) {
    xd.add_boolean_term(std::string(schema::kNumber) + m.number_key);
    xd.add_value(schema::kNumberSlot, m.number);
    // "tờ trình 156": the serial as officials say it, without the symbol.
    size_t digits = m.number_key.find_first_not_of("0123456789");
    if (digits > 0 && digits != std::string::npos) {
      xd.add_boolean_term(std::string(schema::kSerial) + m.number_key.substr(0, digits));
    }
  }
  if (m.date.size() == 10) {
    xd.add_value(schema::kDateSlot, m.date.substr(0, 4) + m.date.substr(5, 2) + m.date.substr(8));
  }
  std::string cited;
  for (const Directive& d : m.directives) {
    xd.add_boolean_term(std::string(schema::kCites) + d.key);
    if (!cited.empty()) cited.push_back(schema::kMultiValueSeparator);
    cited += d.id;
  }
  if (!cited.empty()) xd.add_value(schema::kDirectiveSlot, cited);

  std::vector<uint32_t> offsets;
  thread_local std::vector<std::string> words;  // the text's folded words, in order
  words.clear();
  thread_local std::unordered_map<std::string, Xapian::termcount> exact_counts;
  exact_counts.clear();
  analyzer.analyze(doc.text, schema::kFirstPosition, [&](const Token& t) {
    if (t.kind == TokenKind::kWord &&
        (t.position - schema::kFirstPosition) % schema::kOffsetStride == 0) {
      offsets.push_back(t.start);
    }
    if (t.kind == TokenKind::kCompound) {
      xd.add_term(schema::term(schema::kCompound, t.folded));
      return;
    }
    xd.add_posting(t.folded, t.position);
    words.push_back(t.folded);
    if (t.exact != t.folded) ++exact_counts[t.exact];
  });
  // One add_term per exact form with its count, where one per occurrence cost a look-up in
  // the document's term map each time: a tenth of all the indexer's CPU.
  for (const auto& [exact, count] : exact_counts) {
    xd.add_term(schema::term(schema::kExact, exact), count);
  }
  add_spelled_out_abbreviations(xd, words);
  add_name_words(xd, analyzer, doc.source.path);
  analyzer.analyze(m.title, 0, [&](const Token& t) {
    if (t.kind != TokenKind::kWord) return;
    xd.add_term(schema::term(schema::kTitle, t.folded));
    if (t.exact != t.folded) {
      xd.add_term(schema::term(schema::kTitleExact, t.exact));
    }
  });
  if (std::string whole = schema::title_term(m.title); !whole.empty()) xd.add_boolean_term(whole);
  if (!offsets.empty()) xd.add_value(schema::kOffsetsSlot, schema::encode_word_offsets(offsets));
  return xd;
}

namespace {

// A rebuild must not start while another writer adds to the index readers see: the current
// generation's lock is taken, and held until the rebuild's generation replaces it. An index
// that cannot be opened at all (damaged, unfinished) is what a rebuild is for: no lock then.
std::optional<Xapian::WritableDatabase> lock_current_generation(const fs::path& db) {
  std::error_code ec;
  if (!fs::exists(current_generation(db) / "iamglass", ec)) return std::nullopt;
  try {
    return Xapian::WritableDatabase(db.string(), Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw;
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

}  // namespace

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const fs::path& db, bool rebuild) {
  try {
    // A rebuild writes a new generation, which readers see only once it is whole (index()
    // switches to it at the end); until then they answer from the old one, which is never
    // truncated under them.
    std::optional<Xapian::WritableDatabase> current;
    fs::path target = db;
    if (rebuild) {
      current = lock_current_generation(db);
      Result<fs::path> generation = make_generation(db);
      if (!generation.is_ok()) return generation.status();
      target = generation.value();
    }
    std::error_code ec;
    fs::create_directories(target, ec);
    // A rebuild starts from nothing, so a power cut in the middle loses nothing a rerun cannot
    // redo: its commits skip fsync and the whole database is synced once at the end (index()).
    // An incremental run syncs every commit: the index it adds to must survive.
    int flags =
        rebuild ? Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC : Xapian::DB_CREATE_OR_OPEN;
    Xapian::WritableDatabase xdb = open_writable(target, flags);
    if (std::string why = schema::stamp_mismatch(xdb); !why.empty()) {
      return Status::invalid_argument("database " + db.string() + " was " + why +
                                      ": run again with --rebuild");
    }
    if (xdb.get_metadata(std::string(schema::kAnalysisKey)) != schema::analysis_stamp()) {
      xdb.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
      xdb.set_metadata(std::string(schema::kAnalysisKey), schema::analysis_stamp());
      xdb.commit();  // stamped before readers can see it
    }
    auto writer = std::unique_ptr<IndexWriter>(new IndexWriter(std::move(xdb)));
    if (rebuild) {
      writer->sync_at_end_ = target;
      writer->publish_as_ = db;
      writer->previous_ = std::move(current);
    }
    // Never listed as documents when under a root: the --db link, the generation it points to
    // and the one being written.
    std::error_code resolved;
    writer->db_paths_ = {absolute_string(db), absolute_string(target),
                         fs::weakly_canonical(db, resolved).string()};
    return writer;
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::unavailable("database " + db.string() +
                               " is locked: another tracuu-index is writing to it");
  } catch (const Xapian::Error& e) {
    return Status::unavailable("cannot open database " + db.string() + ": " + e.get_description());
  }
}

Result<IndexSummary> IndexWriter::index(const std::vector<fs::path>& roots,
                                        const std::function<void(const IndexProgress&)>& progress) {
  auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  IndexSummary summary;
  std::vector<std::string> excluded = db_paths_;
  if (!intake_.read.ocr_cache.empty()) excluded.push_back(absolute_string(intake_.read.ocr_cache));
  FileList list = collect_files(roots, excluded);
  summary.failed = list.failed;

  IndexProgress p;
  p.files_total = list.files.size();
  for (const ListedFile& f : list.files) p.bytes_total += f.stat ? f.stat->size : 0;
  size_t pending = 0;
  try {
    std::map<std::string, FileRecord> known = known_records(list.files);
    FilePipeline pipeline(list.files, std::move(known), intake_, kFilesAhead);
    // Each batch is one transaction, so that Xapian's flushes inside it (kFlushEveryDocuments)
    // write postings without committing them: readers see whole batches, and only a batch's
    // commit syncs. A failure leaves the transaction uncommitted: the index keeps its last batch.
    db_.begin_transaction();
    // While a file is long in reading (OCR), the progress shows its pages.
    auto waiting = [&] {
      std::tie(p.ocr_pages_done, p.ocr_pages_total) = pipeline.ocr_progress();
      p.seconds = elapsed();
      if (progress && p.ocr_pages_total > 0) progress(p);
    };
    while (std::optional<PreparedFile> file = pipeline.next(waiting)) {
      ++p.files_done;
      p.bytes_done += file->bytes;
      pending += write_file(*file, summary);
      if (pending >= batch_size_) {
        db_.commit_transaction();
        db_.begin_transaction();
        pending = 0;
      }
      std::tie(p.ocr_pages_done, p.ocr_pages_total) = pipeline.ocr_progress();
      p.seconds = elapsed();
      if (progress) progress(p);
    }
    remove_vanished(list, summary);
    db_.commit_transaction();
    summary.documents = db_.get_doccount();
    if (!sync_at_end_.empty()) {
      if (Status synced = sync_files(sync_at_end_); !synced.is_ok()) return synced;
    }
    if (!publish_as_.empty()) {
      // The rebuilt index is whole and on disk: readers move to it now, atomically.
      if (Status s = switch_generation(publish_as_, sync_at_end_); !s.is_ok()) return s;
      publish_as_.clear();
      previous_.reset();
    }
  } catch (const Xapian::Error& e) {
    abandon_batch();
    return Status::unavailable("index write failed: " + e.get_description());
  }
  summary.seconds = elapsed();
  return summary;
}

// Drops the uncommitted batch after a failure, so the writer can run again from the last commit.
void IndexWriter::abandon_batch() {
  try {
    db_.cancel_transaction();
  } catch (const Xapian::Error&) {
    // No transaction was open (the failure came before or between batches), or the database
    // is already unusable; either way nothing uncommitted is kept.
  }
}

// The record of each file, read before the pipeline starts: its thread must not touch the
// database.
std::map<std::string, FileRecord> IndexWriter::known_records(const std::vector<ListedFile>& files) {
  std::map<std::string, FileRecord> known;
  for (const ListedFile& f : files) {
    std::string record = db_.get_metadata(schema::term(schema::kFileRecord, f.key));
    if (!record.empty()) known[f.key] = FileRecord::parse(record);
  }
  return known;
}

// Writes one prepared file: a failure is reported (and the file's previously indexed documents,
// if any, kept); a changed file replaces all its documents. Returns the documents written.
size_t IndexWriter::write_file(PreparedFile& file, IndexSummary& summary) {
  using Outcome = PreparedFile::Outcome;
  if (file.outcome == Outcome::kFailed) {
    summary.failed.push_back({file.path, file.error});
    return 0;
  }
  const std::string record_key = schema::term(schema::kFileRecord, file.key);
  const FileRecord record{file.hash, file.stat, file.path};
  if (file.outcome == Outcome::kUnchanged) {
    // Touched but not changed: the new stat spares reading it next time.
    if (file.record_stale) db_.set_metadata(record_key, record.format());
    ++summary.unchanged;
    return 0;
  }
  bool known = !db_.get_metadata(record_key).empty();
  summary.ocr_pages += file.ocr_pages;
  for (const std::string& warning : file.warnings) {
    summary.warnings.push_back({file.path, warning});
  }
  // An exchange package that revokes or replaces a document removes it first, wherever it came
  // from.
  for (const std::string* id : {&file.revokes, &file.replaces}) {
    if (id->empty()) continue;
    const std::string term = schema::exchange_term(*id);
    if (id == &file.revokes) summary.revoked += db_.get_termfreq(term);
    db_.delete_document(term);
  }
  if (file.outcome == Outcome::kSkipped) {
    // What the file held before (a plan since stamped secret) goes; the record stays only for
    // what a rerun would skip again.
    if (known) db_.delete_document(std::string(schema::kFile) + file.key);
    db_.set_metadata(record_key, file.remember_skip ? record.format() : std::string());
    summary.skipped.push_back({file.path, file.skip_reason});
    return 0;
  }
  if (known) {
    db_.delete_document(std::string(schema::kFile) + file.key);
    for (auto& [id_term, document] : file.documents) db_.replace_document(id_term, document);
  } else {
    // No record, no documents: the record lands in the same commit as the file's documents.
    // Adding skips the look-ups of the id terms, which a first build would pay for every part.
    for (auto& [id_term, document] : file.documents) db_.add_document(document);
  }
  // In the same commit as the documents: after a crash either both landed or neither.
  db_.set_metadata(record_key, record.format());
  ++(known ? summary.updated : summary.added);
  if (file.encoding != "utf-8") summary.converted.push_back({file.path, file.encoding});
  return file.documents.size();
}

// Files gone from disk under the roots indexed: their documents go too. A file listed in this
// run is there; any other recorded under a root is checked on disk.
void IndexWriter::remove_vanished(const FileList& list, IndexSummary& summary) {
  std::vector<std::pair<std::string, std::string>> vanished;  // record key, file key
  const std::string prefix(schema::kFileRecord);
  auto listed = [&](const std::string& path) {
    auto it =
        std::lower_bound(list.files.begin(), list.files.end(), path,
                         [](const ListedFile& f, const std::string& p) { return f.path < p; });
    return it != list.files.end() && it->path == path;
  };
  for (auto it = db_.metadata_keys_begin(prefix); it != db_.metadata_keys_end(prefix); ++it) {
    const std::string path = FileRecord::parse(db_.get_metadata(*it)).path;
    std::error_code ec;
    if (under_root(path, list.roots) && !listed(path) && !fs::exists(path, ec)) {
      vanished.emplace_back(*it, (*it).substr(prefix.size()));
    }
  }
  for (const auto& [record_key, key] : vanished) {
    db_.delete_document(std::string(schema::kFile) + key);
    db_.set_metadata(record_key, "");
    ++summary.deleted;
  }
}

}  // namespace tracuu
