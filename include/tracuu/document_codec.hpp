// How a Document is stored in the index's document data, so a hit can be returned (metadata,
// source, text for snippets) without reading the source file again: a mark byte, then the
// compact JSON metadata and the text, each in compressed blocks (stored_text.hpp). Records of
// earlier versions (the JSON, a newline, the plain text) still decode. The format is private to
// these functions.
#pragma once

#include <string>
#include <string_view>

#include "tracuu/document.hpp"
#include "tracuu/stored_text.hpp"

namespace tracuu {

std::string encode_document(const Document& doc);

// Decodes what encode_document wrote; a corrupt record gives a Document with only what could
// be read (never throws).
Document decode_document(std::string_view data);

// The same without the text, which `stored_text` reads from `data` (which must outlive it): a
// search hit needs the text only to cut a snippet from, so only the blocks it shows are
// inflated.
Document decode_metadata(std::string_view data);
StoredText stored_text(std::string_view data);

}  // namespace tracuu
