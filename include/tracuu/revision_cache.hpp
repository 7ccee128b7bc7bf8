// What every Searcher of one database shares about its latest revision: the facet columns, the
// usual spellings of words, the remembered totals and facet counts of recent result sets, and
// recent answers whole.
//
// Counting every match and ranking them are most of a query's cost. A result set's total and
// facets do not change with the page or the sort, and officials page through results, re-sort
// them and repeat popular searches, while other systems poll the same searches; the facet
// columns make the first count cheap, the remembered counts and first ranks make the next page
// cost only its snippets, and a request seen before at this revision is answered as it was.
// Everything belongs to one revision of one index, known by the index's UUID and the revision's
// number: the first lookup on a newer revision, or on another index (a rebuild, which starts
// its numbers again), forgets it all, so a reindex is never answered from old counts or pages.
// Thread-safe (a mutex); holds plain data only, never Xapian handles.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tracuu/result_counts.hpp"

namespace tracuu {

// One revision of one index: a rebuilt index has a new UUID and counts its revisions again.
struct IndexRevision {
  std::string uuid;     // Xapian::Database::get_uuid()
  uint64_t number = 0;  // Xapian::Database::get_revision()
  bool operator==(const IndexRevision&) const = default;
};

class FacetColumns;   // server/facet_columns.hpp
class WordSpellings;  // server/word_spellings.hpp
struct SearchResult;  // tracuu/searcher.hpp

// The first ranks of a search in one sort order, as Xapian docids and weights.
struct RankedOrder {
  struct Entry {
    uint32_t docid;
    double weight;
  };
  std::vector<Entry> ranks;
  bool complete = false;  // every match is in `ranks`
};

// Recent entries by key, bounded by their number and their total weight (bytes, ranks): an
// entry heavier than the whole budget is not kept, and one that would overflow either bound
// makes everything go first. Forgetting all at once is simple and keeps the bound; the entries
// are all of one revision, and the next revision forgets them anyway. Not thread-safe
// (RevisionCache holds the lock).
template <typename V>
class RecentEntries {
 public:
  RecentEntries(size_t max_entries, size_t max_weight)
      : max_entries_(max_entries), max_weight_(max_weight) {}

  const V* find(const std::string& key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second.first;
  }

  void put(const std::string& key, V value, size_t weight) {
    if (max_entries_ == 0 || weight > max_weight_) return;
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      weight_ -= it->second.second;
      entries_.erase(it);
    }
    if (entries_.size() >= max_entries_ || weight_ + weight > max_weight_) clear();
    entries_.emplace(key, std::make_pair(std::move(value), weight));
    weight_ += weight;
  }

  void clear() {
    entries_.clear();
    weight_ = 0;
  }

 private:
  const size_t max_entries_, max_weight_;
  std::map<std::string, std::pair<V, size_t>> entries_;  // key → value, weight
  size_t weight_ = 0;
};

// What a set of facet values holds, roughly: a facet_size of 1000 over five fields is 5,000.
size_t facet_bytes(const std::map<std::string, std::vector<FacetValue>>& facets);

class RevisionCache {
 public:
  // How much is remembered; 0 remembers none (benchmarks of first sight, or of the engine alone).
  struct Limits {
    size_t counts = 1024;            // result sets' totals and facets, and their first ranks
    size_t count_bytes = 64 << 20;   // those totals and facets, by their approximate size
    size_t ranks = 1 << 20;          // ranks held by those first ranks together (16 bytes each)
    size_t answer_bytes = 64 << 20;  // whole answers, by their approximate size
  };
  explicit RevisionCache(Limits limits);
  RevisionCache() : RevisionCache(Limits{}) {}

  std::optional<ResultCounts> find(const IndexRevision& revision, const std::string& key);
  // Only counts the same request would get again belong here (exact or sampled), never those
  // the time limit cut short.
  void remember(const IndexRevision& revision, const std::string& key, ResultCounts counts);

  // The facet columns loaded at `revision`, or nullptr.
  std::shared_ptr<const FacetColumns> columns(const IndexRevision& revision);
  void remember_columns(const IndexRevision& revision, std::shared_ptr<const FacetColumns> columns);

  // The first ranks of the search `key` (its counts' key and its sort), or nullptr.
  std::shared_ptr<const RankedOrder> order(const IndexRevision& revision, const std::string& key);
  void remember_order(const IndexRevision& revision, const std::string& key,
                      std::shared_ptr<const RankedOrder> order);

  // The answer given to the request `key` at `revision`, or nullptr. Only answers whose counts
  // the same request would get again belong here; `bytes` is what the answer holds, roughly.
  std::shared_ptr<const SearchResult> answer(const IndexRevision& revision, const std::string& key);
  void remember_answer(const IndexRevision& revision, const std::string& key,
                       std::shared_ptr<const SearchResult> answer, size_t bytes);

  // The usual spellings of words at `revision` (for suggestions), or nullptr.
  std::shared_ptr<const WordSpellings> spellings(const IndexRevision& revision);
  void remember_spellings(const IndexRevision& revision,
                          std::shared_ptr<const WordSpellings> spellings);

 private:
  // Whether `revision` is the one held, after forgetting everything for a newer one or for
  // another index: a worker still on an older revision of the same index neither reads nor
  // replaces the newer entries. With mutex_ held.
  bool is_current(const IndexRevision& revision);
  // The entry under `key` at `revision`, or nullptr.
  template <typename T>
  std::shared_ptr<const T> held(const IndexRevision& revision,
                                const RecentEntries<std::shared_ptr<const T>>& entries,
                                const std::string& key);
  // What `slot` holds at `revision`, or nullptr; and setting it.
  template <typename T>
  std::shared_ptr<const T> held(const IndexRevision& revision,
                                const std::shared_ptr<const T>& slot);
  template <typename T>
  void hold(const IndexRevision& revision, std::shared_ptr<const T>& slot,
            std::shared_ptr<const T> value);

  std::mutex mutex_;
  IndexRevision revision_;
  RecentEntries<ResultCounts> counts_;                          // weighed in bytes
  RecentEntries<std::shared_ptr<const RankedOrder>> orders_;    // weighed in ranks
  RecentEntries<std::shared_ptr<const SearchResult>> answers_;  // weighed in bytes
  std::shared_ptr<const FacetColumns> columns_;
  std::shared_ptr<const WordSpellings> spellings_;
};

}  // namespace tracuu
