// Snippets: the best one or two fragments of a document's text for a query, HTML-escaped, with
// the matches wrapped in <mark>…</mark>. Matches are found by the analyzer, so a query typed
// without diacritics marks the words as the document writes them ("nong thon" → "nông thôn").
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tracuu/query.hpp"
#include "tracuu/stored_text.hpp"

namespace tracuu {

// Bounds on the text re-analysed per request, so that one enormous document (a 50 MB file with
// no line breaks) cannot make every query that finds it slow: snippets look at the opening
// kSnippetScanBytes, the document view marks matches in the opening kHighlightScanBytes and
// shows the rest escaped but unmarked.
inline constexpr size_t kSnippetScanBytes = 256 * 1024;
inline constexpr size_t kHighlightScanBytes = 4 * 1024 * 1024;

struct SnippetOptions {
  size_t window_words = 28;  // words per fragment
  size_t fragments = 2;      // at most
};

// A snippet of `text` for `terms`; the opening of the text when nothing matches.
std::string make_snippet(std::string_view text, const QueryTerms& terms,
                         const SnippetOptions& options = {});

// Where the index says a document's query words are (Xapian position lists), and the
// document's word checkpoints (schema::decode_word_offsets).
struct MatchLocations {
  std::vector<std::pair<uint32_t, uint32_t>> words;  // (word position, query word id), sorted
  std::vector<uint32_t> offsets;
};

// The same snippet, analysing (and inflating) only the words around the located matches, so its
// cost follows the snippet rather than the document. Without locations: the opening of the
// text, or, when the query has words the index could not locate, make_snippet above.
std::string make_snippet(const StoredText& text, const QueryTerms& terms,
                         const MatchLocations& where, const SnippetOptions& options = {});

// The whole text, HTML-escaped, with every match marked (the document view).
std::string highlight_all(std::string_view text, const QueryTerms& terms);

// Escapes &, <, >, " and '.
std::string html_escape(std::string_view text);

}  // namespace tracuu
