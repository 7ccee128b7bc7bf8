// "Có phải bạn muốn tìm …": the query a user may have meant when theirs finds little.
//
// Officials type fast and often without diacritics. The index matches folded words, so a
// query without marks already finds what its words spell; what it lacks is a slip ("truyn") or
// the marks the user would recognise. The suggestion mends each word the index does not hold
// with the most frequent indexed word one edit away (a letter left out, added, changed or two
// swapped), and spells each word typed without marks as the documents usually spell it
// (WordSpellings), all from the index's own words. It is offered, never applied: the answer
// keeps the user's query.
#pragma once

#include <xapian.h>

#include <string>

#include "tracuu/searcher.hpp"
#include "word_spellings.hpp"

namespace tracuu {

// Fewer matches than this (or none with every word) is "finds little".
inline constexpr size_t kFewMatches = 3;

// The query of `request` mended and spelled out, when that differs from what was typed; with a
// mended word, only if it finds more than `found` documents with every word under the same
// filters. Empty otherwise.
std::string did_you_mean(const Xapian::Database& db, const SearchRequest& request, size_t found,
                         const WordSpellings& spellings);

}  // namespace tracuu
