#include "did_you_mean.hpp"

#include <string_view>

#include "search_request.hpp"
#include "tracuu/analyzer.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

// The letters of folded words: what one edit may add or put in place of another.
constexpr std::string_view kFoldedLetters = "abcdefghijklmnopqrstuvwxyz0123456789";

// A word one edit from `word` ranks first by the documents holding it.
struct Mended {
  std::string word;
  Xapian::doccount documents = 0;
};

void consider(const Xapian::Database& db, const std::string& candidate, Mended& best) {
  const Xapian::doccount documents = db.get_termfreq(candidate);
  if (documents > best.documents) best = {candidate, documents};
}

// The most frequent indexed word one edit from `word`, or empty.
std::string mend(const Xapian::Database& db, const std::string& word) {
  Mended best;
  for (size_t i = 0; i < word.size(); ++i) {
    consider(db, word.substr(0, i) + word.substr(i + 1), best);  // a letter too many
    if (i + 1 < word.size()) {                                   // two letters swapped
      std::string swapped = word;
      std::swap(swapped[i], swapped[i + 1]);
      consider(db, swapped, best);
    }
  }
  for (size_t i = 0; i <= word.size(); ++i) {
    for (char c : kFoldedLetters) {
      consider(db, word.substr(0, i) + c + word.substr(i), best);  // a letter left out
      if (i < word.size() && word[i] != c) {                       // a letter mistyped
        std::string changed = word;
        changed[i] = c;
        consider(db, changed, best);
      }
    }
  }
  return best.word;
}

// Whether a folded word is plain ASCII letters and digits: only such words are mended (a word
// with other characters is a name, a code or a script the edits do not cover).
bool mendable(const std::string& folded) {
  return !folded.empty() && folded.size() <= 20 &&
         folded.find_first_not_of(kFoldedLetters) == std::string::npos;
}

// The documents `query` finds with every word, under `request`'s filters, counted up to `cap`.
Xapian::doccount matches(const Xapian::Database& db, const SearchRequest& request,
                         const std::string& query, Xapian::doccount cap) {
  SearchRequest asked = request;
  asked.query = query;
  Xapian::Enquire enquire(db);
  enquire.set_query(QueryRecipe{asked, WordMatch::kEveryWord}.build(Ranking::kMatchOnly));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, cap).get_matches_lower_bound();
}

}  // namespace

std::string did_you_mean(const Xapian::Database& db, const SearchRequest& request, size_t found,
                         const WordSpellings& spellings) {
  const std::string typed = to_nfc(request.query);
  std::string suggestion;
  size_t copied = 0;  // bytes of `typed` already in `suggestion`
  bool changed = false, mended_any = false;
  Analyzer analyzer;
  uint32_t compound_end = 0;
  analyzer.analyze(typed, 0, [&](const Token& t) {
    if (t.kind == TokenKind::kCompound) {
      compound_end = t.end;  // a number ("03-CT/TW") is left as typed
      return;
    }
    if (t.start < compound_end) return;
    std::string folded = t.folded;
    Xapian::doccount documents = db.get_termfreq(folded);
    if (documents == 0 && mendable(folded)) {
      std::string mended = mend(db, folded);
      if (mended.empty()) return;
      folded = std::move(mended);
      documents = db.get_termfreq(folded);
      mended_any = true;
    }
    // Typed with marks: kept as typed unless mended.
    const bool marked = t.exact != t.folded;
    std::string spelled = marked && folded == t.folded ? typed.substr(t.start, t.end - t.start)
                                                       : spellings.spelling_of(folded, documents);
    if (spelled == typed.substr(t.start, t.end - t.start)) return;
    suggestion += typed.substr(copied, t.start - copied);
    suggestion += spelled;
    copied = t.end;
    changed = true;
  });
  if (!changed) return {};
  suggestion += typed.substr(copied);
  // Spelled with marks, the same words find the same documents (ranked as spelled): a mended
  // word must find more.
  if (mended_any && matches(db, request, suggestion, found + 1) <= found) return {};
  return suggestion;
}

}  // namespace tracuu
