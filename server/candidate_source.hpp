// Matches exactly a given set of documents, adding no weight: the best candidates of a first,
// cheaper ranking pass, for the second pass that re-ranks them (searcher.cpp). Filtering the
// full query by it keeps every weight of the full query while Xapian checks word positions in
// these documents only.
#pragma once

#include <xapian.h>

#include <vector>

namespace tracuu {

class CandidateSource : public Xapian::PostingSource {
 public:
  explicit CandidateSource(std::vector<Xapian::docid> ids);  // any order, duplicates allowed

  Xapian::doccount get_termfreq_min() const override { return ids_.size(); }
  Xapian::doccount get_termfreq_est() const override { return ids_.size(); }
  Xapian::doccount get_termfreq_max() const override { return ids_.size(); }
  void init(const Xapian::Database&) override { position_ = kBeforeFirst; }
  void next(double) override { position_ = position_ == kBeforeFirst ? 0 : position_ + 1; }
  void skip_to(Xapian::docid id, double) override;
  bool at_end() const override { return position_ != kBeforeFirst && position_ >= ids_.size(); }
  Xapian::docid get_docid() const override { return ids_[position_]; }
  CandidateSource* clone() const override { return new CandidateSource(ids_); }
  std::string get_description() const override { return "CandidateSource"; }

 private:
  static constexpr size_t kBeforeFirst = static_cast<size_t>(-1);
  std::vector<Xapian::docid> ids_;  // ascending, distinct
  size_t position_ = kBeforeFirst;
};

}  // namespace tracuu
