#include "facet_columns.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace tracuu {
namespace {

FacetColumn load_column(const Xapian::Database& db, Xapian::valueno slot, bool multi,
                        char separator) {
  FacetColumn column;
  column.slot = slot;
  const Xapian::docid last = db.get_lastdocid();
  column.start.assign(static_cast<size_t>(last) + 2, 0);
  std::unordered_map<std::string, uint32_t> code_of;
  auto add = [&](std::string_view value) {
    if (value.empty()) return;
    auto [it, added] = code_of.emplace(std::string(value), column.values.size());
    if (added) column.values.emplace_back(value);
    column.codes.push_back(it->second);
  };
  Xapian::docid next = 1;  // the first docid whose start is not yet set
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    const Xapian::docid id = v.get_docid();
    if (id > last) break;  // cannot happen within one revision; never index past the table
    for (; next <= id; ++next) column.start[next] = column.codes.size();
    const std::string value = *v;
    if (!multi) {
      add(value);
      continue;
    }
    for (size_t from = 0; from <= value.size();) {
      size_t to = std::min(value.find(separator, from), value.size());
      add(std::string_view(value).substr(from, to - from));
      from = to + 1;
    }
  }
  for (; next <= last + 1; ++next) column.start[next] = column.codes.size();
  return column;
}

}  // namespace

std::shared_ptr<const FacetColumns> FacetColumns::load(const Xapian::Database& db,
                                                       const std::vector<Xapian::valueno>& slots,
                                                       const std::vector<Xapian::valueno>& multi,
                                                       char separator) {
  auto columns = std::make_shared<FacetColumns>();
  for (Xapian::valueno slot : slots) {
    bool is_multi = std::find(multi.begin(), multi.end(), slot) != multi.end();
    columns->columns_.push_back(load_column(db, slot, is_multi, separator));
  }
  return columns;
}

const FacetColumn* FacetColumns::column(Xapian::valueno slot) const {
  for (const FacetColumn& c : columns_) {
    if (c.slot == slot) return &c;
  }
  return nullptr;
}

void FacetCountSpy::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid id = doc.get_docid();
  if (static_cast<size_t>(id) + 1 >= column_.start.size()) return;
  for (uint32_t i = column_.start[id]; i < column_.start[id + 1]; ++i) ++counts_[column_.codes[i]];
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetCountSpy::counts() const {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  for (size_t code = 1; code < counts_.size(); ++code) {
    if (counts_[code]) out.emplace_back(column_.values[code], counts_[code]);
  }
  return out;
}

}  // namespace tracuu
