#include "original_file.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "file_record.hpp"
#include "tracuu/document_codec.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {
namespace {

// The content type a downloaded file is served as, by what its reader found it to be.
std::string content_type_of(const std::string& format) {
  static const std::map<std::string, std::string> types = {
      {"pdf", "application/pdf"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"odt", "application/vnd.oasis.opendocument.text"},
      {"doc", "application/msword"},
      {"rtf", "application/rtf"},
      {"html", "text/html; charset=utf-8"},
      {"edxml", "application/xml"},
      {"txt", "text/plain"}};
  auto it = types.find(format);
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

Result<IndexedFile> indexed_file(const Xapian::Database& db, const std::string& id) {
  std::string term = std::string(schema::kId) + id;
  if (id.empty() || term.size() > 240) return Status::not_found("no document with this id");
  auto p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return Status::not_found("no document with id " + id);
  Document doc = decode_metadata(db.get_document(*p).get_data());
  std::string record =
      db.get_metadata(schema::term(schema::kFileRecord, file_key(doc.source.path)));
  return IndexedFile{std::move(doc), record};
}

Result<OriginalFile> read_original_file(const IndexedFile& indexed) {
  const Document& doc = indexed.document;
  const std::string& id = doc.id;
  // Where the file was read from, as its record says: documents show a path below their folder.
  const FileRecord record = FileRecord::parse(indexed.record);
  const std::string& recorded = record.hash;
  const std::string& path = record.path;
  std::error_code ec;
  if (path.empty() || !std::filesystem::is_regular_file(path, ec)) {
    return Status::not_found("the original file of " + id + " is no longer on the server");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in || in.bad()) return Status::unavailable("the original file of " + id + " cannot be read");
  OriginalFile file{bytes.str(), content_type_of(doc.source.format),
                    std::filesystem::path(path).filename().string()};
  if (recorded.empty() || content_hash(file.bytes) != recorded) {
    return Status::unavailable("the original file of " + id +
                               " has changed since it was indexed; reindex to serve it");
  }
  return file;
}

}  // namespace tracuu
