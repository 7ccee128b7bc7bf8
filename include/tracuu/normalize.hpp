// Normalisation of Vietnamese text: the rules that decide when two spellings are one word.
//
// Every function here is pure and thread-safe. They are used by the analyzer (analyzer.hpp),
// which is the single place that turns text into index terms, for documents and queries alike.
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool is_valid_utf8(std::string_view text);

// Returns `text` in Unicode NFC. Already-NFC text (the common case) is returned unchanged
// without a full normalisation pass. Invalid UTF-8 sequences become U+FFFD.
std::string to_nfc(std::string_view text);

// Canonical spelling of one word: lower case, NFC, 'ð'/'Ð' (OCR's Icelandic eth) read as 'đ',
// and, when the word is a Vietnamese syllable, its tone mark placed by one rule:
//
//   1. on the vowel carrying a quality mark (ă â ê ô ơ ư); in "ươ" on the ơ;
//   2. otherwise, when a final consonant follows, on the last vowel (hoàn, toán);
//   3. otherwise on the middle vowel of three (ngoài, khuỷu);
//   4. otherwise on the first of two (hòa, thủy, khỏe, mía);
//   5. otherwise on the only vowel.
//
// "qu" and "gi" count as initial consonants (quý, già; but gì). This is the traditional
// placement most administrative texts use, so "hoà"/"hòa", "uỷ"/"ủy", "khoẻ"/"khỏe" and hurried
// misplacements ("vịêt" → "việt", "lựơng" → "lượng") all give one spelling. A word that is not a
// Vietnamese syllable (one initial, one to three vowels, one final) keeps its marks where they are.
std::string canonical_word(std::string_view word);

// True when `word` is a Vietnamese syllable: an initial consonant (or none), one to three
// vowels, a final consonant (or none), at most one tone mark, and no letter Vietnamese lacks
// (f, j, w, z, ç, µ…). How the legacy-encoding detector tells Vietnamese text from other text.
bool is_vietnamese_syllable(std::string_view word);

// The word with every tone and vowel mark removed and 'đ' folded to 'd', in lower case:
// "Đồng" → "dong", "Hoà" → "hoa", "café" → "cafe". NFD alone does not decompose 'đ'.
std::string fold_diacritics(std::string_view word);

// One code point folded the same way, for scanning text without cutting it into words: a
// Vietnamese letter gives its ASCII base in lower case ('Ộ' → 'o', 'Đ' → 'd'), other code points
// their simple lower case.
char32_t fold_code_point(char32_t cp);

// Both forms of one word at once (the analyzer's hot path); `exact` is canonical_word(word),
// `folded` is fold_diacritics(word). Either output may alias nothing else; both are overwritten.
void word_forms(std::string_view word, std::string& exact, std::string& folded);

}  // namespace tracuu
