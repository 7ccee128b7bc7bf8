// The total and facet counts of a search's matches (result_counts.hpp), at a cost that does not
// grow with the archive.
//
// Counts are exact while a search matches at most kExactCountBound documents (searcher.hpp): Xapian
// checks every match and the facet columns count them. Past the bound Xapian stops checking, and
// the counts are made again over the smallest sample of the archive (schema::kSample) expected to
// hold at most kExactCountBound of the matches, then scaled up by that sample's share of the
// archive. A sample is a filter term, as cheap to intersect as a rare word, spread over the
// whole archive (every year and body in proportion); the answer says the counts are
// estimated, and from how many matches. Browsing everything (no words, no filters) is counted
// exactly from the facet columns' totals, without matching.
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>

#include "facet_columns.hpp"
#include "search_request.hpp"
#include "tracuu/result_counts.hpp"
#include "tracuu/searcher.hpp"

namespace tracuu {

// The counts of another search (`recipe` without one field's filter) if they are remembered.
using RememberedCounts = std::function<std::optional<ResultCounts>(const QueryRecipe&)>;

// The total and the facets the request asks for. A field the request filters is counted
// without its own filter, the others still applying, so that its other values stay on offer
// with what they would add: picking a second year widens the result to either year (OR within
// a field), as the facets of search sites do. That field's counts are those of the search
// without its filter, which `remembered` often has: the search a user just narrowed.
// `columns` are loaded at db's revision. Throws Xapian::Error like any read.
ResultCounts count_matches(const Xapian::Database& db, const QueryRecipe& recipe,
                           const FacetColumns& columns, const RememberedCounts& remembered,
                           size_t exact_bound = kExactCountBound);

// Every document of the index, counted exactly from the columns' totals: what browsing without
// words or filters shows, and where suggestions find issuers and directives.
ResultCounts count_whole_index(const Xapian::Database& db, const std::vector<std::string>& fields,
                               const FacetColumns& columns, size_t limit);

}  // namespace tracuu
