// The text the pipeline reads from a file's blocks, whatever the format.
#include "file_type.hpp"
#include "tracuu/intake.hpp"

namespace tracuu {

namespace {

bool is_body(TextBlock::Kind kind) {
  return kind != TextBlock::Kind::kPageHeader && kind != TextBlock::Kind::kPageFooter &&
         kind != TextBlock::Kind::kFootnote;
}

void append_lines(std::string& out, std::string_view text) {
  // Empty lines carry nothing the extractor reads, and blocks never end mid-line.
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) {
      out.append(line);
      out.push_back('\n');
    }
    start = end + 1;
  }
}

}  // namespace

std::string text_of(const ReadFile& file) {
  std::string out;
  for (const TextBlock& b : file.blocks) {
    if (is_body(b.kind)) append_lines(out, b.text);
  }
  for (const TextBlock& b : file.blocks) {
    if (b.kind == TextBlock::Kind::kFootnote) append_lines(out, b.text);
  }
  return out;
}

bool is_plain_text_name(std::string_view name) {
  std::string ext = intake::extension_of(name);
  return ext == ".txt" || ext.empty();
}

}  // namespace tracuu
