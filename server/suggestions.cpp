#include "suggestions.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "candidate_source.hpp"
#include "match_counts.hpp"
#include "tracuu/analyzer.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

// Completions of a word checked against the word typed before it, and documents sampled for it:
// enough to tell "nông thôn" from "nông thực", little enough for a keystroke.
constexpr size_t kFollowCandidates = 50;
constexpr Xapian::doccount kFollowSample = 10;
// The sample is drawn from the first documents with the word typed before, so that a pair no
// document has is not looked for in every document.
constexpr Xapian::doccount kFollowScan = 500;

// Moves to the front, most often first, the words (by frequency, most first) that follow
// `previous` in a sample of the documents where one of the first kFollowCandidates does.
void follow_first(const Xapian::Database& db, const std::string& previous,
                  std::vector<std::pair<Xapian::doccount, std::string>>& words) {
  const size_t n = std::min(words.size(), kFollowCandidates);
  if (n == 0) return;
  std::vector<Xapian::Query> next;
  for (size_t i = 0; i < n; ++i) next.emplace_back(words[i].second);
  Xapian::Query pair[] = {Xapian::Query(previous),
                          Xapian::Query(Xapian::Query::OP_OR, next.begin(), next.end())};
  std::vector<Xapian::docid> scanned;
  for (auto p = db.postlist_begin(previous);
       p != db.postlist_end(previous) && scanned.size() < kFollowScan; ++p) {
    scanned.push_back(*p);
  }
  auto* within = new CandidateSource(std::move(scanned));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                  Xapian::Query(Xapian::Query::OP_PHRASE, pair, pair + 2, 2),
                                  Xapian::Query(within->release())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet sample = enquire.get_mset(0, kFollowSample);
  std::vector<size_t> follows(n, 0);
  for (auto doc = sample.begin(); doc != sample.end(); ++doc) {
    std::vector<Xapian::termpos> after;  // positions right after `previous`
    for (auto p = db.positionlist_begin(*doc, previous); p != db.positionlist_end(*doc, previous);
         ++p) {
      after.push_back(*p + 1);
    }
    for (size_t i = 0; i < n; ++i) {
      const std::string& word = words[i].second;
      for (auto p = db.positionlist_begin(*doc, word); p != db.positionlist_end(*doc, word); ++p) {
        if (std::binary_search(after.begin(), after.end(), *p)) {
          ++follows[i];
          break;
        }
      }
    }
  }
  std::vector<size_t> order(words.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return (a < n ? follows[a] : 0) > (b < n ? follows[b] : 0);
  });
  std::vector<std::pair<Xapian::doccount, std::string>> sorted;
  for (size_t i : order) sorted.push_back(std::move(words[i]));
  words = std::move(sorted);
}

// Whether `folded_text` has a word starting with `folded_prefix`.
bool word_starts_with(const std::string& folded_text, const std::string& folded_prefix) {
  for (size_t p = folded_text.find(folded_prefix); p != std::string::npos;
       p = folded_text.find(folded_prefix, p + 1)) {
    if (p == 0 || folded_text[p - 1] == ' ') return true;
  }
  return false;
}

constexpr size_t kMaxFacetKeys = 1 << 14;

// A word of a request or a facet value, as the analyzer cuts it (the one place that decides
// what a word is), and whether it continues a compound: "ct" and "tw" in "03-CT/TW".
struct Word {
  Token token;
  bool in_compound = false;
};

// The words of `text`, in order. A compound token comes before its words; those after its
// first lie inside it.
std::vector<Word> words_of(std::string_view text) {
  thread_local Analyzer analyzer;
  std::vector<Word> words;
  uint32_t compound_start = 0, compound_end = 0;
  analyzer.analyze(text, 0, [&](const Token& t) {
    if (t.kind == TokenKind::kCompound) {
      compound_start = t.start;
      compound_end = t.end;
      return;
    }
    words.push_back({t, t.start > compound_start && t.start < compound_end});
  });
  return words;
}

// Their folded forms joined by a space, or by '-' inside a compound ("Ủy ban, 03-CT/TW" →
// "uy ban 03-ct-tw"), so that a prefix matches at the start of a word of its own only: "kh"
// completes "Khánh Hòa", not every "…-KH/…" number.
std::string folded_words(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) {
    if (!out.empty()) out.push_back(w.in_compound ? '-' : ' ');
    out += w.token.folded;
  }
  return out;
}

// folded_words of a facet value, remembered per thread: the issuers and directives are matched
// at every keystroke, and cutting a thousand of them costs more than a millisecond.
const std::string& facet_key(const std::string& value) {
  thread_local std::unordered_map<std::string, std::string> keys;
  if (auto it = keys.find(value); it != keys.end()) return it->second;
  if (keys.size() >= kMaxFacetKeys) keys.clear();
  return keys.emplace(value, folded_words(words_of(value))).first->second;
}

// The word a user is typing at the end of a suggestion request, and the word before it.
struct WordBeingTyped {
  std::string head;      // the request up to the word, as typed
  std::string exact;     // the word's exact form ("thô"), empty when none is being typed
  std::string folded;    // its folded form ("tho")
  std::string previous;  // the folded word before it, if any
};

// None is being typed when the request ends between words ("nong ", "nong,") or inside a
// compound ("03-CT/T": numbers are completed from the directive facet instead).
WordBeingTyped word_being_typed(const std::string& typed, const std::vector<Word>& words) {
  WordBeingTyped w;
  if (words.empty() || words.back().token.end != typed.size() || words.back().in_compound) {
    return w;
  }
  const Token& last = words.back().token;
  w.head = typed.substr(0, last.start);
  w.exact = last.exact;
  w.folded = last.folded;
  if (words.size() > 1) w.previous = words[words.size() - 2].token.folded;
  return w;
}

}  // namespace

std::vector<Suggestion> suggestions_for(const Xapian::Database& db, const std::string& prefix,
                                        size_t limit, const FacetColumns& columns,
                                        const WordSpellings& spellings) {
  const std::string typed = to_nfc(prefix);
  const std::vector<Word> typed_words = words_of(typed);
  const std::string folded = folded_words(typed_words);
  std::vector<Suggestion> out;
  if (folded.empty()) return out;
  // Issuers and cited directives, from the facet values of the whole index.
  ResultCounts everything = count_whole_index(db, {"issuer", "directive"}, columns, kMaxFacetSize);
  for (const char* field : {"issuer", "directive"}) {
    for (const FacetValue& v : everything.facets[field]) {
      if (out.size() >= limit) break;
      if (word_starts_with(facet_key(v.value), folded)) out.push_back({v.value, field, v.count});
    }
  }
  // Frequent words completing the last word typed, spelled as the documents spell them,
  // after the words typed before it as they were typed, those that follow the word before
  // first.
  const WordBeingTyped last = word_being_typed(typed, typed_words);
  if (last.folded.empty()) return out;
  bool marked = last.exact != last.folded;  // "bá": only completions that start so ("bán", "bác")
  std::vector<std::pair<Xapian::doccount, std::string>> words;
  for (auto t = db.allterms_begin(last.folded);
       t != db.allterms_end(last.folded) && words.size() < 2000; ++t) {
    words.emplace_back(t.get_termfreq(), *t);
  }
  std::sort(words.begin(), words.end(), std::greater<>());
  // After a word typed before it, the completions that follow that word in the documents come
  // first: "nong th" → "nong thôn" before the more frequent "thực".
  if (!last.previous.empty()) follow_first(db, last.previous, words);
  for (const auto& [count, word] : words) {
    if (out.size() >= limit) break;
    std::string spelled = spellings.spelling_of(word, count);
    if (marked && spelled.compare(0, last.exact.size(), last.exact) != 0) continue;
    out.push_back({last.head + spelled, "term", count});
  }
  return out;
}

}  // namespace tracuu
