#include "issuer_name.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <unordered_map>
#include <vector>

#include "embedded_data.hpp"
#include "reference_tables.hpp"
#include "text_lines.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

using Words = std::vector<std::string>;

Words words_of(std::string_view text) {
  Words out;
  for (size_t from = 0; from < text.size();) {
    size_t to = text.find(' ', from);
    if (to == std::string_view::npos) to = text.size();
    if (to > from) out.emplace_back(text.substr(from, to - from));
    from = to + 1;
  }
  return out;
}

std::string joined(const Words& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

std::string lower(const std::string& word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  u.toLower();
  std::string out;
  return u.toUTF8String(out);
}

std::string capitalised(const std::string& word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  if (u.isEmpty()) return word;
  UChar32 first = u.char32At(0);
  icu::UnicodeString head(first);
  head.toUpper();
  u.replace(0, U16_LENGTH(first), head);
  std::string out;
  return u.toUTF8String(out);
}

bool has_lower_letter(const std::string& word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    if (u_islower(u.char32At(i))) return true;
  }
  return false;
}

// A word's letters apart from the punctuation around it ("“Người" → "“", "Người", "").
struct Word {
  std::string lead, core, trail;
  std::string folded;  // of the core
};

Word split_word(const std::string& w) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(w);
  int32_t from = 0, to = u.length();
  while (from < to && !u_isalnum(u.char32At(from))) from = u.moveIndex32(from, 1);
  while (to > from && !u_isalnum(u.char32At(u.moveIndex32(to, -1)))) to = u.moveIndex32(to, -1);
  Word out;
  u.tempSubStringBetween(0, from).toUTF8String(out.lead);
  u.tempSubStringBetween(from, to).toUTF8String(out.core);
  u.tempSubStringBetween(to).toUTF8String(out.trail);
  out.folded = fold_text(out.core);
  return out;
}

// Phrases of `file` (one a line), as words and their folded forms, in the file's order.
struct Phrase {
  Words words;
  Words folded;
  Words lowered;  // in lower case, marks kept
};
std::vector<Phrase> phrases_of(std::string_view file) {
  std::vector<Phrase> out;
  for (std::string_view line : data::lines_of(file)) {
    Phrase p{words_of(to_nfc(line)), {}, {}};
    for (const std::string& w : p.words) {
      p.folded.push_back(split_word(w).folded);
      p.lowered.push_back(lower(split_word(w).core));
    }
    out.push_back(std::move(p));
  }
  return out;
}

const std::vector<Phrase>& body_names() {
  static const std::vector<Phrase> names = phrases_of(data::kBodyNames);
  return names;
}
const std::vector<Phrase>& place_levels() {
  static const std::vector<Phrase> levels = phrases_of(data::kPlaceLevels);
  return levels;
}

// Body abbreviations, in lower case, and their expansions ("nn&ptnt" → "Nông nghiệp và …"):
// a header sentence-cased upstream writes "Ubnd".
const std::unordered_map<std::string, std::string>& abbreviations() {
  static const std::unordered_map<std::string, std::string> table = [] {
    std::unordered_map<std::string, std::string> out;
    for (std::string_view line : data::lines_of(data::kAbbreviations)) {
      size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      out.emplace(lower(to_nfc(line.substr(0, tab))), to_nfc(line.substr(tab + 1)));
    }
    return out;
  }();
  return table;
}

// The length in words of the phrase of `table` that `words` (folded, or lowered when `marked`)
// hold at `at`, or 0.
size_t phrase_at(const Words& words, size_t at, const std::vector<Phrase>& table,
                 const Phrase** found = nullptr, bool marked = false) {
  for (const Phrase& p : table) {
    const Words& form = marked ? p.lowered : p.folded;
    if (at + form.size() > words.size()) continue;
    bool same = true;
    for (size_t k = 0; k < form.size() && same; ++k) same = words[at + k] == form[k];
    if (!same) continue;
    if (found) *found = &p;
    return p.folded.size();
  }
  return 0;
}

// Whether a character may end or begin a name: letters, digits, a closing bracket.
bool keeps(UChar32 c) { return u_isalnum(c) || c == ')' || c == '('; }

// The name without the rules, dashes and dots around it and without runs of them inside.
std::string without_debris(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  int32_t from = 0, to = u.length();
  while (from < to && !keeps(u.char32At(from))) from = u.moveIndex32(from, 1);
  while (to > from && !keeps(u.char32At(u.moveIndex32(to, -1)))) to = u.moveIndex32(to, -1);
  icu::UnicodeString kept;
  int32_t run = 0;  // leaders in a row
  for (int32_t i = from; i < to; i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    bool leader = c == '-' || c == '_' || c == '.' || c == '=' || c == '*' || c == 0x2026;
    run = leader ? run + 1 : 0;
    kept += c;
    if (run == 2) kept.remove(kept.length() - 2) += ' ';  // "Quốc hội ----- Luật" → a space
    if (run > 2) kept.remove(kept.length() - 1);
  }
  std::string out;
  return squeeze_spaces(kept.toUTF8String(out));
}

}  // namespace

std::string canonical_issuer(std::string_view written) {
  Words raw = words_of(without_debris(to_nfc(written)));
  if (raw.empty()) return {};
  bool all_capitals = true;
  for (const std::string& w : raw) all_capitals = all_capitals && !has_lower_letter(w);
  // Abbreviations spelled out; a name in capitals throughout is read in lower case.
  std::vector<Word> words;
  for (const std::string& w : raw) {
    Word word = split_word(w);
    auto it = abbreviations().find(lower(word.core));
    if (it == abbreviations().end()) {
      // A code the tables do not spell out ("BQL") keeps its capitals, unless all is capitals.
      if (all_capitals) word.core = lower(word.core);
      word.folded = fold_text(word.core);
      words.push_back(std::move(word));
      continue;
    }
    Words parts = words_of(it->second);
    for (size_t k = 0; k < parts.size(); ++k) {
      Word part{k == 0 ? word.lead : "", parts[k], k + 1 == parts.size() ? word.trail : "", {}};
      part.folded = fold_text(part.core);
      words.push_back(std::move(part));
    }
  }
  Words folded, lowered;
  for (const Word& w : words) {
    folded.push_back(w.folded);
    lowered.push_back(lower(w.core));
  }
  // A place alone is its People's Committee: "tỉnh Bắc Ninh" heads the province's letters.
  if (phrase_at(lowered, 0, place_levels(), nullptr, true) > 0 &&
      !OrganWords::instance().starts_name(joined(folded))) {
    for (const char* w : {"dân", "nhân", "ban", "ủy"}) {
      words.insert(words.begin(), Word{"", w, "", fold_text(w)});
      folded.insert(folded.begin(), fold_text(w));
      lowered.insert(lowered.begin(), w);
    }
  }
  // The name of a body named inside another ("… Cục hải quan") begins with a capital.
  auto starts_body = [&](size_t i) {
    Words rest(folded.begin() + i, folded.end());
    return OrganWords::instance().starts_name(joined(rest)) > 0;
  };
  for (size_t i = 1; i < words.size(); ++i) {
    if (starts_body(i)) words[i].core = capitalised(words[i].core);
  }
  // Within a name a level word is written in lower case, and the place after it in capitals
  // up to the next level or body; a numbered district ("Quận 7") is a name as it is.
  for (size_t i = 0; i < words.size();) {
    size_t level = phrase_at(lowered, i, place_levels(), nullptr, true);
    if (level == 0) {
      ++i;
      continue;
    }
    bool numbered = i + level < words.size() && !words[i + level].core.empty() &&
                    u_isdigit(static_cast<unsigned char>(words[i + level].core[0]));
    for (size_t k = 0; k < level && !numbered; ++k) words[i + k].core = lowered[i + k];
    i += level;
    for (; i < words.size() && phrase_at(lowered, i, place_levels(), nullptr, true) == 0 &&
           !starts_body(i);
         ++i) {
      words[i].core = capitalised(words[i].core);
    }
  }
  // Bodies' names as officially written.
  for (size_t i = 0; i < words.size();) {
    const Phrase* name = nullptr;
    size_t n = phrase_at(folded, i, body_names(), &name);
    if (n == 0) {
      ++i;
      continue;
    }
    for (size_t k = 0; k < n; ++k) words[i + k].core = split_word(name->words[k]).core;
    i += n;
  }
  words[0].core = capitalised(words[0].core);
  Words out;
  for (const Word& w : words) out.push_back(w.lead + w.core + w.trail);
  return joined(out);
}

}  // namespace tracuu
