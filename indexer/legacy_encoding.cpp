#include "tracuu/legacy_encoding.hpp"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>

#include "embedded_data.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

// Thresholds, set on the seeds and the 421 real documents (all read as UTF-8, scoring 0.93 or
// more) against English, French and Russian text and random bytes (none above 0.6): a text
// must have enough words to judge, nearly all of them syllables, and a good share marked (an
// English text of short words can pass the first test, never the second).
constexpr size_t kMinWords = 12;
constexpr double kMinSyllables = 0.85;
constexpr double kMinMarked = 0.2;

// data/tcvn3.tsv: byte → UTF-8 letter; empty for bytes VN3 leaves unused.
const std::array<std::string, 256>& tcvn3_table() {
  static const std::array<std::string, 256> table = [] {
    std::array<std::string, 256> t;
    for (std::string_view line : data::lines_of(data::kTcvn3)) {
      size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      unsigned byte = std::stoul(std::string(line.substr(0, tab)), nullptr, 16);
      if (byte < 256) t[byte] = std::string(line.substr(tab + 1));
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

// VN3 has no capitals with tone marks (headings used the .VnTimeH fonts at the same byte
// positions), so "KẾ HOẠCH" comes out "Kế HOạCH". A line whose plain letters are all capitals
// is a heading: it is raised whole ("KẾ HOẠCH").
std::string raise_heading_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line(text.data() + start, end - start);
    int upper = 0, lower = 0;
    for (char c : line) {
      upper += (c >= 'A' && c <= 'Z') ? 1 : 0;
      lower += (c >= 'a' && c <= 'z') ? 1 : 0;
    }
    if (upper >= 2 && lower == 0) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
      u.toUpper();
      u.toUTF8String(out);
    } else {
      out.append(line);
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
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (!table[c].empty()) {
      out += table[c];
    } else {
      return std::nullopt;  // a byte VN3 does not use: not TCVN3
    }
  }
  return raise_heading_lines(out);
}

}  // namespace

bool VietnameseScore::clearly_vietnamese() const {
  return words >= kMinWords && syllables >= kMinSyllables && marked >= kMinMarked;
}

VietnameseScore vietnamese_score(std::string_view utf8) {
  VietnameseScore score;
  size_t syllables = 0, marked = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0 || !is_word_letter(c)) continue;
    bool ascii = c < 0x80;
    int32_t end = i;
    while (end < n) {
      int32_t next = end;
      U8_NEXT(utf8.data(), next, n, c);
      if (c < 0 || !is_word_letter(c)) break;
      ascii = ascii && c < 0x80;
      end = next;
    }
    std::string_view word = utf8.substr(start, end - start);
    i = end;
    ++score.words;
    if (is_vietnamese_syllable(word)) ++syllables;
    if (!ascii) ++marked;
  }
  if (score.words) {
    score.syllables = static_cast<double>(syllables) / score.words;
    score.marked = static_cast<double>(marked) / score.words;
  }
  return score;
}

std::optional<LegacyText> decode_legacy(std::string_view bytes) {
  std::optional<LegacyText> best;
  double best_score = 0;
  auto consider = [&](std::optional<std::string> text, const char* encoding) {
    if (!text) return;
    VietnameseScore s = vietnamese_score(*text);
    if (s.clearly_vietnamese() && s.syllables > best_score) {
      best_score = s.syllables;
      best = LegacyText{std::move(*text), encoding};
    }
  };
  consider(from_tcvn3(bytes), "tcvn3");
  consider(from_windows_1258(bytes), "windows-1258");
  return best;
}

std::optional<LegacyText> repair_tcvn3_lookalikes(std::string_view utf8) {
  // Back to the bytes they came from: each code point up to U+00FF is one TCVN3 byte.
  std::string bytes;
  bytes.reserve(utf8.size());
  size_t high = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0 || c > 0xFF) return std::nullopt;  // real Unicode beyond Latin-1: not look-alikes
    if (c >= 0x80) ++high;
    bytes.push_back(static_cast<char>(c));
  }
  if (high == 0) return std::nullopt;
  std::optional<std::string> text = from_tcvn3(bytes);
  if (!text || vietnamese_score(*text).syllables <= vietnamese_score(utf8).syllables ||
      !vietnamese_score(*text).clearly_vietnamese()) {
    return std::nullopt;
  }
  return LegacyText{std::move(*text), "tcvn3-in-utf8"};
}

}  // namespace tracuu
