#include "tracuu/abbreviations.hpp"

#include "embedded_data.hpp"
#include "tracuu/analyzer.hpp"

namespace tracuu {
namespace {

// The analyzer's view of a short text: its single key when it is one word or one compound
// (the compound's own key), and its folded words.
struct Analysed {
  std::string key;
  std::vector<std::string> words;
};

Analysed analyse(std::string_view text) {
  Analysed a;
  Analyzer analyzer;
  bool compound_seen = false;
  analyzer.analyze(text, 0, [&](const Token& t) {
    if (t.kind == TokenKind::kCompound) {
      if (!compound_seen && a.words.empty()) a.key = t.folded;
      compound_seen = true;
      return;
    }
    a.words.push_back(t.folded);
  });
  if (!compound_seen && a.words.size() == 1) a.key = a.words[0];
  return a;
}

}  // namespace

const Abbreviations& Abbreviations::builtin() {
  static const Abbreviations table(data::kAbbreviations);
  return table;
}

Abbreviations::Abbreviations(std::string_view tsv) {
  for (std::string_view line : data::lines_of(tsv)) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    Analysed abbreviation = analyse(line.substr(0, tab));
    Analysed expansion = analyse(line.substr(tab + 1));
    if (abbreviation.key.empty() || expansion.words.empty()) continue;
    expansions_[abbreviation.key].push_back(expansion.words);
    by_first_word_[expansion.words[0]].push_back(abbreviation.key);
  }
}

const std::vector<std::vector<std::string>>& Abbreviations::expansions(
    const std::string& key) const {
  static const std::vector<std::vector<std::string>> kNone;
  auto it = expansions_.find(key);
  return it == expansions_.end() ? kNone : it->second;
}

std::vector<std::pair<std::string, size_t>> Abbreviations::abbreviations_at(
    const std::vector<std::string>& words, size_t at) const {
  std::vector<std::pair<std::string, size_t>> found;
  if (at >= words.size()) return found;
  auto it = by_first_word_.find(words[at]);
  if (it == by_first_word_.end()) return found;
  for (const std::string& key : it->second) {
    for (const std::vector<std::string>& phrase : expansions(key)) {
      if (at + phrase.size() > words.size()) continue;
      if (std::equal(phrase.begin(), phrase.end(), words.begin() + at)) {
        found.emplace_back(key, phrase.size());
      }
    }
  }
  return found;
}

}  // namespace tracuu
