// How the documents most often spell each folded word ("nong" → "nông"), for suggestions.
//
// The index matches on folded words and keeps the exact forms apart (schema::kExact), so the
// completions found among the folded words would show without their diacritics; officials
// expect to see "nông thôn", as they write it. Read once per revision from the exact-form terms
// and shared read-only by every worker (RevisionCache).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace tracuu {

class WordSpellings {
 public:
  // Throws Xapian::Error like any read.
  static std::shared_ptr<const WordSpellings> load(const Xapian::Database& db);

  // The spelling most documents holding `folded` use: its most frequent exact form, unless
  // fewer than half of the `folded_frequency` documents have that form (then most write it
  // without marks, as "ban" in "ban hành").
  std::string spelling_of(const std::string& folded, Xapian::doccount folded_frequency) const;

 private:
  struct Spelling {
    std::string exact;
    Xapian::doccount documents = 0;
  };
  std::unordered_map<std::string, Spelling> most_frequent_;  // folded → exact form
};

}  // namespace tracuu
