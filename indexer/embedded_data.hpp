// The data files of data/, compiled into the binaries by cmake/embed.cmake so that tracuu runs
// from any directory. Each is UTF-8 text; lines starting with '#' are comments.
#pragma once

#include <string_view>
#include <vector>

namespace tracuu::data {

extern const std::string_view kAbbreviations;    // data/abbreviations.tsv
extern const std::string_view kNumberCodes;      // data/number_codes.txt
extern const std::string_view kProvinces;        // data/provinces.txt
extern const std::string_view kDocumentTypes;    // data/document_types.tsv
extern const std::string_view kOrgans;           // data/organs.txt
extern const std::string_view kSurnames;         // data/surnames.txt
extern const std::string_view kTcvn3;            // data/tcvn3.tsv
extern const std::string_view kVni;              // data/vni.tsv
extern const std::string_view kCommonSyllables;  // data/common_syllables.txt
extern const std::string_view kBodyNames;        // data/body_names.txt
extern const std::string_view kPlaceLevels;      // data/place_levels.txt
extern const std::string_view kSecrecyMarks;     // data/secrecy_marks.txt
extern const std::string_view kNationalBodies;   // data/national_bodies.txt

// The non-empty, non-comment lines of a data file, trimmed.
std::vector<std::string_view> lines_of(std::string_view file);

}  // namespace tracuu::data
