// Every document's facet values as small numbers in memory, for one revision of a database.
//
// Facets are counted over the whole result set, so every match is visited. Reading each
// match's value slots and counting the strings in maps cost more than the matching itself
// (60% of a first-time query at 20,000 documents). The columns are read once per revision from
// Xapian's value streams and shared read-only by every worker; counting a match is then an
// array increment per field.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tracuu {

// One facet field: each document's values as codes into `values`.
struct FacetColumn {
  Xapian::valueno slot = 0;
  std::vector<std::string> values{""};  // code → display value; code 0 is never used
  std::vector<uint32_t> start;          // docid → its first code in `codes`; one past the last
  std::vector<uint32_t> codes;          // docid d's codes: codes[start[d] .. start[d + 1])
  std::vector<uint32_t> documents;      // code → the documents holding it, in the whole index
};

class FacetColumns {
 public:
  // Reads `slots` of every document of `db` at its current revision. A slot named in `multi`
  // holds several values joined by `separator`. Throws Xapian::Error (e.g.
  // DatabaseModifiedError) like any read.
  static std::shared_ptr<const FacetColumns> load(const Xapian::Database& db,
                                                  const std::vector<Xapian::valueno>& slots,
                                                  const std::vector<Xapian::valueno>& multi,
                                                  char separator);

  // The column of `slot`, or nullptr when it was not loaded.
  const FacetColumn* column(Xapian::valueno slot) const;

 private:
  std::vector<FacetColumn> columns_;
};

// Counts columns' values over the documents of a match, by docid: with columns loaded at the
// same revision as the match, no document is read. One spy counts every field asked for:
// Xapian calls each spy at every match, and five calls cost 15-20% of a count over 17,000
// matches where one does not.
class FacetCountSpy : public Xapian::MatchSpy {
 public:
  explicit FacetCountSpy(std::vector<const FacetColumn*> columns);
  void operator()(const Xapian::Document& doc, double weight) override;
  // (value, count) of the `i`-th column for every value counted at least once.
  std::vector<std::pair<std::string, Xapian::doccount>> counts(size_t i) const;
  // The documents counted.
  Xapian::doccount documents() const { return documents_; }

 private:
  std::vector<const FacetColumn*> columns_;
  std::vector<std::vector<Xapian::doccount>> counts_;  // by column, then by code
  Xapian::doccount documents_ = 0;
};

}  // namespace tracuu
