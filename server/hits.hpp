// The hits of a page of ranks: each document's metadata, and a snippet around the query's
// words found from the index's position lists, so that the text is analysed only around them.
#pragma once

#include <xapian.h>

#include <vector>

#include "tracuu/query.hpp"
#include "tracuu/revision_cache.hpp"
#include "tracuu/searcher.hpp"

namespace tracuu {

std::vector<Hit> make_hits(const Xapian::Database& db, const std::vector<RankedOrder::Entry>& ranks,
                           const QueryTerms& terms);

}  // namespace tracuu
