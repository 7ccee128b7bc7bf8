// Internal: from the lines of laid-out pages (a PDF's text layer, or OCR of a page's image) to
// the blocks a reader hands back. A page wraps sentences at its right margin and repeats its
// running header on every page; a phrase must match across a line break and the running
// header must never be read as the document's title, number or date.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracuu/intake.hpp"

namespace tracuu::intake {

// One line of a page as laid out. Coordinates are in any unit, y grows downwards; only their
// ratios to the line's height and the page's size matter.
struct PageLine {
  std::string text;
  double left = 0, top = 0, right = 0, bottom = 0;
  double first_word_width = 0;    // whether the next line's first word would have fit here
  bool starts_paragraph = false;  // the layout engine says so (tesseract's paragraphs)
  double height() const { return bottom - top; }
};

// A page's lines in reading order.
struct LaidOutPage {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  bool ocr = false;
  std::vector<PageLine> lines;
};

// Signature-stamp text of the government CA signer or a "SAO Y" copy stamp: never the
// document's own words.
bool is_stamp_line(std::string_view line);

// Which lines are stamp text: stamp lines, and the organ between a stamp's first and last line
// ("SAO Y / Bộ Công an / Thời gian ký: …").
std::vector<bool> stamp_lines(const std::vector<PageLine>& lines);

// Non-space characters of the lines that are not stamp text: how much a page really says.
size_t real_text_chars(const std::vector<PageLine>& lines);

// Text in a font that cannot hold Vietnamese (an invisible OCR layer in WinAnsi): cp1252
// look-alikes where Vietnamese letters should be ("CØNG HOÀXÃ HØI").
bool is_broken_vietnamese(std::string_view text);

// Paragraph blocks with their pages, running headers and footers, page numbers and stamp text
// as kPageHeader / kPageFooter blocks. Paragraphs continuing over a page break are joined.
std::vector<TextBlock> layout_blocks(const std::vector<LaidOutPage>& pages);

}  // namespace tracuu::intake
