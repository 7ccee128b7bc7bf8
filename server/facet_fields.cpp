#include "facet_fields.hpp"

#include "tracuu/schema.hpp"

namespace tracuu {

const std::vector<FacetField>& facet_fields() {
  static const std::vector<FacetField> fields = {
      {"issuer", schema::kIssuer, schema::kIssuerSlot, false},
      {"year", schema::kYear, schema::kYearSlot, false},
      {"type", schema::kType, schema::kTypeSlot, false},
      {"province", schema::kProvince, schema::kProvinceSlot, false},
      {"directive", schema::kCites, schema::kDirectiveSlot, true},
  };
  return fields;
}

const FacetField* field_named(std::string_view name) {
  for (const FacetField& f : facet_fields()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

}  // namespace tracuu
