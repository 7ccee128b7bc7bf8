// Administrative abbreviations (UBND ↔ Ủy ban nhân dân, BCĐ ↔ Ban Chỉ đạo…), read from
// data/abbreviations.tsv. Both sides are held as analyzer keys (folded words; a compound
// abbreviation such as GD&ĐT as its compound_key), so the query builder can offer the other
// side as an alternative whichever side the user typed. Immutable after construction;
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tracuu {

class Abbreviations {
 public:
  // The table compiled from data/abbreviations.tsv.
  static const Abbreviations& builtin();

  // Parses "ABBR<TAB>expansion" lines; '#' starts a comment line.
  explicit Abbreviations(std::string_view tsv);

  // Expansions of an abbreviation given by its analyzer key ("ubnd", "gd&dt"), each as the
  // folded words of the phrase; empty when `key` is not an abbreviation.
  const std::vector<std::vector<std::string>>& expansions(const std::string& key) const;

  // Abbreviations (their keys) whose expansion is exactly words[at, at + length) for some
  // length; each result is {key, length}. `words` are folded words.
  std::vector<std::pair<std::string, size_t>> abbreviations_at(
      const std::vector<std::string>& words, size_t at) const;

 private:
  std::unordered_map<std::string, std::vector<std::vector<std::string>>> expansions_;
  std::unordered_map<std::string, std::vector<std::string>> by_first_word_;  // word → keys
};

}  // namespace tracuu
