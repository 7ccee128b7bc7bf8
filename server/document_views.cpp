#include "document_views.hpp"

#include "tracuu/document_codec.hpp"
#include "tracuu/highlighter.hpp"
#include "tracuu/query.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {
namespace {

// The documents carrying `term`, newest first (undated last, ties in docid order), from
// `offset`, at most `limit`: metadata only, and only theirs is read.
std::vector<Document> newest_with(const Xapian::Database& db, const std::string& term,
                                  size_t offset, size_t limit) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(schema::kDateSlot, true);
  std::vector<Document> docs;
  Xapian::MSet page = enquire.get_mset(offset, limit);
  for (auto it = page.begin(); it != page.end(); ++it) {
    docs.push_back(decode_metadata(it.get_document().get_data()));
  }
  return docs;
}

std::string first_document_id(const Xapian::Database& db, const std::string& term) {
  auto p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return {};
  return decode_metadata(db.get_document(*p).get_data()).id;
}

}  // namespace

Result<DocumentView> document_view(const Xapian::Database& db, const std::string& id,
                                   const std::string& highlight_query) {
  std::string term = std::string(schema::kId) + id;
  if (id.empty() || term.size() > 240) return Status::not_found("no document with this id");
  auto p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return Status::not_found("no document with id " + id);
  DocumentView view;
  view.document = decode_document(db.get_document(*p).get_data());
  for (const Directive& d : view.document.meta.directives) {
    view.cites.push_back({d, first_document_id(db, std::string(schema::kNumber) + d.key)});
  }
  const std::string& key = view.document.meta.number_key;
  if (!key.empty()) {
    const std::string citing = std::string(schema::kCites) + key;
    view.cited_by = newest_with(db, citing, 0, kCitedByShown);
    view.cited_by_count = db.get_termfreq(citing);
  }
  if (!highlight_query.empty()) {
    QueryTerms terms;
    build_query(highlight_query, &terms);
    view.highlighted_text = highlight_all(view.document.text, terms);
  }
  return view;
}

Result<DirectiveView> directive_view(const Xapian::Database& db, const DocumentNumber& number,
                                     size_t page, size_t size) {
  DirectiveView view;
  view.id = number.display;
  const std::string citing = std::string(schema::kCites) + number.key;
  view.count = db.get_termfreq(citing);
  view.documents = newest_with(db, citing, (page - 1) * size, size);
  view.document_id = first_document_id(db, std::string(schema::kNumber) + number.key);
  if (view.count == 0 && view.document_id.empty()) {
    return Status::not_found("no indexed document is or cites " + number.display);
  }
  // The number as the newest citing document writes it (how facets show it), and its kind.
  // Page 1 already holds it; a later page reads it alone rather than copy the page.
  const std::vector<Document> first =
      page == 1 ? std::vector<Document>{} : newest_with(db, citing, 0, 1);
  for (const Document& d : page == 1 ? view.documents : first) {
    for (const Directive& cited : d.meta.directives) {
      if (cited.key != number.key) continue;
      if (view.kind.empty()) view.kind = cited.kind;
      view.id = cited.id;
    }
    if (!view.kind.empty()) break;
  }
  if (view.kind.empty() && !view.document_id.empty()) {
    auto p = db.postlist_begin(std::string(schema::kNumber) + number.key);
    view.kind = decode_metadata(db.get_document(*p).get_data()).meta.type;
  }
  return view;
}

}  // namespace tracuu
