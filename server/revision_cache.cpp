#include "tracuu/revision_cache.hpp"

#include <limits>

namespace tracuu {

size_t facet_bytes(const std::map<std::string, std::vector<FacetValue>>& facets) {
  size_t bytes = 0;
  for (const auto& [field, values] : facets) {
    bytes += field.size();
    for (const FacetValue& v : values) bytes += sizeof(FacetValue) + v.value.size();
  }
  return bytes;
}

RevisionCache::RevisionCache(Limits limits)
    : counts_(limits.counts, limits.count_bytes),
      orders_(limits.counts, limits.ranks),  // a deep page ranks up to every match
      answers_(std::numeric_limits<size_t>::max(), limits.answer_bytes) {}

bool RevisionCache::is_current(const IndexRevision& revision) {
  if (revision.uuid != revision_.uuid || revision.number > revision_.number) {
    counts_.clear();
    orders_.clear();
    answers_.clear();
    columns_.reset();
    spellings_.reset();
    revision_ = revision;
  }
  return revision == revision_;
}

template <typename T>
std::shared_ptr<const T> RevisionCache::held(const IndexRevision& revision,
                                             const RecentEntries<std::shared_ptr<const T>>& entries,
                                             const std::string& key) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision)) return nullptr;
  const std::shared_ptr<const T>* found = entries.find(key);
  return found ? *found : nullptr;
}

template <typename T>
std::shared_ptr<const T> RevisionCache::held(const IndexRevision& revision,
                                             const std::shared_ptr<const T>& slot) {
  std::lock_guard lock(mutex_);
  return is_current(revision) ? slot : nullptr;
}

template <typename T>
void RevisionCache::hold(const IndexRevision& revision, std::shared_ptr<const T>& slot,
                         std::shared_ptr<const T> value) {
  std::lock_guard lock(mutex_);
  if (is_current(revision)) slot = std::move(value);
}

std::optional<ResultCounts> RevisionCache::find(const IndexRevision& revision,
                                                const std::string& key) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision)) return std::nullopt;
  const ResultCounts* found = counts_.find(key);
  return found ? std::optional<ResultCounts>(*found) : std::nullopt;
}

void RevisionCache::remember(const IndexRevision& revision, const std::string& key,
                             ResultCounts counts) {
  const size_t bytes = key.size() + sizeof(ResultCounts) + facet_bytes(counts.facets);
  std::lock_guard lock(mutex_);
  if (is_current(revision)) counts_.put(key, std::move(counts), bytes);
}

std::shared_ptr<const RankedOrder> RevisionCache::order(const IndexRevision& revision,
                                                        const std::string& key) {
  return held(revision, orders_, key);
}

void RevisionCache::remember_order(const IndexRevision& revision, const std::string& key,
                                   std::shared_ptr<const RankedOrder> order) {
  const size_t ranks = order->ranks.size();
  std::lock_guard lock(mutex_);
  if (is_current(revision)) orders_.put(key, std::move(order), ranks);
}

std::shared_ptr<const SearchResult> RevisionCache::answer(const IndexRevision& revision,
                                                          const std::string& key) {
  return held(revision, answers_, key);
}

void RevisionCache::remember_answer(const IndexRevision& revision, const std::string& key,
                                    std::shared_ptr<const SearchResult> answer, size_t bytes) {
  std::lock_guard lock(mutex_);
  if (is_current(revision)) answers_.put(key, std::move(answer), bytes + key.size());
}

std::shared_ptr<const FacetColumns> RevisionCache::columns(const IndexRevision& revision) {
  return held(revision, columns_);
}

void RevisionCache::remember_columns(const IndexRevision& revision,
                                     std::shared_ptr<const FacetColumns> columns) {
  hold(revision, columns_, std::move(columns));
}

std::shared_ptr<const WordSpellings> RevisionCache::spellings(const IndexRevision& revision) {
  return held(revision, spellings_);
}

void RevisionCache::remember_spellings(const IndexRevision& revision,
                                       std::shared_ptr<const WordSpellings> spellings) {
  hold(revision, spellings_, std::move(spellings));
}

}  // namespace tracuu
