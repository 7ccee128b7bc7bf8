#include "candidate_source.hpp"

#include <algorithm>

namespace tracuu {

CandidateSource::CandidateSource(std::vector<Xapian::docid> ids) : ids_(std::move(ids)) {
  std::sort(ids_.begin(), ids_.end());
  ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
}

void CandidateSource::skip_to(Xapian::docid id, double) {
  size_t from = position_ == kBeforeFirst ? 0 : position_;
  position_ = std::lower_bound(ids_.begin() + from, ids_.end(), id) - ids_.begin();
}

}  // namespace tracuu
