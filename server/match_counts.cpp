#include "match_counts.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "facet_fields.hpp"
#include "tracuu/schema.hpp"
#include "tracuu/searcher.hpp"

namespace tracuu {
namespace {

using Facets = std::map<std::string, std::vector<FacetValue>>;

std::vector<FacetValue> top_values(std::vector<FacetValue> values, size_t limit) {
  std::stable_sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (values.size() > limit) values.resize(limit);
  return values;
}

// The columns of `names`, in that order.
std::vector<const FacetColumn*> columns_of(const FacetColumns& columns,
                                           const std::vector<std::string>& names) {
  std::vector<const FacetColumn*> out;
  for (const std::string& name : names) out.push_back(columns.column(field_named(name)->slot));
  return out;
}

// What one pass over the matches of a query found.
struct Tally {
  Xapian::doccount matches = 0;   // Xapian's count: exact when `complete`
  Xapian::doccount at_least = 0;  // the matches Xapian checked
  bool total_exact = false;       // `matches` is exact
  bool complete = false;          // every match was checked and counted
  Facets facets;                  // over the matches checked, the top `limit` of each field
};

// Checks the matches of `query`, at least `check` of them (all when there are fewer), and
// counts `fields` over those checked.
Tally tally(const Xapian::Database& db, const Xapian::Query& query,
            const std::vector<std::string>& fields, const FacetColumns& columns,
            Xapian::doccount check, size_t limit) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_time_limit(kCountSeconds);
  std::unique_ptr<FacetCountSpy> spy;
  if (!fields.empty()) {
    spy = std::make_unique<FacetCountSpy>(columns_of(columns, fields));
    enquire.add_matchspy(spy.get());
  }
  Xapian::MSet mset = enquire.get_mset(0, 0, check);
  Tally out;
  out.matches = mset.get_matches_estimated();
  out.at_least = mset.get_matches_lower_bound();
  // Xapian can know a total exactly without checking every match (a single word's frequency),
  // so the facets are complete only if the spy saw them all.
  out.total_exact = out.at_least == mset.get_matches_upper_bound();
  out.complete = out.total_exact && (!spy || spy->documents() == out.at_least);
  for (size_t i = 0; i < fields.size(); ++i) {
    std::vector<FacetValue> values;
    for (auto& [value, count] : spy->counts(i)) values.push_back({std::move(value), count});
    out.facets[fields[i]] = top_values(std::move(values), limit);
  }
  return out;
}

// The sample level expected to hold at most `bound` of `estimated` matches, and
// holding documents in this index: 0 when none does.
unsigned sample_level_for(const Xapian::Database& db, Xapian::doccount estimated, size_t bound) {
  unsigned level = 1;
  while (level < schema::kSampleLevels && (estimated >> (2 * level)) > bound) ++level;
  while (level > 0 && db.get_termfreq(schema::sample_term(level)) == 0) --level;
  return level;
}

// The counts of `query`: exact up to `bound` matches, estimated from a sample beyond.
ResultCounts count_query(const Xapian::Database& db, const Xapian::Query& query,
                         const std::vector<std::string>& fields, const FacetColumns& columns,
                         size_t limit, size_t bound) {
  Tally all = tally(db, query, fields, columns, bound, limit);
  if (all.complete) return {all.matches, std::move(all.facets), {}};
  // Not one word's documents, or not every field asked for, was in reach of a count: the
  // sample gives them.
  const unsigned level = sample_level_for(db, all.matches, bound);
  Tally sample;
  if (level > 0) {
    const Xapian::Query sampled(Xapian::Query::OP_FILTER, query,
                                Xapian::Query(schema::sample_term(level)));
    sample = tally(db, sampled, fields, columns, db.get_doccount(), limit);
  }
  if (!sample.complete || sample.matches == 0) {
    // Cut short by the time limit (or no sample to read): what the first pass counted.
    return {all.matches,
            std::move(all.facets),
            {.exact = false, .total_exact = all.total_exact, .cut_short = true}};
  }
  const double scale =
      static_cast<double>(db.get_doccount()) / db.get_termfreq(schema::sample_term(level));
  auto scaled = [scale](size_t n) { return std::max<size_t>(1, std::llround(n * scale)); };
  ResultCounts out;
  out.total =
      all.total_exact ? all.matches : std::max<size_t>(scaled(sample.matches), all.at_least);
  for (auto& [field, values] : sample.facets) {
    for (FacetValue& v : values) v.count = scaled(v.count);
    out.facets[field] = std::move(values);
  }
  out.basis = {.exact = false,
               .total_exact = all.total_exact,
               .sampled = sample.matches,
               .sample_every = static_cast<size_t>(std::llround(scale))};
  return out;
}

// Whether `recipe` asks for everything: no words, no filters, no dates.
bool browses_everything(const QueryRecipe& recipe) {
  const SearchRequest& r = recipe.request;
  return r.filters.empty() && r.from.empty() && r.to.empty() &&
         recipe.words(Ranking::kMatchOnly).get_type() == Xapian::Query::LEAF_MATCH_ALL;
}

// The basis of counts made of several: exact when all are, sampled as the coarsest was.
CountBasis combined(const CountBasis& a, const CountBasis& b) {
  if (a.exact) return b;
  if (b.exact) return a;
  if (a.cut_short || b.cut_short) {
    return {.exact = false, .total_exact = a.total_exact, .cut_short = true};
  }
  return a.sample_every >= b.sample_every ? a : b;
}

}  // namespace

ResultCounts count_whole_index(const Xapian::Database& db, const std::vector<std::string>& fields,
                               const FacetColumns& columns, size_t limit) {
  ResultCounts out;
  out.total = db.get_doccount();
  for (const std::string& field : fields) {
    const FacetColumn& column = *columns.column(field_named(field)->slot);
    std::vector<FacetValue> values;
    for (size_t code = 1; code < column.values.size(); ++code) {
      if (column.documents[code]) values.push_back({column.values[code], column.documents[code]});
    }
    out.facets[field] = top_values(std::move(values), limit);
  }
  return out;
}

ResultCounts count_matches(const Xapian::Database& db, const QueryRecipe& recipe,
                           const FacetColumns& columns, const RememberedCounts& remembered,
                           size_t exact_bound) {
  const size_t limit = recipe.request.facet_size;
  if (browses_everything(recipe)) {
    return count_whole_index(db, recipe.request.facets, columns, limit);
  }
  std::vector<std::string> unfiltered, filtered;
  for (const std::string& field : recipe.request.facets) {
    auto f = recipe.request.filters.find(field);
    (f != recipe.request.filters.end() && !f->second.empty() ? filtered : unfiltered)
        .push_back(field);
  }
  ResultCounts out =
      count_query(db, recipe.build(Ranking::kMatchOnly), unfiltered, columns, limit, exact_bound);
  for (const std::string& field : filtered) {
    QueryRecipe others = recipe;
    others.request.filters.erase(field);
    std::optional<ResultCounts> own = remembered(others);
    if (!own) {
      own = browses_everything(others) ? count_whole_index(db, {field}, columns, limit)
                                       : count_query(db, others.build(Ranking::kMatchOnly), {field},
                                                     columns, limit, exact_bound);
    }
    out.facets[field] = std::move(own->facets[field]);
    out.basis = combined(out.basis, own->basis);
  }
  return out;
}

}  // namespace tracuu
