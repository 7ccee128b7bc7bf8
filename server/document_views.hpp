// What a document's page and a directive's page show: the document with what it cites and who
// cites it, and a directive with the documents implementing it, newest first, a page at a time.
#pragma once

#include <xapian.h>

#include <string>

#include "tracuu/document_number.hpp"
#include "tracuu/searcher.hpp"
#include "tracuu/status.hpp"

namespace tracuu {

// kNotFound for an unknown id. `highlight_query`, when given, is marked in the text.
Result<DocumentView> document_view(const Xapian::Database& db, const std::string& id,
                                   const std::string& highlight_query);

// The documents citing `number`, page `page` of `size` (both checked by the caller); kNotFound
// when nothing cites or bears it.
Result<DirectiveView> directive_view(const Xapian::Database& db, const DocumentNumber& number,
                                     size_t page, size_t size);

}  // namespace tracuu
