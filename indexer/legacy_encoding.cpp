#include "tracuu/legacy_encoding.hpp"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "embedded_data.hpp"
#include "tracuu/normalize.hpp"

// data/vni.tsv, embedded like the files of embedded_data.hpp (declared here so that this
// encoding's change stays in its own files; it can move to embedded_data.hpp).
namespace tracuu {
namespace {

// Thresholds, set by experiment (tests/legacy_encoding_test.cpp rechecks the seeds and, where
// present, the real documents):
// - The seeds score 0.98 or more on syllables; 420 of the 421 real documents of
//   ../shared/realdocs score 0.85 or more (the lowest 0.853, marked 0.68 or more), and their
//   TCVN3, VNI and Windows-1258 encodings are all read back in the right encoding. The 421st
//   (0.81) is a bilingual English–Vietnamese certificate form: in a legacy encoding it would
//   be reported as not readable rather than guessed.
// - Translations in 30 other languages (Debian's gettext catalogues: French, German, Polish,
//   Turkish, Indonesian, Russian, Greek…), cut into 261,875 pieces of 60 to 4,000 bytes and
//   encoded in their usual Windows code pages: no reading of any piece passes. Before the
//   distinct-word rule, 9 pieces did: lists such as "A2×3 A2×4…" (× in Windows-1250 reads as
//   TCVN3 "ì", and "A" and "ì" are syllables). Pieces of a dozen words or fewer reach 1.0:
//   hence at least 20 words, and 20 different ones (about one line of Vietnamese).
// - The right reading of real Vietnamese leads every other reading (and, for UTF-8, the text
//   as it is) by 0.30 or more; a lead under 0.2 means the text is not what we think, and it
//   stays as it is.
constexpr size_t kMinWords = 20;
constexpr double kMinSyllables = 0.85;
constexpr double kMinMarked = 0.2;
constexpr double kMinLead = 0.2;
// A shorter text ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", a one-line file) must read beyond doubt:
// a short piece of another language can pass the syllable test, and its high bytes give it
// marks, but its readings are not the words Vietnamese uses most. Checked on 308,700 pieces of
// 15 to 150 characters of Debian's catalogues in 26 languages, in their Windows code pages:
// none is read as Vietnamese.
constexpr size_t kMinShortWords = 4;
constexpr double kMinShortMarked = 0.5;
constexpr double kMinShortCommon = 0.6;

// The most frequent syllables, in canonical spelling.
const std::unordered_set<std::string>& common_syllables() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> out;
    for (std::string_view line : data::lines_of(data::kCommonSyllables)) {
      out.insert(canonical_word(line));
    }
    return out;
  }();
  return words;
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, c, error);
  if (!error) out.append(buf, n);
}

// Windows-1252's punctuation in 0x80–0x9F, which the .VnTime and VNI fonts kept (“ ” – …);
// 0 for bytes that are unassigned there or letters of other languages (Š, Œ, ƒ…).
constexpr std::array<char16_t, 32> kCp1252Punctuation = {
    0x20AC, 0,      0x201A, 0,      0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
    0,      0x2030, 0,      0x2039, 0,      0,      0,      0,       // 88–8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
    0,      0x2122, 0,      0x203A, 0,      0,      0,      0};      // 98–9F

// The byte a character came from when legacy bytes were read as Windows-1252 (or Latin-1);
// -1 for characters Windows-1252 cannot have produced.
int cp1252_byte(UChar32 c) {
  if (c >= 0 && c <= 0xFF) return c;
  for (size_t i = 0; i < kCp1252Punctuation.size(); ++i) {
    if (kCp1252Punctuation[i] == c) return static_cast<int>(0x80 + i);
  }
  return -1;
}

// Bytes outside the letter tables: ASCII, the punctuation above and the no-break space.
bool append_common(std::string& out, unsigned char b) {
  if (b < 0x80) {
    out.push_back(static_cast<char>(b));
  } else if (b < 0xA0 && kCp1252Punctuation[b - 0x80] != 0) {
    append_utf8(out, kCp1252Punctuation[b - 0x80]);
  } else if (b == 0xA0) {
    append_utf8(out, 0xA0);
  } else {
    return false;
  }
  return true;
}

// data/tcvn3.tsv: byte → UTF-8 letter; empty for bytes VN3 leaves unused.
const std::array<std::string, 256>& tcvn3_table() {
  static const std::array<std::string, 256> table = [] {
    std::array<std::string, 256> t;
    for (std::string_view line : data::lines_of(data::kTcvn3)) {
      size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      unsigned byte = std::stoul(std::string(line.substr(0, tab)), nullptr, 16);
      if (byte >= 0x80 && byte < 256) t[byte] = std::string(line.substr(tab + 1));
    }
    return t;
  }();
  return table;
}

// data/vni.tsv: one- and two-byte sequences → UTF-8 letter.
struct VniTable {
  std::array<std::string, 256> single;
  std::unordered_map<uint16_t, std::string> pair;  // first byte << 8 | mark byte
};

const VniTable& vni_table() {
  static const VniTable table = [] {
    VniTable t;
    for (std::string_view line : data::lines_of(data::kVni)) {
      size_t tab = line.find('\t');
      if (tab == std::string_view::npos || (tab != 2 && tab != 4)) continue;
      unsigned code = std::stoul(std::string(line.substr(0, tab)), nullptr, 16);
      std::string_view rest = line.substr(tab + 1);
      std::string letter(rest.substr(0, rest.find('\t')));
      if (tab == 2) {
        t.single[code & 0xFF] = letter;
      } else {
        t.pair[static_cast<uint16_t>(code)] = letter;
      }
    }
    return t;
  }();
  return table;
}

bool is_word_letter(UChar32 c) { return u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK; }

std::optional<std::string> from_windows_1258(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> cnv(ucnv_open("windows-1258", &status),
                                                         ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out(bytes.size() * 3 + 16, '\0');
  status = U_ZERO_ERROR;
  int32_t n = ucnv_toAlgorithmic(UCNV_UTF8, cnv.get(), out.data(), static_cast<int32_t>(out.size()),
                                 bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(n);
  return to_nfc(out);
}

// VN3 has no capitals with tone marks (headings used the .VnTimeH fonts, whose capitals sit at
// the lower-case positions), so "KẾ HOẠCH" comes out "Kế HOạCH". What the plain letters show is
// raised whole:
//  - a line whose plain letters are all capitals is a heading ("KẾ HOẠCH", "XÃ HỘI");
//  - in a mixed line, a word with two plain capitals or more and no plain lower-case letter
//    ("VIệT" → "VIỆT", "HOạCH" → "HOẠCH"), as .VnTimeH typed inside running text.
// A word with one plain capital ("Kế": "Kế hoạch" or "KẾ"?) cannot be told apart and stays as it
// reads; search folds case, so only the displayed text shows it.
struct PlainCase {
  int upper = 0, lower = 0;
};

PlainCase plain_case(std::string_view s) {
  PlainCase c;
  for (char ch : s) {
    c.upper += (ch >= 'A' && ch <= 'Z') ? 1 : 0;
    c.lower += (ch >= 'a' && ch <= 'z') ? 1 : 0;
  }
  return c;
}

void append_upper(std::string_view s, std::string& out) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper();
  u.toUTF8String(out);
}

bool is_word_byte(unsigned char b) {
  return b >= 0x80 || (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

// Appends `line` with each word of two plain capitals or more and no plain lower case raised.
void raise_capital_words(std::string_view line, std::string& out) {
  size_t i = 0;
  while (i < line.size()) {
    size_t end = i;
    while (end < line.size() && is_word_byte(static_cast<unsigned char>(line[end]))) ++end;
    if (end == i) {
      out.push_back(line[i++]);
      continue;
    }
    std::string_view word = line.substr(i, end - i);
    PlainCase c = plain_case(word);
    if (c.upper >= 2 && c.lower == 0) {
      append_upper(word, out);
    } else {
      out.append(word);
    }
    i = end;
  }
}

std::string raise_capitals(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line(text.data() + start, end - start);
    PlainCase c = plain_case(line);
    if (c.upper >= 2 && c.lower == 0) {
      append_upper(line, out);
    } else {
      raise_capital_words(line, out);
    }
    if (end < text.size()) out.push_back('\n');
    start = end + 1;
  }
  return out;
}

std::optional<std::string> from_tcvn3(std::string_view bytes) {
  const auto& table = tcvn3_table();
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    if (!table[c].empty()) {
      out += table[c];
    } else if (!append_common(out, c)) {
      return std::nullopt;  // a byte VN3 does not use: not TCVN3
    }
  }
  return raise_capitals(out);
}

std::optional<std::string> from_vni(std::string_view bytes) {
  const VniTable& table = vni_table();
  std::string out;
  out.reserve(bytes.size() * 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (i + 1 < bytes.size()) {
      // The mark's case should follow the letter's ("UÛ" for "Ủ"); a mark of the other case
      // ("Uûy") is a slip the font shows only as a misplaced mark: the letter decides.
      auto mark = static_cast<unsigned char>(bytes[i + 1]);
      auto it = table.pair.find(static_cast<uint16_t>(c << 8 | mark));
      if (it == table.pair.end() && mark >= 0xC0) {
        it = table.pair.find(static_cast<uint16_t>(c << 8 | (mark ^ 0x20)));
      }
      if (it != table.pair.end()) {
        out += it->second;
        ++i;
        continue;
      }
    }
    if (!table.single[c].empty()) {
      out += table.single[c];
    } else if (!append_common(out, c)) {
      return std::nullopt;  // a mark byte after a letter it cannot mark: not VNI
    }
  }
  return out;
}

struct Reading {
  std::string text;
  const char* encoding;
  VietnameseScore score;
};

// What readings are compared by: the share of syllables, or for a short text, where a wrong
// reading can also be mostly syllables, the share of Vietnamese's most frequent ones.
double lead_measure(const VietnameseScore& s, bool short_text) {
  return short_text ? s.common : s.syllables;
}

// The reading that is clearly Vietnamese and leads every other (and `baseline`, the text as it
// is) by kMinLead.
std::optional<LegacyText> pick(std::vector<Reading> readings, const VietnameseScore& baseline) {
  auto best = std::max_element(readings.begin(), readings.end(), [](auto& a, auto& b) {
    return a.score.syllables != b.score.syllables ? a.score.syllables < b.score.syllables
                                                  : a.score.common < b.score.common;
  });
  if (best == readings.end() || !best->score.clearly_vietnamese()) return std::nullopt;
  const bool short_text = best->score.words < kMinWords || best->score.distinct < kMinWords;
  const double lead = lead_measure(best->score, short_text);
  for (auto it = readings.begin(); it != readings.end(); ++it) {
    if (it != best && lead < lead_measure(it->score, short_text) + kMinLead) return std::nullopt;
  }
  if (lead < lead_measure(baseline, short_text) + kMinLead) return std::nullopt;
  return LegacyText{std::move(best->text), best->encoding};
}

void add_reading(std::vector<Reading>& readings, std::optional<std::string> text,
                 const char* encoding) {
  if (!text) return;
  VietnameseScore score = vietnamese_score(*text);
  readings.push_back(Reading{std::move(*text), encoding, score});
}

}  // namespace

bool VietnameseScore::clearly_vietnamese() const {
  if (words >= kMinWords && distinct >= kMinWords) {
    return syllables >= kMinSyllables && marked >= kMinMarked;
  }
  return words >= kMinShortWords && distinct >= kMinShortWords && syllables == 1.0 &&
         marked >= kMinShortMarked && common >= kMinShortCommon;
}

VietnameseScore vietnamese_score(std::string_view utf8) {
  VietnameseScore score;
  size_t syllables = 0, marked = 0, common = 0;
  std::unordered_set<std::string_view> seen;  // up to kDistinctCounted words
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0 || !is_word_letter(c)) continue;
    bool ascii = true, vowel = false, plain = true;
    int32_t end = start;
    while (end < n) {
      int32_t next = end;
      U8_NEXT(utf8.data(), next, n, c);
      if (c < 0 || !is_word_letter(c)) break;
      ascii = ascii && c < 0x80;
      char32_t base = fold_code_point(static_cast<char32_t>(c));
      vowel = vowel || base == U'a' || base == U'e' || base == U'i' || base == U'o' ||
              base == U'u' || base == U'y';
      plain = plain && (c < 0x80 || base == U'd');
      end = next;
    }
    std::string_view word = utf8.substr(start, end - start);
    i = end;
    // Abbreviations and units without a vowel ("HĐND", "QĐ", "TTg", "kV", "mg", "x") fill
    // technical texts and can never be syllables, in any language: they are not counted.
    if (plain && !vowel) continue;
    ++score.words;
    if (seen.size() < VietnameseScore::kDistinctCounted) seen.insert(word);
    if (is_vietnamese_syllable(word)) ++syllables;
    if (!ascii) ++marked;
    if (common_syllables().count(canonical_word(word))) ++common;
  }
  score.distinct = seen.size();
  if (score.words) {
    score.syllables = static_cast<double>(syllables) / score.words;
    score.marked = static_cast<double>(marked) / score.words;
    score.common = static_cast<double>(common) / score.words;
  }
  return score;
}

std::optional<LegacyText> decode_legacy(std::string_view bytes) {
  std::vector<Reading> readings;
  add_reading(readings, from_tcvn3(bytes), "tcvn3");
  add_reading(readings, from_vni(bytes), "vni-windows");
  add_reading(readings, from_windows_1258(bytes), "windows-1258");
  return pick(std::move(readings), VietnameseScore{});
}

std::optional<LegacyText> repair_lookalikes(std::string_view utf8) {
  // Back to the bytes they came from: each character Windows-1252 has is one byte.
  std::string bytes;
  bytes.reserve(utf8.size());
  size_t high = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    int b = cp1252_byte(c);
    if (b < 0) return std::nullopt;  // real Unicode beyond Windows-1252: not look-alikes
    if (b >= 0x80) ++high;
    bytes.push_back(static_cast<char>(b));
  }
  if (high == 0) return std::nullopt;
  std::vector<Reading> readings;
  add_reading(readings, from_tcvn3(bytes), "tcvn3-in-utf8");
  add_reading(readings, from_vni(bytes), "vni-in-utf8");
  return pick(std::move(readings), vietnamese_score(utf8));
}

}  // namespace tracuu
