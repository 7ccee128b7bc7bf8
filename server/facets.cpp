#include "facets.hpp"

namespace tracuu {

void MultiValueCountSpy::operator()(const Xapian::Document& doc, double) {
  const std::string joined = doc.get_value(slot_);
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(separator_, start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) ++counts_[joined.substr(start, end - start)];
    start = end + 1;
  }
}

}  // namespace tracuu
