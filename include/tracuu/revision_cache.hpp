// What every Searcher of one database shares about its latest revision: the facet columns, the
// usual spellings of words, the remembered totals and facet counts of recent result sets, and
// recent answers whole.
//
// Counting every match and ranking them are most of a query's cost. A result set's total and
// facets do not change with the page or the sort, and officials page through results, re-sort
// them and repeat popular searches, while other systems poll the same searches; the facet
// columns make the first count cheap, the remembered counts and first ranks make the next page
// cost only its snippets, and a request seen before at this revision is answered as it was.
// Everything belongs to one database revision: the first lookup on a newer revision forgets it all,
// so a reindex is never answered from old counts or old pages. Thread-safe (a mutex); holds plain
// data only, never Xapian handles.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tracuu {

class FacetColumns;   // server/facet_columns.hpp
class WordSpellings;  // server/word_spellings.hpp
struct SearchResult;  // tracuu/searcher.hpp

struct FacetValue {
  std::string value;
  size_t count = 0;
};

struct ResultCounts {
  size_t total = 0;
  std::map<std::string, std::vector<FacetValue>> facets;  // field → values by count
};

// The first ranks of a search in one sort order, as Xapian docids and weights.
struct RankedOrder {
  struct Entry {
    uint32_t docid;
    double weight;
  };
  std::vector<Entry> ranks;
  bool complete = false;  // every match is in `ranks`
};

class RevisionCache {
 public:
  // How much is remembered; 0 remembers none (benchmarks of first sight, or of the engine alone).
  struct Limits {
    size_t counts = 1024;            // result sets' totals and facets, and their first ranks
    size_t count_bytes = 64 << 20;   // those totals and facets, by their approximate size
    size_t ranks = 1 << 20;          // ranks held by those first ranks together (16 bytes each)
    size_t answer_bytes = 64 << 20;  // whole answers, by their approximate size
  };
  explicit RevisionCache(Limits limits) : limits_(limits) {}
  RevisionCache() : RevisionCache(Limits{}) {}

  std::optional<ResultCounts> find(uint64_t revision, const std::string& key);
  // Only exact counts belong here: estimates are counted again next time.
  void remember(uint64_t revision, const std::string& key, ResultCounts counts);

  // The facet columns loaded at `revision`, or nullptr.
  std::shared_ptr<const FacetColumns> columns(uint64_t revision);
  void remember_columns(uint64_t revision, std::shared_ptr<const FacetColumns> columns);

  // The first ranks of the search `key` (its counts' key and its sort), or nullptr.
  std::shared_ptr<const RankedOrder> order(uint64_t revision, const std::string& key);
  void remember_order(uint64_t revision, const std::string& key,
                      std::shared_ptr<const RankedOrder> order);

  // The answer given to the request `key` at `revision`, or nullptr. Only complete answers
  // (exact counts) belong here; `bytes` is what the answer holds, roughly.
  std::shared_ptr<const SearchResult> answer(uint64_t revision, const std::string& key);
  void remember_answer(uint64_t revision, const std::string& key,
                       std::shared_ptr<const SearchResult> answer, size_t bytes);

  // The usual spellings of words at `revision` (for suggestions), or nullptr.
  std::shared_ptr<const WordSpellings> spellings(uint64_t revision);
  void remember_spellings(uint64_t revision, std::shared_ptr<const WordSpellings> spellings);

 private:
  // Whether `revision` is the one held, after forgetting everything for a newer one: a worker
  // still on an older revision neither reads nor replaces the newer entries. With mutex_ held.
  bool is_current(uint64_t revision);

  const Limits limits_;
  std::mutex mutex_;
  uint64_t revision_ = 0;
  std::map<std::string, ResultCounts> entries_;
  size_t count_bytes_ = 0;
  std::map<std::string, std::shared_ptr<const RankedOrder>> orders_;
  size_t held_ranks_ = 0;
  std::map<std::string, std::shared_ptr<const SearchResult>> answers_;
  size_t answer_bytes_ = 0;
  std::shared_ptr<const FacetColumns> columns_;
  std::shared_ptr<const WordSpellings> spellings_;
};

}  // namespace tracuu
