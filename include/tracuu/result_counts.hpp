// Remembered totals and facet counts of result sets, shared by every Searcher on one database.
//
// A result set's total and facets do not change with the page or the sort, and counting every
// match is most of a query's cost; officials page through results, re-sort them and repeat
// popular searches. Entries belong to one database revision: the first lookup on a newer
// revision forgets them all, so a reindex is never answered from old counts.
// Thread-safe (a mutex); holds plain data only, never Xapian objects.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tracuu {

struct FacetValue {
  std::string value;
  size_t count = 0;
};

struct ResultCounts {
  size_t total = 0;
  std::map<std::string, std::vector<FacetValue>> facets;  // field → values by count
};

class ResultCountsCache {
 public:
  explicit ResultCountsCache(size_t capacity = 1024) : capacity_(capacity) {}

  std::optional<ResultCounts> find(uint64_t revision, const std::string& key);
  // Only exact counts belong here: estimates are counted again next time.
  void remember(uint64_t revision, const std::string& key, ResultCounts counts);

 private:
  void forget_older(uint64_t revision);  // with mutex_ held

  const size_t capacity_;
  std::mutex mutex_;
  uint64_t revision_ = 0;
  std::map<std::string, ResultCounts> entries_;
};

}  // namespace tracuu
