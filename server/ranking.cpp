#include "ranking.hpp"

#include <algorithm>

#include "candidate_source.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {
namespace {

// Undated documents sort last both ways: as the latest date ascending, the earliest descending
// (an empty value already sorts first).
void sort_by_date(Xapian::Enquire& enquire, SortOrder sort, Xapian::MultiValueKeyMaker& by_date) {
  if (sort == SortOrder::kRelevance) return;
  if (sort == SortOrder::kDateAsc) by_date.add_value(schema::kDateSlot, false, "99999999");
  if (sort == SortOrder::kDateDesc) by_date.add_value(schema::kDateSlot, true);
  enquire.set_sort_by_key_then_relevance(&by_date, false);
}

// Appends the MSet's entries from `from` on.
void append(const Xapian::MSet& mset, size_t from, std::vector<RankedOrder::Entry>& out) {
  for (auto it = mset[from]; it != mset.end(); ++it) out.push_back({*it, it.get_weight()});
}

// The candidates (ascending docids, with their first-pass weights) with what each part of
// `proximity` adds to them: Xapian checks word positions in these documents only, and reads
// none of their other terms again. One query per part (see proximity_parts).
std::vector<RankedOrder::Entry> add_proximity(const Xapian::Database& db,
                                              const std::vector<Xapian::Query>& proximity,
                                              std::vector<RankedOrder::Entry> candidates) {
  std::vector<Xapian::docid> ids;
  for (const RankedOrder::Entry& c : candidates) ids.push_back(c.docid);
  for (const Xapian::Query& part : proximity) {
    Xapian::Enquire enquire(db);
    auto* source = new CandidateSource(ids);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, part, Xapian::Query(source->release())));
    Xapian::MSet near = enquire.get_mset(0, ids.size());
    std::vector<std::pair<Xapian::docid, double>> added;
    for (auto it = near.begin(); it != near.end(); ++it) added.emplace_back(*it, it.get_weight());
    std::sort(added.begin(), added.end());
    auto next = added.begin();
    for (RankedOrder::Entry& c : candidates) {
      if (next != added.end() && next->first == c.docid) c.weight += (next++)->second;
    }
  }
  return candidates;
}

bool ranks_before(const RankedOrder::Entry& a, const RankedOrder::Entry& b) {
  return a.weight != b.weight ? a.weight > b.weight : a.docid < b.docid;
}

bool by_docid(const RankedOrder::Entry& a, const RankedOrder::Entry& b) {
  return a.docid < b.docid;
}

// The candidates ranked again with proximity: position lists are read in docid order, so the
// candidates are weighed in that order, then sorted by their new weight.
std::vector<RankedOrder::Entry> rerank(const Xapian::Database& db,
                                       const std::vector<Xapian::Query>& proximity,
                                       std::vector<RankedOrder::Entry> candidates) {
  std::sort(candidates.begin(), candidates.end(), by_docid);
  std::vector<RankedOrder::Entry> ranks = add_proximity(db, proximity, std::move(candidates));
  std::sort(ranks.begin(), ranks.end(), ranks_before);
  return ranks;
}

}  // namespace

RankedOrder rank_by_relevance(const Xapian::Database& db, const QueryRecipe& recipe, size_t depth) {
  const std::vector<Xapian::Query> proximity = recipe.proximity();
  RankedOrder order;
  Xapian::Enquire first(db);
  first.set_query(recipe.build(Ranking::kWithoutProximity));
  const size_t asked = proximity.empty() ? depth : std::max(kRescoreWindow, depth);
  Xapian::MSet firsts = first.get_mset(0, asked);
  size_t window = proximity.empty() ? 0 : std::min<size_t>(kRescoreWindow, firsts.size());
  if (window > 0) {
    std::vector<RankedOrder::Entry> candidates;
    append(firsts, 0, candidates);
    candidates.resize(window);
    order.ranks = rerank(db, proximity, std::move(candidates));
  }
  append(firsts, order.ranks.size(), order.ranks);
  order.complete = firsts.size() < asked;
  return order;
}

RankedOrder rank_by_date(const Xapian::Database& db, const Xapian::Query& query, SortOrder sort,
                         size_t depth) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  Xapian::MultiValueKeyMaker by_date;
  sort_by_date(enquire, sort, by_date);
  RankedOrder order;
  Xapian::MSet mset = enquire.get_mset(0, depth);
  append(mset, 0, order.ranks);
  order.complete = mset.size() < depth;
  return order;
}

}  // namespace tracuu
