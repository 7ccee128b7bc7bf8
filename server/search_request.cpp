#include "search_request.hpp"

#include <chrono>
#include <cstdio>

#include "facet_fields.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {

Status validate_paging(size_t page, size_t size, size_t max_size) {
  if (page < 1) return Status::invalid_argument("page must be 1 or more");
  if (size < 1 || size > max_size) {
    return Status::invalid_argument("size must be between 1 and " + std::to_string(max_size));
  }
  if (page > kMaxPage) return Status::invalid_argument("page is too large");
  return Status::ok();
}

Status validate(const SearchRequest& r) {
  if (Status s = validate_paging(r.page, r.size, kMaxPageSize); !s.is_ok()) return s;
  if (r.facet_size < 1 || r.facet_size > kMaxFacetSize) {
    return Status::invalid_argument("facet_size must be between 1 and " +
                                    std::to_string(kMaxFacetSize));
  }
  for (const std::string& f : r.facets) {
    if (!field_named(f)) return Status::invalid_argument("unknown facet field: " + f);
  }
  for (const auto& [field, values] : r.filters) {
    if (!field_named(field)) return Status::invalid_argument("unknown filter field: " + field);
  }
  if (!r.from.empty() && date_key(r.from).empty()) {
    return Status::invalid_argument("from must be a date as YYYY-MM-DD");
  }
  if (!r.to.empty() && date_key(r.to).empty()) {
    return Status::invalid_argument("to must be a date as YYYY-MM-DD");
  }
  return Status::ok();
}

std::string date_key(const std::string& iso) {
  int y, m, d;
  char tail;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
    return {};
  }
  using namespace std::chrono;
  year_month_day date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (y < 1900 || y > 2100 || !date.ok()) return {};  // 2024-02-31 is no date
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

Xapian::Query filter_query(const SearchRequest& r) {
  std::vector<Xapian::Query> fields;
  for (const auto& [name, values] : r.filters) {
    const FacetField* f = field_named(name);
    std::vector<Xapian::Query> any;
    for (const std::string& v : values) any.emplace_back(schema::filter_term(f->prefix, v));
    if (!any.empty()) fields.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  if (!r.from.empty()) {
    fields.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, date_key(r.from));
  }
  if (!r.to.empty()) {
    fields.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, date_key(r.to));
  }
  if (fields.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, fields.begin(), fields.end());
}

Xapian::Query QueryRecipe::build(Ranking ranking) const {
  Xapian::Query q = words(ranking);
  Xapian::Query filters = filter_query(request);
  return filters.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filters);
}

}  // namespace tracuu
