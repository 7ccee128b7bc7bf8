// Internal: what an office's file or folder name says of the document in it. Offices name a
// case by the type and serial of its document ("Tờ trình 156 SNV …", "CV 4214 BCA …",
// "29-11 TTr 3367 So NV"), which is where the serial is when the document itself leaves it
// blank (a draft) or has it written by hand after signing (a scan).
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

struct CaseName {
  std::string type;    // "Tờ trình"; empty when the name says no type and serial
  std::string serial;  // "156"
  std::string code;    // the capitals after the serial, folded ("snv" of "156 SNV"), or empty
};

// The first document type (its name, or the code of its numbers: "TTr", "CV") followed by a
// serial ("số" between them allowed) in `name`; empty when there is none.
CaseName read_case_name(std::string_view name);

}  // namespace tracuu
