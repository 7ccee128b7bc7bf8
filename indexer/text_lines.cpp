#include "text_lines.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

void fold_into(std::string_view text, std::string& folded, std::vector<uint32_t>* origin) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  folded.reserve(folded.size() + text.size());
  if (origin) origin->reserve(origin->size() + text.size() + 1);
  while (i < n) {
    int32_t start = i;
    // Most bytes of Vietnamese text are ASCII: fold them without decoding (as fold_code_point
    // would: lower case, a tab read as a space).
    if (unsigned char b = static_cast<unsigned char>(text[i]); b < 0x80) {
      folded.push_back(b == '\t'                ? ' '
                       : (b >= 'A' && b <= 'Z') ? static_cast<char>(b + 32)
                                                : static_cast<char>(b));
      if (origin) origin->push_back(static_cast<uint32_t>(start));
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) c = '?';
    if (c == 0xA0 || c == '\t') c = ' ';
    if (c == 0x201C || c == 0x201D) c = '"';
    char32_t f = fold_code_point(static_cast<char32_t>(c));
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, f);
    folded.append(buf, len);
    if (origin) origin->insert(origin->end(), len, static_cast<uint32_t>(start));
  }
  if (origin) origin->push_back(static_cast<uint32_t>(n));
}

}  // namespace

bool Line::starts_with(std::string_view prefix) const {
  size_t b = folded.find_first_not_of(' ');
  return b != std::string::npos && std::string_view(folded).substr(b, prefix.size()) == prefix;
}

std::string_view Line::trimmed() const {
  size_t b = folded.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  size_t e = folded.find_last_not_of(' ') + 1;
  return original(b, e);
}

bool Line::upper_case() const {
  bool letters = false;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    if (u_islower(c)) return false;
    letters = true;
  }
  return letters;
}

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    lines.push_back(make_line(text.substr(pos, eol - pos), pos));
    if (eol == text.size()) break;
    pos = eol + 1;
  }
  return lines;
}

Line make_line(std::string_view text, size_t offset) {
  Line line;
  line.text = text;
  line.offset = offset;
  fold_into(line.text, line.folded, &line.origin);
  return line;
}

std::string fold_text(std::string_view text) {
  std::string folded;
  fold_into(text, folded, nullptr);
  return folded;
}

std::string squeeze_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace tracuu
