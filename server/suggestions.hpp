// Suggestions as a user types: issuers and cited directives whose words start as typed, then
// frequent words completing the word being typed, spelled as the documents spell them.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "facet_columns.hpp"
#include "tracuu/searcher.hpp"
#include "word_spellings.hpp"

namespace tracuu {

// At most `limit` suggestions for `prefix`, from `db` and its facet columns and spellings
// (loaded at its revision).
std::vector<Suggestion> suggestions_for(const Xapian::Database& db, const std::string& prefix,
                                        size_t limit, const FacetColumns& columns,
                                        const WordSpellings& spellings);

}  // namespace tracuu
