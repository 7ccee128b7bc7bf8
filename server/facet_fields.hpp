// The fields a search can be narrowed by and counted over: for each, the filter term prefix and
// the value slot its display values are read from (schema.hpp).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

struct FacetField {
  const char* name;         // as requests and answers name it: "issuer"
  std::string_view prefix;  // its filter terms' prefix
  Xapian::valueno slot;     // its display values
  bool multi;               // several values in one slot, joined by kMultiValueSeparator
};

// Every field, in display order (kFacetFields).
const std::vector<FacetField>& facet_fields();
// The field called `name`, or nullptr.
const FacetField* field_named(std::string_view name);

}  // namespace tracuu
