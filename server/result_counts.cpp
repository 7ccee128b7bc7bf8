#include "tracuu/result_counts.hpp"

namespace tracuu {

void ResultCountsCache::forget_older(uint64_t revision) {
  if (revision != revision_) {
    entries_.clear();
    revision_ = revision;
  }
}

std::optional<ResultCounts> ResultCountsCache::find(uint64_t revision, const std::string& key) {
  std::lock_guard lock(mutex_);
  forget_older(revision);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void ResultCountsCache::remember(uint64_t revision, const std::string& key, ResultCounts counts) {
  std::lock_guard lock(mutex_);
  forget_older(revision);
  if (revision != revision_) return;
  if (entries_.size() >= capacity_) entries_.clear();  // simple and bounded
  entries_[key] = std::move(counts);
}

}  // namespace tracuu
