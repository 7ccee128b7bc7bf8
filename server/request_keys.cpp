#include "request_keys.hpp"

#include <string_view>
#include <vector>

namespace tracuu {
namespace {

// A key of parts, each written with its length first, so that no two different lists of parts
// make the same key whatever bytes the parts hold ("A\x1fB" is one value, "A" and "B" are two).
class KeyBuilder {
 public:
  KeyBuilder& add(std::string_view part) {
    key_ += std::to_string(part.size());
    key_ += ':';
    key_ += part;
    return *this;
  }
  KeyBuilder& add(size_t number) { return add(std::to_string(number)); }
  // A list: its length, then its parts.
  KeyBuilder& add(const std::vector<std::string>& parts) {
    add(parts.size());
    for (const std::string& part : parts) add(part);
    return *this;
  }
  std::string take() { return std::move(key_); }

 private:
  std::string key_;
};

}  // namespace

std::string counts_key(const SearchRequest& r, WordMatch match) {
  KeyBuilder key;
  key.add(r.query).add(match == WordMatch::kEveryWord ? "E" : "A").add(r.filters.size());
  for (const auto& [field, values] : r.filters) key.add(field).add(values);
  return key.add(r.from).add(r.to).add(r.facet_size).add(r.facets).take();
}

std::string ranks_key(const std::string& counts, SortOrder sort) {
  return KeyBuilder().add(counts).add(static_cast<size_t>(sort)).take();
}

std::string answer_key(const SearchRequest& r) {
  return KeyBuilder()
      .add(counts_key(r, WordMatch::kEveryWord))
      .add(static_cast<size_t>(r.sort))
      .add(r.page)
      .add(r.size)
      .take();
}

}  // namespace tracuu
