#include "tracuu/document_number.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "embedded_data.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

// Upper-case ASCII identity of a symbol part: "BCĐ" → "BCD", "TTg" → "TTG", "Ð" → "D".
std::string fold_code(std::string_view part) {
  std::string f = fold_diacritics(part);
  for (char& c : f) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return f;
}

// The conventional spellings of data/number_codes.txt, by folded form.
class CodeTable {
 public:
  static const CodeTable& instance() {
    static const CodeTable table;
    return table;
  }
  const std::string* spelling(const std::string& folded) const {
    auto it = spellings_.find(folded);
    return it == spellings_.end() ? nullptr : &it->second;
  }
  bool is_party_body(const std::string& folded) const { return party_.count(folded) > 0; }
  const std::vector<std::pair<std::string, std::string>>& stroke_fragments() const {
    return fragments_;
  }

 private:
  CodeTable() {
    for (std::string_view line : data::lines_of(data::kNumberCodes)) {
      if (line.substr(0, 7) == "@party ") {
        std::string_view code = line.substr(7);
        party_.insert(fold_code(code));
        spellings_.emplace(fold_code(code), std::string(code));
        continue;
      }
      spellings_.emplace(fold_code(line), std::string(line));
      bool has_stroke = line.find("Đ") != std::string_view::npos;
      if (has_stroke && fold_code(line).size() >= 3) {
        fragments_.emplace_back(fold_code(line), std::string(line));
      }
    }
  }
  std::unordered_map<std::string, std::string> spellings_;
  std::unordered_set<std::string> party_;
  std::vector<std::pair<std::string, std::string>> fragments_;
};

// Display spelling of one symbol part (see data/number_codes.txt for the rules).
std::string display_code(std::string_view part) {
  const CodeTable& table = CodeTable::instance();
  std::string folded = fold_code(part);
  if (const std::string* s = table.spelling(folded)) return *s;
  std::string upper;
  for (char c : std::string(part)) upper.push_back(c >= 'a' && c <= 'z' ? c - 32 : c);
  // Ð (U+00D0, C3 90) and đ are Đ (C4 90).
  for (size_t i = 0; (i = upper.find("\xC3\x90", i)) != std::string::npos;)
    upper.replace(i, 2, "Đ");
  for (size_t i = 0; (i = upper.find("đ", i)) != std::string::npos;) upper.replace(i, 2, "Đ");
  if (upper.find("Đ") == std::string::npos) return upper;
  // OCR dropped some strokes but not all: restore known Đ fragments inside the part.
  for (const auto& [frag_folded, frag] : table.stroke_fragments()) {
    std::string f = frag_folded;
    for (size_t i = 0; (i = upper.find(f, i)) != std::string::npos; i += frag.size()) {
      upper.replace(i, f.size(), frag);
    }
  }
  return upper;
}

// A cursor over UTF-8 with the few character tests the grammar needs.
struct Cursor {
  std::string_view s;
  size_t i = 0;

  UChar32 peek(size_t* next = nullptr) const {
    if (i >= s.size()) return -1;
    int32_t j = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(s.data(), j, static_cast<int32_t>(s.size()), c);
    if (next) *next = static_cast<size_t>(j);
    return c;
  }
  void skip_blanks() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  std::string_view digits() {
    size_t b = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - b < 7) ++i;
    return s.substr(b, i - b);
  }
  bool at_letter(bool require_upper) const {
    UChar32 c = peek();
    if (c < 0 || !u_isalpha(c)) return false;
    return !require_upper || u_isupper(c) || c == 0xD0;
  }
  // A symbol part: a letter then letters, digits or '&' ("SGD&ĐT", "UBTVQH15").
  std::string_view part() {
    size_t b = i;
    while (true) {
      size_t next;
      UChar32 c = peek(&next);
      if (c < 0 || !(u_isalnum(c) || c == '&')) break;
      i = next;
    }
    return s.substr(b, i - b);
  }
  // Optional blanks, then one '-' or '/', then optional blanks. Returns the separator, ' ' for
  // blanks alone, or 0 (cursor unchanged) when there is none.
  char separator() {
    size_t b = i;
    skip_blanks();
    if (i < s.size() && (s[i] == '-' || s[i] == '/')) {
      char sep = s[i++];
      skip_blanks();
      return sep;
    }
    if (i > b) return ' ';
    i = b;
    return 0;
  }
};

std::string strip_zeros(std::string_view digits) {
  size_t k = 0;
  while (k + 1 < digits.size() && digits[k] == '0') ++k;
  return std::string(digits.substr(k));
}

}  // namespace

std::optional<DocumentNumber> parse_document_number(std::string_view raw, size_t* consumed) {
  Cursor cur{raw};
  std::string_view serial = cur.digits();
  if (serial.empty()) return std::nullopt;

  std::string_view year;
  char first_sep = cur.separator();
  if (first_sep == 0) return std::nullopt;
  {
    Cursor probe = cur;
    std::string_view y = probe.digits();
    char sep = y.size() == 4 ? probe.separator() : 0;
    if (sep == '/' || sep == '-') {
      year = y;
      cur = probe;
      first_sep = sep;
    }
  }
  // Blanks alone ("1830 QĐ-UBND") separate only when the symbol is written in capitals.
  if (!cur.at_letter(first_sep == ' ')) return std::nullopt;

  std::vector<std::string_view> parts{cur.part()};
  char last_sep = first_sep;
  while (true) {
    Cursor probe = cur;
    char sep = probe.separator();
    if ((sep != '-' && sep != '/') || !probe.at_letter(false)) break;
    parts.push_back(probe.part());
    last_sep = sep;
    cur = probe;
  }
  if (consumed) *consumed = cur.i;

  DocumentNumber number;
  std::string n = strip_zeros(serial);
  number.key = n + (year.empty() ? "" : "/" + std::string(year)) + "/";
  for (size_t k = 0; k < parts.size(); ++k) number.key += (k ? "-" : "") + fold_code(parts[k]);

  const CodeTable& table = CodeTable::instance();
  // Party bodies number party style ("03-CT/TW") however a citation slips; otherwise the
  // style as written, and state style ("634/QĐ-TTg") when the writing does not tell.
  bool party = parts.size() >= 2 && (table.is_party_body(fold_code(parts.back())) ||
                                     (first_sep == '-' && last_sep == '/'));
  if (!year.empty()) party = false;

  std::string shown = n.size() < 2 ? "0" + n : n;
  if (!year.empty()) shown += "/" + std::string(year);
  if (party) {
    for (size_t k = 0; k + 1 < parts.size(); ++k) shown += "-" + display_code(parts[k]);
    shown += "/" + display_code(parts.back());
  } else {
    for (size_t k = 0; k < parts.size(); ++k) shown += (k ? "-" : "/") + display_code(parts[k]);
  }
  number.display = std::move(shown);
  return number;
}

std::string canonical_number(std::string_view raw) {
  auto n = parse_document_number(raw);
  return n ? n->key : std::string();
}

}  // namespace tracuu
