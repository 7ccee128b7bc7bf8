// Document numbers ("số ký hiệu"): one canonical identity for every way a number is written.
//
// "06-KH-BCĐ", "06/KH-BCĐ" and "6/KH-BCĐ" are one document; so are "36/TTr- MTTQTW-BTT" and
// "36/TTr-MTTQTW-BTT", "BCĐTWCVD" (OCR's D for Đ) and "BCĐTWCVĐ", "Ð" (U+00D0) and "Đ". The key
// ignores the separators, case, leading zeros and the stroke of Đ; the display restores the
// conventional spelling from data/number_codes.txt and the party/state style.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracuu {

struct DocumentNumber {
  // Comparison identity, ASCII: "3/CT-TW", "634/QD-TTG", "89/2018/TT-BTC". Safe in a term.
  std::string key;
  // Conventional spelling: party style "03-CT/TW", state style "634/QĐ-TTg".
  std::string display;
};

// Parses a number as written, with or without spaces around separators ("1512 /UBND-KT",
// "1830 QĐ-UBND"). Requires a leading serial number and at least one symbol part that starts
// with a letter; returns nullopt otherwise (a bare "9042" is a registry stamp, not a number).
// `raw` must be NFC UTF-8. Trailing text after the number is ignored; `consumed`, when given,
// receives how many bytes of `raw` the number took.
std::optional<DocumentNumber> parse_document_number(std::string_view raw,
                                                    size_t* consumed = nullptr);

// The key alone, for any spelling: parse_document_number(raw)->key, or empty when unparsable.
std::string canonical_number(std::string_view raw);

}  // namespace tracuu
