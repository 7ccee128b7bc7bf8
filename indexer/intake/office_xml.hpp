// Internal: what the readers of zipped-XML documents (.docx, .odt) share: reading one XML part
// of the zip, and adding a block as both walkers add them.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tracuu/intake.hpp"
#include "zip_archive.hpp"

namespace tracuu::intake {

// A part's XML, or the reason an official can read for why it cannot be had: `encrypted` for
// an encrypted zip entry, "damaged <format>: …" otherwise (`format` as ".docx").
Result<pugi::xml_document> parse_xml_part(const ZipArchive& zip, const std::string& name,
                                          std::string_view format, std::string_view encrypted);

// Adds `text` as a block of `kind` found in a part of `part_kind` (the body, a running header,
// a footnote…); empty text carries nothing the pipeline reads and is dropped. A cell of a
// running header or a footnote keeps its part's kind: it is not body text.
void add_block(std::vector<TextBlock>& blocks, TextBlock::Kind part_kind, TextBlock::Kind kind,
               std::string text, int row, int col);

}  // namespace tracuu::intake
