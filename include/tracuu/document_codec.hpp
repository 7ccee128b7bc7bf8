// How a Document is stored in the index's document data, so a hit can be returned (metadata,
// source, text for snippets) without reading the source file again: compact JSON metadata, a
// newline, then the raw text. The format is private to this pair of functions.
#pragma once

#include <string>
#include <string_view>

#include "tracuu/document.hpp"

namespace tracuu {

std::string encode_document(const Document& doc);

// Decodes what encode_document wrote; a corrupt record gives a Document with only what could
// be read (never throws).
Document decode_document(std::string_view data);

// The same without the text, which `stored_text` returns as a view into `data`: a search hit
// needs the text only to cut a snippet from, so it is not copied.
Document decode_metadata(std::string_view data);
std::string_view stored_text(std::string_view data);

}  // namespace tracuu
