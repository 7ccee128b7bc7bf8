#include "tracuu/schema.hpp"

#include "text_lines.hpp"
#include "tracuu/document_number.hpp"

namespace tracuu::schema {

std::string filter_key(std::string_view display) {
  std::string key = squeeze_spaces(fold_text(display));
  if (key.size() > 200) key.resize(200);  // ASCII after folding in practice; Xapian's limit is 245
  return key;
}

std::string filter_term(std::string_view prefix, std::string_view value) {
  if (prefix == kCites || prefix == kNumber) {
    std::string key = canonical_number(value);
    return std::string(prefix) + (key.empty() ? filter_key(value) : key);
  }
  return std::string(prefix) + filter_key(value);
}

}  // namespace tracuu::schema
