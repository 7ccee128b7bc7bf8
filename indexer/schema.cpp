#include "tracuu/schema.hpp"

#include <xxhash.h>

#include <cstdio>

#include "text_lines.hpp"
#include "tracuu/analyzer.hpp"
#include "tracuu/document_number.hpp"

namespace tracuu::schema {

std::string filter_key(std::string_view display) {
  std::string key = squeeze_spaces(fold_text(display));
  if (key.size() > 200) key.resize(200);  // ASCII after folding in practice; Xapian's limit is 245
  return key;
}

std::string title_term(std::string_view text) {
  std::string words;
  size_t count = 0;
  Analyzer analyzer;
  analyzer.analyze(text, 0, [&](const Token& t) {
    if (t.kind != TokenKind::kWord) return;
    if (count++) words += ' ';
    words += t.folded;
  });
  if (count < 2) return {};
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH64(words.data(), words.size(), 0)));
  return std::string(kTitleKey) + hex;
}

std::string filter_term(std::string_view prefix, std::string_view value) {
  if (prefix == kCites || prefix == kNumber) {
    std::string key = canonical_number(value);
    return std::string(prefix) + (key.empty() ? filter_key(value) : key);
  }
  return std::string(prefix) + filter_key(value);
}

}  // namespace tracuu::schema
