// Internal: a text cut into lines, each with a folded copy (lower-case ASCII letters, marks
// dropped, đ→d, other code points as-is) whose bytes map back to the original. The extractor
// matches patterns against the folded copy ("noi nhan", "ngay ... thang") and reads the
// result from the original, so a match never depends on tone placement or case.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

struct Line {
  std::string_view text;         // original, without the '\n'
  std::string folded;            // folded copy
  std::vector<uint32_t> origin;  // origin[i] = byte offset in `text` of folded byte i; size+1
  size_t offset = 0;             // byte offset of `text` in the whole text

  bool blank() const { return folded.find_first_not_of(" \t\u00a0") == std::string::npos; }
  // The original text for folded range [b, e).
  std::string_view original(size_t b, size_t e) const {
    return text.substr(origin[b], origin[e] - origin[b]);
  }
  bool starts_with(std::string_view folded_prefix) const;  // after leading blanks
  std::string_view trimmed() const;
  // True when the line has letters and none of them is lower case.
  bool upper_case() const;
};

std::vector<Line> split_lines(std::string_view text);

// One line of split_lines: `text` holds no '\n' and starts `offset` bytes into the whole.
Line make_line(std::string_view text, size_t offset);

// Folds any text the same way (no origin kept).
std::string fold_text(std::string_view text);

// Collapses runs of blanks to one space and trims.
std::string squeeze_spaces(std::string_view s);

}  // namespace tracuu
