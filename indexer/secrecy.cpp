#include "tracuu/secrecy.hpp"

#include <cctype>
#include <vector>

#include "embedded_data.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

// The stamp sits in the header block: the issuer, the motto and the number come within the
// first lines, and a stamp is placed above or beside them.
constexpr size_t kLinesLooked = 12;

// The line's words in canonical spelling (lower case, one tone placement), punctuation dropped.
std::string canonical_words(std::string_view line) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out.push_back(' ');
    out += canonical_word(word);
    word.clear();
  };
  for (char c : line) {
    unsigned char u = static_cast<unsigned char>(c);
    bool separator = u < 0x80 && !std::isalnum(u);
    if (separator) {
      flush();
    } else {
      word.push_back(c);
    }
  }
  flush();
  return out;
}

const std::vector<std::string>& marks() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> m;
    for (std::string_view line : data::lines_of(data::kSecrecyMarks))
      m.push_back(canonical_words(line));
    return m;
  }();
  return all;
}

std::string mark_of_line(const std::string& words) {
  static const std::string kDegreePrefix = canonical_words("Độ mật");
  std::string rest = words;
  if (rest.rfind(kDegreePrefix + " ", 0) == 0) rest = rest.substr(kDegreePrefix.size() + 1);
  for (const std::string& mark : marks()) {
    if (rest == mark) return mark;
  }
  return "";
}

}  // namespace

std::string secrecy_mark(std::string_view first_page) {
  size_t looked = 0;
  size_t start = 0;
  while (start < first_page.size() && looked < kLinesLooked) {
    size_t end = first_page.find('\n', start);
    if (end == std::string_view::npos) end = first_page.size();
    // A stamp read by OCR, or typed with combining marks, is still the stamp.
    std::string words = canonical_words(to_nfc(first_page.substr(start, end - start)));
    start = end + 1;
    if (words.empty()) continue;
    ++looked;
    if (std::string mark = mark_of_line(words); !mark.empty()) {
      mark[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(mark[0])));
      return mark;
    }
  }
  return "";
}

}  // namespace tracuu
