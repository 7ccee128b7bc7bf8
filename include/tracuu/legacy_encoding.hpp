// Pre-Unicode Vietnamese encodings, common in older administrative files.
//
// Two are recognised: Windows-1258 (base letters with combining tone bytes; converted by ICU)
// and TCVN3 (ABC, the ".VnTime" fonts; data/tcvn3.tsv), the latter both as raw bytes and as
// UTF-8 text that carries TCVN3's bytes read as Latin-1 ("Céng hoµ x· héi" for "Cộng hoà xã
// hội"), which is what copying from an old document into a Unicode editor leaves.
//
// A conversion is accepted only when its result reads clearly as Vietnamese (vietnamese_score):
// text in another language is never converted silently. VNI-Windows is not recognised: its
// letters and marks are separate bytes whose Latin-1 readings are themselves plausible words,
// and a wrong guess would corrupt the text; such files stay "not valid UTF-8".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracuu {

struct LegacyText {
  std::string text;      // NFC UTF-8
  std::string encoding;  // "windows-1258", "tcvn3" or "tcvn3-in-utf8"
};

// How Vietnamese `utf8` reads: the share of its letter words that are Vietnamese syllables,
// and the share that carry Vietnamese marks. Words of letters only; numbers are ignored.
struct VietnameseScore {
  size_t words = 0;
  double syllables = 0;  // 0..1
  double marked = 0;     // 0..1
  bool clearly_vietnamese() const;
};
VietnameseScore vietnamese_score(std::string_view utf8);

// For bytes that are not valid UTF-8: the legacy encoding they read best in, if any reads
// clearly as Vietnamese.
std::optional<LegacyText> decode_legacy(std::string_view bytes);

// For valid UTF-8 that reads poorly as Vietnamese: the text with TCVN3 look-alikes converted,
// when that reads clearly as Vietnamese.
std::optional<LegacyText> repair_tcvn3_lookalikes(std::string_view utf8);

}  // namespace tracuu
