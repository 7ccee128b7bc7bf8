// Reading what users type into the search box. The syntax is small and forgiving: words,
// "phrases", -excluded words or phrases, and OR between two clauses. Anything else is text:
// an unbalanced quote closes at the end, a stray "AND (" is two ignorable words. Parsing never
// fails; terms are decided later by the analyzer (analyzer.hpp), exactly as for documents.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

struct QueryClause {
  std::string text;           // the words of the clause, as typed
  bool phrase = false;        // "…": the words in this order
  bool excluded = false;      // -word / -"…"
  bool or_with_next = false;  // joined to the next clause by OR
  bool operator==(const QueryClause&) const = default;
};

// Splits a query string (valid UTF-8, NFC) into clauses.
std::vector<QueryClause> parse_query(std::string_view query);

// What a query matches, for highlighting: the folded words and compound keys of its positive
// clauses and of the abbreviation expansions it was widened with.
struct QueryTerms {
  std::vector<std::string> folded;                // folded single words ("nong", "thon", "ubnd")
  std::vector<std::vector<std::string>> phrases;  // folded words to mark only together
  std::vector<std::string> compound;              // compound keys ("3/CT-TW")
  std::vector<std::string> exact;                 // exact forms typed with diacritics ("nông")
  std::vector<std::string> compound_words;        // a compound's folded words ("03", "ct", "tw")

  // Every distinct folded word whose positions locate a match in a document.
  std::vector<std::string> located_words() const;
};

// Builds the Xapian query for `query` (see query.cpp for the ranking it encodes) and collects
// its QueryTerms. An empty or all-punctuation query matches all documents (LEAF_MATCH_ALL).
//
// kAnyWord relaxes the query when requiring every word finds nothing (a title pasted with words
// the text lacks: "… năm 2025 … do Bộ trưởng ban hành"): documents with any of the words, those
// with the most and rarest first. Phrases and exclusions still hold: only each run of plain
// words is relaxed to any of its words.
enum class WordMatch { kEveryWord, kAnyWord };
//
// How much of the ranking a query carries; never changes what matches.
//  - kFull: every boost, including proximity: documents where words typed side by side stand
//    side by side in the text (and an abbreviation's typed-out words stand together) rank higher.
//    This is the ranking's definition; the searcher weighs it as kWithoutProximity plus
//    proximity_parts (below).
//  - kWithoutProximity: every boost but proximity. Checking word positions in every match is
//    most of a ranking pass over common words, so the searcher ranks every match this way first
//    and adds proximity to the best candidates only.
//  - kMatchOnly: no boosts at all, for counting the matches, where weights are not read and
//    each boost would still be looked up in every match.
enum class Ranking { kFull, kWithoutProximity, kMatchOnly };
Xapian::Query build_query(std::string_view query, QueryTerms* terms = nullptr,
                          WordMatch match = WordMatch::kEveryWord,
                          Ranking ranking = Ranking::kFull);

// What proximity adds to a match's kWithoutProximity weight, making it kFull's: one query per
// pair of words typed side by side (filtered by its clause where the clause is one side of an
// OR), matching the documents where the pair stands side by side, each weighing what kFull's
// proximity adds for that pair. Xapian weighs every term on its own, so a match's kFull weight
// is its weight without proximity plus the weights of the parts that match it: the searcher
// re-ranks its best candidates so, without reading their other terms again. The parts are to
// be weighed one query each, never joined into one: Xapian 1.4.22 sometimes miscounts the
// weight of phrases under an OR (matching is right). Seen: an OR of the pairs filtered to the
// candidates credited a real document with a pair that does not stand together in it, and
// kFull filtered to the candidates did so in 9 of 20 queries on real documents; each pair
// weighed alone was right in every check (docs/PERFORMANCE.md).
// Empty when the query has no words side by side.
std::vector<Xapian::Query> proximity_parts(std::string_view query,
                                           WordMatch match = WordMatch::kEveryWord);

// Cap on the clauses read from one query: thousands of ORs must not build a huge query.
inline constexpr size_t kMaxQueryClauses = 64;

}  // namespace tracuu
