// A search request checked, and the Xapian queries it stands for: its words, its filters by
// field and date, and how much of its words a match must have.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "tracuu/query.hpp"
#include "tracuu/searcher.hpp"
#include "tracuu/status.hpp"

namespace tracuu {

// Deeper pages than this are refused: nobody reads them, and each costs ranking that deep.
inline constexpr size_t kMaxPage = 100000;

// A page number and size, for searches and for lists of citing documents alike.
Status validate_paging(size_t page, size_t size, size_t max_size);
// kInvalidArgument for bad pages, sizes, field names or dates.
Status validate(const SearchRequest& request);

// "2022-05-10" → "20220510" (the date slot's form); empty when not a valid ISO date.
std::string date_key(const std::string& iso);

// The request's filters as one query: OR within a field, AND across fields and dates; an empty
// query when there are none.
Xapian::Query filter_query(const SearchRequest& request);

// What a search's queries are built from: the request, and how much of its words must match.
struct QueryRecipe {
  SearchRequest request;
  WordMatch match;

  // The query's words alone, without the request's filters.
  Xapian::Query words(Ranking ranking, QueryTerms* terms = nullptr) const {
    return build_query(request.query, terms, match, ranking);
  }
  // What proximity adds to the words' weight, pair by pair (proximity_parts).
  std::vector<Xapian::Query> proximity() const { return proximity_parts(request.query, match); }
  // The words filtered by the request's fields and dates.
  Xapian::Query build(Ranking ranking) const;
};

}  // namespace tracuu
