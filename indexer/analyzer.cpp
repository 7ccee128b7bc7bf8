#include "tracuu/analyzer.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <unordered_map>

#include "tracuu/document_number.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

constexpr int kMaxCompoundWords = 12;

UChar32 char_at(std::string_view text, size_t i, size_t* next) {
  unsigned char b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    *next = i + 1;
    return b;
  }
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(text.data(), j, static_cast<int32_t>(text.size()), c);
  *next = static_cast<size_t>(j);
  return c;
}

// Letters, digits and the marks that continue them. A code point nothing displays (a variation
// selector, a zero-width joiner, a soft hyphen: Unicode's default-ignorable ones) separates
// words, as do invalid bytes (c < 0): none of them may become, or hide inside, a term.
bool is_word_char(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  if (c < 0 || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return false;
  if (u_isalnum(c)) return true;
  int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

// A word starts with a letter or digit: a mark standing alone (after a space) folds to nothing.
bool is_word_start(UChar32 c) {
  if (c < 0x80) return is_word_char(c);
  return is_word_char(c) && u_isalnum(c);
}

// `s` cut to at most `limit` bytes at a character boundary.
void cut_to(std::string& s, size_t limit) {
  if (s.size() <= limit) return;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
}

bool is_digit(UChar32 c) { return c >= '0' && c <= '9'; }

size_t word_end(std::string_view text, size_t i) {
  size_t next;
  while (i < text.size() && is_word_char(char_at(text, i, &next))) i = next;
  return i;
}

// A joiner continues a compound when a word character follows it; '.' only between digits
// ("1.000.000", "19.5.2021"), so that a missing space after a full stop joins nothing.
bool joins(std::string_view text, size_t at, bool digit_before) {
  if (at + 1 >= text.size()) return false;
  char c = text[at];
  if (c != '-' && c != '/' && c != '&' && c != '.') return false;
  size_t next;
  UChar32 after = char_at(text, at + 1, &next);
  if (!is_word_start(after)) return false;
  return c != '.' || (digit_before && is_digit(after));
}

// End of the compound starting at `start` and its number of words.
size_t compound_end(std::string_view text, size_t start, int* words) {
  size_t end = word_end(text, start);
  *words = 1;
  while (*words < kMaxCompoundWords && end < text.size() &&
         joins(text, end, is_digit(static_cast<unsigned char>(text[end - 1])))) {
    end = word_end(text, end + 1);
    ++*words;
  }
  return end;
}

// "19/5/2021", "19-05-2021", "19.5.2021" → "2021-05-19"; empty when not a valid date.
std::string iso_date(std::string_view s) {
  int d, m, y, n = 0;
  char s1, s2;
  std::string copy(s);
  if (std::sscanf(copy.c_str(), "%2d%c%2d%c%4d%n", &d, &s1, &m, &s2, &y, &n) != 5) return {};
  if (n != static_cast<int>(copy.size()) || s1 != s2) return {};
  if (y < 100) y += 2000;
  if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1900 || y > 2100) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

struct WordForms {
  std::string exact, folded;
};

struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

constexpr size_t kMaxCachedWords = 1 << 16;

// Vietnamese text draws on a few thousand distinct syllables, so nearly every word has been seen
// before: remembering its forms per thread skips the decoding that otherwise dominates analysis.
// Bounded: a text of random junk empties the cache rather than growing it.
const WordForms& forms_of(std::string_view word) {
  thread_local std::unordered_map<std::string, WordForms, ViewHash, std::equal_to<>> cache;
  if (auto it = cache.find(word); it != cache.end()) return it->second;
  if (cache.size() >= kMaxCachedWords) cache.clear();
  WordForms forms;
  word_forms(word, forms.exact, forms.folded);
  return cache.emplace(std::string(word), std::move(forms)).first->second;
}

}  // namespace

std::string compound_key(std::string_view compound) {
  if (std::string date = iso_date(compound); !date.empty()) return date;
  size_t consumed = 0;
  if (auto number = parse_document_number(compound, &consumed);
      number && consumed == compound.size()) {
    return number->key;
  }
  std::string key;
  size_t i = 0;
  while (i < compound.size()) {
    size_t end = word_end(compound, i);
    if (end > i) {
      key += fold_diacritics(compound.substr(i, end - i));
      i = end;
    } else {
      key.push_back(compound[i++]);
    }
  }
  return key;
}

bool Analyzer::next(std::string_view text) {
  const size_t n = text.size();
  for (;;) {
    size_t next;
    while (offset_ < n && !is_word_start(char_at(text, offset_, &next))) offset_ = next;
    if (offset_ >= n) return false;

    if (offset_ >= compound_end_) {
      int words = 0;
      size_t end = compound_end(text, offset_, &words);
      if (words > 1) {
        compound_end_ = end;
        token_.kind = TokenKind::kCompound;
        token_.position = position_;
        token_.start = static_cast<uint32_t>(offset_);
        token_.end = static_cast<uint32_t>(end);
        token_.exact.clear();
        token_.folded = compound_key(text.substr(offset_, end - offset_));
        cut_to(token_.folded, kMaxWordBytes);
        return true;
      }
    }

    size_t end = word_end(text, offset_);
    size_t cut = end;
    if (cut - offset_ > kMaxWordBytes) {
      cut = offset_ + kMaxWordBytes;
      while (cut > offset_ && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    }
    const WordForms& forms = forms_of(text.substr(offset_, cut - offset_));
    token_.exact = forms.exact;
    token_.folded = forms.folded;
    // Case mapping can lengthen a word (one letter may lower to three bytes or more).
    cut_to(token_.exact, kMaxTermBytes);
    cut_to(token_.folded, kMaxTermBytes);
    const size_t start = offset_;
    offset_ = end;
    if (token_.folded.empty() || token_.exact.empty()) continue;  // nothing to find it by
    token_.kind = TokenKind::kWord;
    token_.position = position_++;
    token_.start = static_cast<uint32_t>(start);
    token_.end = static_cast<uint32_t>(end);
    return true;
  }
}

}  // namespace tracuu
