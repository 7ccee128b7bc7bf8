#include "tracuu/bundle.hpp"

#include "extraction.hpp"
#include "layout_rules.hpp"
#include "text_lines.hpp"

namespace tracuu {
namespace {

constexpr size_t kAppendixLookahead = 15;  // lines after a header that may reveal an appendix

// Lines that open an appendix, a form or an attachment: what follows belongs to the document
// before, even under a repeated motto.
bool opens_attachment(const Line& l) {
  static constexpr std::string_view kOpeners[] = {"phu luc",
                                                  "mau so",
                                                  "mau ",
                                                  "bieu mau",
                                                  "bieu so",
                                                  "to khai",
                                                  "phieu ",
                                                  "don de nghi",
                                                  "danh muc",
                                                  "(ban hanh kem theo",
                                                  "(kem theo",
                                                  "kem theo",
                                                  "file duoc dinh kem"};
  // Skip the bullets and stars conversions leave in front ("* * PHỤ LỤC I").
  size_t b = l.folded.find_first_not_of(" *-.");
  std::string_view head = b == std::string::npos ? "" : std::string_view(l.folded).substr(b);
  for (std::string_view o : kOpeners) {
    if (head.substr(0, o.size()) == o) return true;
  }
  return l.folded.size() < 300 && l.folded.find("kem theo") != std::string::npos;
}

bool appendix_ahead(const std::vector<Line>& lines, size_t at) {
  for (size_t i = at; i < lines.size() && i < at + kAppendixLookahead; ++i) {
    if (opens_attachment(lines[i])) return true;
  }
  return false;
}

// A new header starts a document: the motto, or a type heading standing on its own line.
bool is_anchor(const Line& l) {
  if (layout::is_motto(l)) return true;
  size_t n = layout::heading_length(l);
  return n > 0 && l.folded.find_first_not_of(' ', n) == std::string::npos;
}

// A decision that "ban hành Kế hoạch …" carries that plan after its signature, often without
// the "kèm theo" line a conversion dropped: a plan heading then continues the decision.
bool issued_by_previous(const std::vector<Line>& lines, size_t begin, size_t anchor) {
  std::string type;
  if (layout::heading_length(lines[anchor], &type) == 0) return false;
  std::string issues = "ban hanh " + fold_text(type);
  for (size_t i = begin, seen = 0; i < anchor && seen < 12; ++i) {
    if (lines[i].blank()) continue;
    ++seen;
    if (lines[i].folded.find(issues) != std::string::npos) return true;
  }
  return false;
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

// The index of each part's first line.
std::vector<size_t> part_starts(const std::vector<Line>& lines) {
  std::vector<size_t> starts{0};
  bool ended = false;        // the current document has reached its recipients list
  bool attachments = false;  // …and its appendices have begun: no more splits
  size_t after_name = 0;     // line after the last signer's name since then
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.starts_with("noi nhan") && !attachments) {
      ended = true;
      after_name = 0;
      continue;
    }
    if (!ended) continue;
    if (opens_attachment(l)) {
      attachments = true;
      ended = false;
      continue;
    }
    if (!layout::name_at_end(l.trimmed()).empty() && l.folded.size() < 120) {
      after_name = i + 1;
      continue;
    }
    if (!is_anchor(l)) continue;
    ended = false;
    if (appendix_ahead(lines, i) || issued_by_previous(lines, starts.back(), i)) {
      attachments = true;
      continue;
    }
    size_t start = document_start(lines, i, after_name);
    if (start > starts.back()) starts.push_back(start);
  }
  return starts;
}

}  // namespace

std::vector<BundlePart> split_bundle_parts(std::string_view text) {
  std::vector<Line> lines = split_lines(text);
  std::vector<size_t> starts = part_starts(lines);
  std::vector<BundlePart> parts(starts.size());
  for (size_t k = 0; k < starts.size(); ++k) {
    const bool followed = k + 1 < starts.size();
    const size_t first = starts[k], last = followed ? starts[k + 1] : lines.size();
    const size_t begin = lines[first].offset;
    BundlePart& part = parts[k];
    part.text = text.substr(begin, followed ? lines[last].offset - begin : std::string_view::npos);
    part.lines.reserve(last - first + 1);
    for (size_t i = first; i < last; ++i) {
      part.lines.push_back(std::move(lines[i]));
      part.lines.back().offset -= begin;
    }
    // A part before another ends with its '\n', after which split_lines finds an empty line.
    if (followed) {
      part.lines.push_back(make_line(part.text.substr(part.text.size()), part.text.size()));
    }
  }
  return parts;
}

std::vector<std::string_view> split_bundle(std::string_view text) {
  std::vector<std::string_view> parts;
  for (const BundlePart& part : split_bundle_parts(text)) parts.push_back(part.text);
  return parts;
}

}  // namespace tracuu
