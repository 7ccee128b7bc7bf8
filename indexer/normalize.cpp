#include "tracuu/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace tracuu {
namespace {

// ICU's normalizers, each got once under a C++ static. ICU builds them lazily behind its own
// once-flags, which ThreadSanitizer cannot see through (ICU is not instrumented); the guarded
// static makes that first build happen before every use, on any thread. Null if ICU fails.
const icu::Normalizer2* nfc_normalizer() {
  static const icu::Normalizer2* const nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfc;
}

const icu::Normalizer2* nfd_normalizer() {
  static const icu::Normalizer2* const nfd = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfd;
}

// The twelve Vietnamese vowels without tone, and the five tone marks as combining characters.
constexpr std::u32string_view kBaseVowels = U"aăâeêioôơuưy";
constexpr std::array<char32_t, 6> kToneMarks = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
constexpr char32_t kDStroke = U'đ';

// Maps each lower-case precomposed Vietnamese vowel to its toneless base and its tone, and
// back. Built once from ICU's composition data rather than typed in, so it cannot drift from
// Unicode: 12 bases × 6 tones = 72 letters, all below U+2000.
class VowelTable {
 public:
  static const VowelTable& instance() {
    static const VowelTable table;
    return table;
  }

  struct Entry {
    uint8_t base = 0;  // 1 + index into kBaseVowels; 0 when not a vowel
    uint8_t tone = 0;  // index into kToneMarks
  };

  Entry lookup(char32_t cp) const { return cp < kLimit ? entries_[cp] : Entry{}; }
  char32_t compose(int base_index, int tone) const { return composed_[base_index][tone]; }

 private:
  static constexpr char32_t kLimit = 0x2000;

  VowelTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = nfc_normalizer();
    if (!nfc) return;
    for (size_t b = 0; b < kBaseVowels.size(); ++b) {
      for (size_t t = 0; t < kToneMarks.size(); ++t) {
        // Full NFC rather than composePair: "ộ" is canonically ọ + ̂, not ô + ̣.
        icu::UnicodeString pair(static_cast<UChar32>(kBaseVowels[b]));
        if (t != 0) pair.append(static_cast<UChar32>(kToneMarks[t]));
        icu::UnicodeString composed = nfc->normalize(pair, status);
        char32_t cp = static_cast<char32_t>(composed.char32At(0));
        composed_[b][t] = cp;
        if (cp < kLimit) entries_[cp] = Entry{static_cast<uint8_t>(b + 1), static_cast<uint8_t>(t)};
      }
    }
  }

  std::array<Entry, kLimit> entries_{};
  std::array<std::array<char32_t, 6>, 12> composed_{};
};

char32_t ascii_of_base(int base_index) {
  static constexpr std::u32string_view kAscii = U"aaaeeiooouuy";
  return kAscii[base_index];
}

bool has_quality_mark(int base_index) {
  char32_t b = kBaseVowels[base_index];
  return b == U'ă' || b == U'â' || b == U'ê' || b == U'ô' || b == U'ơ' || b == U'ư';
}

char32_t lower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp == 0xD0 || cp == 0xF0) return kDStroke;  // OCR reads Đ as Ð; Vietnamese has no eth
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
}

void append_utf8(std::string& out, char32_t cp) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, cp);
  out.append(buf, len);
}

// A word decoded to lower-case code points, with each vowel split into base and tone.
struct DecodedWord {
  std::u32string letters;      // lower case, vowels as toneless bases
  std::u32string original;     // lower case, as written
  std::array<int, 32> base{};  // per letter: 1 + base vowel index, or 0
  int tone = 0;                // the tone found (last one)
  int tone_count = 0;
  bool fits = true;  // false when longer than the per-letter arrays
};

void decode(std::string_view word, DecodedWord& w) {
  const VowelTable& table = VowelTable::instance();
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(word.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(word.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    char32_t cp = lower(static_cast<char32_t>(c));
    VowelTable::Entry e = table.lookup(cp);
    size_t pos = w.letters.size();
    if (pos >= w.base.size()) w.fits = false;
    if (e.base != 0) {
      if (e.tone != 0) {
        w.tone = e.tone;
        ++w.tone_count;
      }
      w.letters.push_back(kBaseVowels[e.base - 1]);
      if (w.fits) w.base[pos] = e.base;
    } else {
      w.letters.push_back(cp);
    }
    w.original.push_back(cp);
  }
}

// Length of the initial consonant of `letters`, or -1 when the word cannot start a syllable.
int initial_length(const DecodedWord& w) {
  static constexpr std::u32string_view kInitials[] = {
      U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu",
      U"th",  U"tr", U"b",  U"c",  U"d",  U"đ",  U"g",  U"h",  U"k",
      U"l",   U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v",  U"x"};
  std::u32string_view s = w.letters;
  if (!s.empty() && w.base[0] != 0) return 0;
  for (std::u32string_view init : kInitials) {
    if (s.substr(0, init.size()) != init) continue;
    // "gi" is a consonant only when a vowel follows it ("già"); otherwise it is g + i ("gì").
    if (init == U"gi" && (s.size() == 2 || w.base[2] == 0)) return 1;
    return static_cast<int>(init.size());
  }
  return -1;
}

bool is_final(std::u32string_view s) {
  return s.empty() || s == U"c" || s == U"ch" || s == U"m" || s == U"n" || s == U"ng" ||
         s == U"nh" || s == U"p" || s == U"t";
}

// Index (into letters) of the vowel that carries the tone, or -1 if `w` is not a syllable.
int tone_position(const DecodedWord& w) {
  int start = initial_length(w);
  if (start < 0) return -1;
  int end = start;
  const int n = static_cast<int>(w.letters.size());
  while (end < n && w.base[end] != 0) ++end;
  const int vowels = end - start;
  if (vowels < 1 || vowels > 3) return -1;
  if (!is_final(std::u32string_view(w.letters).substr(end))) return -1;
  int marked = -1;
  for (int i = start; i < end; ++i) {
    if (has_quality_mark(w.base[i] - 1)) marked = i;
  }
  if (marked >= 0) return marked;
  if (end < n) return end - 1;
  if (vowels == 3) return start + 1;
  return start;
}

}  // namespace

bool is_vietnamese_syllable(std::string_view word) {
  DecodedWord w;
  decode(word, w);
  if (!w.fits || w.letters.empty() || w.tone_count > 1) return false;
  for (size_t i = 0; i < w.letters.size(); ++i) {
    char32_t c = w.letters[i];
    if (w.base[i] == 0 && !(c >= U'a' && c <= U'z') && c != U'đ') return false;
  }
  return tone_position(w) >= 0;
}

bool is_valid_utf8(std::string_view text) {
  const char* p = text.data();
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    // Most bytes of Vietnamese text are ASCII: eight at a time need no decoding.
    uint64_t eight;
    if (i + 8 <= n && (std::memcpy(&eight, p + i, 8), (eight & 0x8080808080808080ULL) == 0)) {
      i += 8;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string to_nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = nfc_normalizer();
  if (!nfc) return std::string(text);
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  // Nearly every text is NFC already: checked in UTF-8, without the UTF-16 copy that
  // normalising takes.
  if (is_valid_utf8(text)) {
    if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(text);
    status = U_ZERO_ERROR;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(piece);
  icu::UnicodeString normalized = nfc->normalize(u, status);
  std::string out;
  (U_SUCCESS(status) ? normalized : u).toUTF8String(out);
  return out;
}

void word_forms(std::string_view word, std::string& exact, std::string& folded) {
  exact.clear();
  folded.clear();
  DecodedWord w;
  w.letters.reserve(word.size());
  decode(word, w);
  const VowelTable& table = VowelTable::instance();

  int tone_at = -1;
  if (w.fits && w.tone_count == 1) tone_at = tone_position(w);
  if (w.fits && w.tone_count == 0) tone_at = -2;  // nothing to place
  for (size_t i = 0; i < w.letters.size(); ++i) {
    char32_t cp = w.letters[i];
    int base = (w.fits && i < w.base.size()) ? w.base[i] : 0;
    if (tone_at >= -1 && tone_at < 0) {
      append_utf8(exact, w.original[i]);  // not a syllable: keep the marks where written
    } else if (base != 0) {
      append_utf8(exact, table.compose(base - 1, static_cast<int>(i) == tone_at ? w.tone : 0));
    } else {
      append_utf8(exact, cp);
    }
  }

  for (size_t i = 0; i < w.letters.size(); ++i) {
    char32_t cp = w.letters[i];
    int base = (w.fits && i < w.base.size()) ? w.base[i] : 0;
    if (base != 0) {
      folded.push_back(static_cast<char>(ascii_of_base(base - 1)));
    } else if (cp == kDStroke) {
      folded.push_back('d');
    } else if (cp < 0x80) {
      folded.push_back(static_cast<char>(cp));
    } else {
      // Rare letters (é, ü, Cyrillic…): decompose and drop the combining marks.
      VowelTable::Entry e = table.lookup(cp);
      if (e.base != 0) {
        folded.push_back(static_cast<char>(ascii_of_base(e.base - 1)));
        continue;
      }
      const icu::Normalizer2* nfd = nfd_normalizer();
      icu::UnicodeString d;
      if (nfd && nfd->getDecomposition(static_cast<UChar32>(cp), d)) {
        for (int32_t k = 0; k < d.length();) {
          UChar32 c = d.char32At(k);
          if (u_charType(c) != U_NON_SPACING_MARK) append_utf8(folded, static_cast<char32_t>(c));
          k += U16_LENGTH(c);
        }
      } else if (u_charType(static_cast<UChar32>(cp)) != U_NON_SPACING_MARK) {
        append_utf8(folded, cp);
      }
    }
  }
}

char32_t fold_code_point(char32_t cp) {
  cp = lower(cp);
  if (cp < 0x80) return cp;
  if (cp == kDStroke) return U'd';
  VowelTable::Entry e = VowelTable::instance().lookup(cp);
  return e.base != 0 ? ascii_of_base(e.base - 1) : cp;
}

std::string canonical_word(std::string_view word) {
  std::string exact, folded;
  word_forms(word, exact, folded);
  return exact;
}

std::string fold_diacritics(std::string_view word) {
  std::string exact, folded;
  word_forms(word, exact, folded);
  return folded;
}

}  // namespace tracuu
