// The file a document was read from, as it was indexed, for download: found by the document's
// id alone (through its file's record), never by a path a request names, and served only while
// its bytes are those that were indexed.
#pragma once

#include <xapian.h>

#include <string>

#include "tracuu/document.hpp"
#include "tracuu/searcher.hpp"
#include "tracuu/status.hpp"

namespace tracuu {

// A document's metadata and the record of its file (file_record.hpp), read at one revision.
struct IndexedFile {
  Document document;
  std::string record;
};

// kNotFound for an unknown id.
Result<IndexedFile> indexed_file(const Xapian::Database& db, const std::string& id);

// The file's bytes: kNotFound when it is gone from disk; kUnavailable when it changed since it
// was indexed or cannot be read.
Result<OriginalFile> read_original_file(const IndexedFile& indexed);

}  // namespace tracuu
