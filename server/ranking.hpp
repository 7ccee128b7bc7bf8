// A search's first ranks (RankedOrder, revision_cache.hpp), by relevance or by date.
#pragma once

#include <xapian.h>

#include "search_request.hpp"
#include "tracuu/revision_cache.hpp"
#include "tracuu/searcher.hpp"

namespace tracuu {

// Relevance in two passes. Every match is ranked without proximity; the first kRescoreWindow
// are then ranked again with what proximity adds to them, which Xapian checks in those
// documents only. Ranks past the window keep the first pass's order, so paging never repeats
// or skips a document.
RankedOrder rank_by_relevance(const Xapian::Database& db, const QueryRecipe& recipe, size_t depth);

// Newest or oldest first (`sort`), undated documents last either way, then by relevance.
RankedOrder rank_by_date(const Xapian::Database& db, const Xapian::Query& query, SortOrder sort,
                         size_t depth);

}  // namespace tracuu
