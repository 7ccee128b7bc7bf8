#include "tracuu/bundle.hpp"

#include "layout_rules.hpp"
#include "text_lines.hpp"

namespace tracuu {
namespace {

constexpr size_t kAppendixLookahead = 15;  // lines after a header that may reveal an appendix

// Appendices and forms repeat the motto but say what they are attached to.
bool appendix_ahead(const std::vector<Line>& lines, size_t at) {
  for (size_t i = at; i < lines.size() && i < at + kAppendixLookahead; ++i) {
    const Line& l = lines[i];
    if (l.starts_with("phu luc") || l.starts_with("mau so") || l.starts_with("bieu mau") ||
        l.starts_with("(ban hanh kem theo") || l.starts_with("(kem theo") ||
        l.folded.find("kem theo") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// A new header starts a document: the motto, or a type heading standing on its own line.
bool is_anchor(const Line& l) {
  if (layout::is_motto(l)) return true;
  size_t n = layout::heading_length(l);
  return n > 0 && l.folded.find_first_not_of(' ', n) == std::string::npos;
}

// First line of the document whose anchor is `anchor`: right after the previous document's
// signer, or else the start of the run of capitalised header lines before the anchor.
size_t document_start(const std::vector<Line>& lines, size_t anchor, size_t after_name) {
  size_t start = anchor;
  if (after_name != 0) {
    start = after_name;
  } else {
    while (start > 0 && (lines[start - 1].blank() || lines[start - 1].upper_case())) --start;
  }
  while (start < anchor && lines[start].blank()) ++start;
  return start;
}

}  // namespace

std::vector<std::string_view> split_bundle(std::string_view text) {
  std::vector<Line> lines = split_lines(text);
  std::vector<size_t> starts{0};  // line indices
  bool ended = false;             // the current document has reached its recipients list
  size_t after_name = 0;          // line after the last signer's name since then
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.starts_with("noi nhan")) {
      ended = true;
      after_name = 0;
      continue;
    }
    if (!ended) continue;
    if (!layout::name_at_end(l.trimmed()).empty() && l.folded.size() < 120) {
      after_name = i + 1;
      continue;
    }
    if (!is_anchor(l)) continue;
    ended = false;
    if (appendix_ahead(lines, i)) continue;
    size_t start = document_start(lines, i, after_name);
    if (start > starts.back()) starts.push_back(start);
  }
  std::vector<std::string_view> parts;
  for (size_t k = 0; k < starts.size(); ++k) {
    size_t begin = k == 0 ? 0 : lines[starts[k]].offset;
    size_t end = k + 1 < starts.size() ? lines[starts[k + 1]].offset : text.size();
    parts.push_back(text.substr(begin, end - begin));
  }
  return parts;
}

}  // namespace tracuu
