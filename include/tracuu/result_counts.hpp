// What a result set holds, counted: its total and its facet values, and how they were counted.
//
// A search over a large archive can match most of it. Counting every match costs in proportion
// to the archive, so beyond a bound the counts are estimated from a sample of the archive (as
// search engines estimate a total past their track_total_hits bound), and say so.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace tracuu {

struct FacetValue {
  std::string value;
  size_t count = 0;
  bool operator==(const FacetValue&) const = default;
};

// How a result set's counts were made.
struct CountBasis {
  // Every match was counted: the total and every facet count are exact.
  bool exact = true;
  // The total is exact, even if the facets are not: Xapian knows some totals (a single word's
  // documents) without checking each match.
  bool total_exact = true;
  // When not exact, and not cut short: the matches counted in a sample holding about one
  // document in `sample_every` of the archive, scaled up by that share.
  size_t sampled = 0;
  size_t sample_every = 1;
  // The time limit stopped the count: the counts are what was counted by then, and the same
  // request may get others.
  bool cut_short = false;
  bool operator==(const CountBasis&) const = default;
};

struct ResultCounts {
  size_t total = 0;
  std::map<std::string, std::vector<FacetValue>> facets;  // field → values by count
  CountBasis basis;
};

}  // namespace tracuu
