#include "tracuu/revision_cache.hpp"

namespace tracuu {

bool RevisionCache::is_current(uint64_t revision) {
  if (revision > revision_) {
    entries_.clear();
    count_bytes_ = 0;
    orders_.clear();
    held_ranks_ = 0;
    answers_.clear();
    answer_bytes_ = 0;
    columns_.reset();
    spellings_.reset();
    revision_ = revision;
  }
  return revision == revision_;
}

std::optional<ResultCounts> RevisionCache::find(uint64_t revision, const std::string& key) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision)) return std::nullopt;
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

namespace {

// What remembered counts hold, roughly: a facet_size of 1000 over five fields is 5,000 values.
size_t approximate_bytes(const std::string& key, const ResultCounts& counts) {
  size_t bytes = key.size() + sizeof(ResultCounts);
  for (const auto& [field, values] : counts.facets) {
    bytes += field.size();
    for (const FacetValue& v : values) bytes += sizeof(FacetValue) + v.value.size();
  }
  return bytes;
}

}  // namespace

void RevisionCache::remember(uint64_t revision, const std::string& key, ResultCounts counts) {
  std::lock_guard lock(mutex_);
  const size_t bytes = approximate_bytes(key, counts);
  if (!is_current(revision) || limits_.counts == 0 || bytes > limits_.count_bytes) return;
  if (entries_.size() >= limits_.counts || count_bytes_ + bytes > limits_.count_bytes) {
    entries_.clear();  // simple and bounded
    count_bytes_ = 0;
  }
  auto [it, added] = entries_.try_emplace(key, std::move(counts));
  if (added) count_bytes_ += bytes;
}

std::shared_ptr<const RankedOrder> RevisionCache::order(uint64_t revision, const std::string& key) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision)) return nullptr;
  auto it = orders_.find(key);
  return it == orders_.end() ? nullptr : it->second;
}

void RevisionCache::remember_order(uint64_t revision, const std::string& key,
                                   std::shared_ptr<const RankedOrder> order) {
  std::lock_guard lock(mutex_);
  // A deep page ranks up to every match: such orders are bounded by their ranks, not by count.
  const size_t ranks = order->ranks.size();
  if (!is_current(revision) || limits_.counts == 0 || ranks > limits_.ranks) return;
  if (orders_.size() >= limits_.counts || held_ranks_ + ranks > limits_.ranks) {
    orders_.clear();  // simple and bounded, as the counts
    held_ranks_ = 0;
  }
  auto& held = orders_[key];
  if (held) held_ranks_ -= held->ranks.size();
  held = std::move(order);
  held_ranks_ += ranks;
}

std::shared_ptr<const SearchResult> RevisionCache::answer(uint64_t revision,
                                                          const std::string& key) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision)) return nullptr;
  auto it = answers_.find(key);
  return it == answers_.end() ? nullptr : it->second;
}

void RevisionCache::remember_answer(uint64_t revision, const std::string& key,
                                    std::shared_ptr<const SearchResult> answer, size_t bytes) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision) || limits_.answer_bytes == 0 || bytes > limits_.answer_bytes) return;
  if (answer_bytes_ + bytes > limits_.answer_bytes) {  // simple and bounded, as the counts
    answers_.clear();
    answer_bytes_ = 0;
  }
  auto [it, added] = answers_.try_emplace(key, std::move(answer));
  if (added) answer_bytes_ += bytes + key.size();
}

std::shared_ptr<const FacetColumns> RevisionCache::columns(uint64_t revision) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision)) return nullptr;
  return columns_;
}

void RevisionCache::remember_columns(uint64_t revision,
                                     std::shared_ptr<const FacetColumns> columns) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision)) return;
  columns_ = std::move(columns);
}

std::shared_ptr<const WordSpellings> RevisionCache::spellings(uint64_t revision) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision)) return nullptr;
  return spellings_;
}

void RevisionCache::remember_spellings(uint64_t revision,
                                       std::shared_ptr<const WordSpellings> spellings) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision)) return;
  spellings_ = std::move(spellings);
}

}  // namespace tracuu
