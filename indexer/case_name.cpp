#include "case_name.hpp"

#include <vector>

#include "reference_tables.hpp"
#include "text_lines.hpp"

namespace tracuu {
namespace {

// The name's words as written, split where fold_text's words split.
std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words(1);
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      words.back().push_back(c);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// An organ's code in capitals ("SNV", "BCA", "CAT"): who issued the document named.
bool is_code(const std::string& word) {
  size_t capitals = 0;
  for (char c : word) capitals += std::isupper(static_cast<unsigned char>(c)) ? 1 : 0;
  return capitals >= 2 && fold_text(word).find_first_of("0123456789") == std::string::npos;
}

std::vector<std::string> folded_words(std::string_view name) {
  std::vector<std::string> words(1);
  for (char c : fold_text(name)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      words.back().push_back(c);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

bool all_digits(const std::string& w) {
  return !w.empty() && w.size() <= 6 && w.find_first_not_of("0123456789") == std::string::npos;
}

// Each type's heading cut into folded words, once: every search reads its query with this.
struct TypeWords {
  std::vector<std::string> words;
  const std::string* name;
};
const std::vector<TypeWords>& type_words() {
  static const std::vector<TypeWords> all = [] {
    std::vector<TypeWords> out;
    for (const DocumentType& t : DocumentTypes::instance().all()) {
      out.push_back({folded_words(t.heading_folded), &t.name});
    }
    return out;
  }();
  return all;
}

// How many words at `i` name a type ("to trinh": 2, "ttr": 1), and which; 0 when none.
size_t type_at(const std::vector<std::string>& words, size_t i, std::string& type) {
  for (const TypeWords& t : type_words()) {
    const std::vector<std::string>& heading = t.words;
    if (heading.empty() || i + heading.size() > words.size()) continue;
    bool same = true;
    for (size_t k = 0; k < heading.size() && same; ++k) same = words[i + k] == heading[k];
    if (same) {
      type = *t.name;
      return heading.size();
    }
  }
  if (const DocumentType* t = DocumentTypes::instance().by_code(words[i])) {
    // A code alone must be the whole word: "l" (Lệnh) or "pa" inside a sentence is no type.
    if (words[i].size() >= 2 && words[i].find_first_of("0123456789") == std::string::npos) {
      type = t->name;
      return 1;
    }
  }
  return 0;
}

}  // namespace

CaseName read_case_name(std::string_view name) {
  std::vector<std::string> words = folded_words(name);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string type;
    size_t n = type_at(words, i, type);
    if (n == 0) continue;
    size_t j = i + n;
    if (j < words.size() && words[j] == "so") ++j;
    if (j < words.size() && all_digits(words[j])) {
      size_t nonzero = words[j].find_first_not_of('0');
      CaseName said{type, nonzero == std::string::npos ? "0" : words[j].substr(nonzero), ""};
      std::vector<std::string> written = words_of(name);
      if (written.size() == words.size() && j + 1 < written.size() && is_code(written[j + 1])) {
        said.code = words[j + 1];
      }
      return said;
    }
  }
  return {};
}

}  // namespace tracuu
