// Internal: the blocks of a Word 97-2003 document from what antiword prints of it.
#pragma once

#include <string_view>
#include <vector>

#include "tracuu/intake.hpp"

namespace tracuu::intake {

// antiword (-w 0) prints a paragraph a line and a table row as "|cell|cell|"; a row whose
// cells hold several lines loses its opening bar and spans the lines up to the one that ends
// with a bar. Rows become kCell blocks (row, col), the rest kParagraph blocks, a line each.
std::vector<TextBlock> blocks_from_antiword(std::string_view output);

}  // namespace tracuu::intake
