// One issuing body, one name: the form an issuer is shown, filtered and counted in, whatever
// the document wrote.
//
// Offices write the same body in many ways: in capitals or not ("Hội liên hiệp phụ nữ tỉnh
// Quảng Nam", "Hội Liên hiệp Phụ nữ tỉnh Quảng Nam"), abbreviated ("Sở NN&PTNT tỉnh Yên Bái",
// "UBND tỉnh Bắc Ninh"), as a place alone ("tỉnh Bắc Ninh" heading a province's letter), with a
// header's rule beside it ("Quốc hội --------"). The facet must count one body once; so every
// issuer is rewritten into one form before it is stored: debris dropped, the body abbreviations
// of data/abbreviations.tsv spelled out, a bare place read as its People's Committee, and the
// capitals of data/body_names.txt and of place names restored.
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

// The canonical form of an issuer's name; empty for a name of debris only.
std::string canonical_issuer(std::string_view written);

}  // namespace tracuu
