#include "tracuu/revision_cache.hpp"

namespace tracuu {

bool RevisionCache::is_current(uint64_t revision) {
  if (revision > revision_) {
    entries_.clear();
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

void RevisionCache::remember(uint64_t revision, const std::string& key, ResultCounts counts) {
  std::lock_guard lock(mutex_);
  if (!is_current(revision) || capacity_ == 0) return;
  if (entries_.size() >= capacity_) entries_.clear();  // simple and bounded
  entries_[key] = std::move(counts);
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
