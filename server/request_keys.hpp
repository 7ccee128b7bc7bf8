// The keys a search's remembered parts are found by (revision_cache.hpp): its counts, its first
// ranks in one order, its whole answer. Each key holds everything its part depends on and
// nothing else, and no two different requests share one.
#pragma once

#include <string>

#include "tracuu/query.hpp"
#include "tracuu/searcher.hpp"

namespace tracuu {

// A result set's counts: the words, how many of them must match, filters, dates and facets;
// not the page, not the sort.
std::string counts_key(const SearchRequest& request, WordMatch match);
// A result set's first ranks in `sort`.
std::string ranks_key(const std::string& counts_key, SortOrder sort);
// An answer: the counts' key, the sort and the page.
std::string answer_key(const SearchRequest& request);

}  // namespace tracuu
