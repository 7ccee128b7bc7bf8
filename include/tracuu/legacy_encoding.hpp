// Pre-Unicode Vietnamese encodings, common in older administrative files.
//
// Three are recognised:
//   - Windows-1258: base letters followed by combining tone bytes; converted by ICU, then NFC.
//   - TCVN3 (ABC, TCVN 5712:1993 VN3, the ".VnTime" fonts; data/tcvn3.tsv): one byte per letter.
//   - VNI-Windows (the "VNI-Times" fonts; data/vni.tsv): a base letter followed by a mark byte
//     ("Vieät" for "Việt").
// The last two also as UTF-8 text that carries their bytes read as Windows-1252 ("Céng hoµ x·
// héi", "Coäng hoøa xaõ hoäi" for "Cộng hoà xã hội"), which is what copying from an old
// document into a Unicode editor leaves.
//
// Every possible reading is converted and scored (vietnamese_score); one is accepted only when
// it reads clearly as Vietnamese AND clearly better than every other reading, including the
// text as it is. Text in another language is never converted by guesswork: the caller keeps
// the text as it was, or reports it as not valid UTF-8. Bytes 0x80–0x9F are read as
// Windows-1252 punctuation (“ ” – …), which the old fonts kept.
//
// All functions are pure and thread-safe (the tables are built once, on first use).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracuu {

struct LegacyText {
  std::string text;      // NFC UTF-8
  std::string encoding;  // "windows-1258", "tcvn3", "vni-windows", "tcvn3-in-utf8" or
                         // "vni-in-utf8"
};

// How Vietnamese `utf8` reads: the share of its letter words that are Vietnamese syllables,
// and the share that carry letters beyond ASCII. Words of letters only; numbers are ignored.
struct VietnameseScore {
  static constexpr size_t kDistinctCounted = 100;
  size_t words = 0;
  size_t distinct = 0;   // different words, counted up to kDistinctCounted
  double syllables = 0;  // 0..1
  double marked = 0;     // 0..1
  double common = 0;     // 0..1: the share among the most frequent syllables (data/)
  // Enough words (and different words) to judge, nearly all syllables, and a good share marked
  // (English of short words can pass the syllable test, never the marked one); or, for a text
  // too short for that (a line, a title), beyond doubt: every word a syllable, most marked and
  // most among the most frequent Vietnamese syllables. Thresholds in legacy_encoding.cpp.
  bool clearly_vietnamese() const;
};
VietnameseScore vietnamese_score(std::string_view utf8);

// For bytes that are not valid UTF-8: the legacy encoding they read best in, if one reads
// clearly as Vietnamese and clearly better than the others; nullopt otherwise.
std::optional<LegacyText> decode_legacy(std::string_view bytes);

// For valid UTF-8: the text with TCVN3 or VNI look-alikes converted, when that reads clearly as
// Vietnamese and clearly better than the text as it is; nullopt otherwise (always for text with
// characters beyond Windows-1252, such as any real Vietnamese, after a scan up to the first).
std::optional<LegacyText> repair_lookalikes(std::string_view utf8);

}  // namespace tracuu
