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
  column.documents.assign(column.values.size(), 0);
  for (uint32_t code : column.codes) ++column.documents[code];
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

FacetCountSpy::FacetCountSpy(std::vector<const FacetColumn*> columns)
    : columns_(std::move(columns)) {
  for (const FacetColumn* c : columns_) counts_.emplace_back(c->values.size(), 0);
}

void FacetCountSpy::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid id = doc.get_docid();
  ++documents_;
  for (size_t c = 0; c < columns_.size(); ++c) {
    const FacetColumn& column = *columns_[c];
    if (static_cast<size_t>(id) + 1 >= column.start.size()) continue;
    std::vector<Xapian::doccount>& counts = counts_[c];
    for (uint32_t i = column.start[id]; i < column.start[id + 1]; ++i) ++counts[column.codes[i]];
  }
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetCountSpy::counts(size_t i) const {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  const std::vector<Xapian::doccount>& counts = counts_[i];
  for (size_t code = 1; code < counts.size(); ++code) {
    if (counts[code]) out.emplace_back(columns_[i]->values[code], counts[code]);
  }
  return out;
}

}  // namespace tracuu
