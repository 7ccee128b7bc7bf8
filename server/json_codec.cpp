#include "json_codec.hpp"

namespace tracuu::http {
namespace {

using nlohmann::json;

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json source_json(const SourceRef& s) {
  return {{"path", s.path},     {"part", s.part},   {"parts", s.parts},
          {"format", s.format}, {"pages", s.pages}, {"ocr_pages", s.ocr_pages}};
}

// The metadata every response shows for a document.
json summary_json(const Document& d) {
  const DocumentMetadata& m = d.meta;
  json directives = json::array();
  for (const Directive& x : m.directives) directives.push_back(x.id);
  return {{"id", d.id},
          {"title", or_null(m.title)},
          {"type", or_null(m.type)},
          {"number", or_null(m.number)},
          {"issuer", or_null(m.issuer)},
          {"province", or_null(m.province)},
          {"date", or_null(m.date)},
          {"year", m.year ? json(m.year) : json(nullptr)},
          {"year_inferred", m.year_inferred},
          {"number_uncertain", m.number_uncertain},
          {"date_uncertain", m.date_uncertain},
          {"directives", directives},
          {"source", source_json(d.source)}};
}

const char* sort_name(SortOrder s) {
  switch (s) {
    case SortOrder::kDateDesc:
      return "date_desc";
    case SortOrder::kDateAsc:
      return "date_asc";
    default:
      return "relevance";
  }
}

}  // namespace

json search_json(const SearchRequest& request, const SearchResult& result, double took_ms) {
  json hits = json::array();
  for (const Hit& h : result.hits) {
    json hit = summary_json(h.document);
    hit["score"] = h.score;
    hit["snippet"] = h.snippet;
    hits.push_back(std::move(hit));
  }
  json facets = json::object();
  for (const auto& [field, values] : result.facets) {
    json list = json::array();
    for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[field] = std::move(list);
  }
  const CountBasis& basis = result.count_basis;
  json out = {{"query", request.query},
              {"total", result.total},
              {"total_exact", basis.total_exact},
              {"facets_exact", basis.exact},
              {"page", request.page},
              {"size", request.size},
              {"sort", sort_name(request.sort)},
              {"took_ms", took_ms},
              {"hits", hits},
              {"facets", facets}};
  if (!result.did_you_mean.empty()) out["did_you_mean"] = result.did_you_mean;
  if (result.relaxed) {
    out["relaxed"] = true;
    out["warning"] =
        "No document has every word of the query; these have some of them, the most first.";
  }
  if (basis.cut_short) {
    out["warning"] =
        "The query took too long to count every match: total and facet counts are estimates. "
        "Add words or filters to narrow it.";
  } else if (!basis.exact) {
    out["estimate"] = {{"sampled_matches", basis.sampled}, {"sample_every", basis.sample_every}};
    out["warning"] =
        "More than " + std::to_string(kExactCountBound) + " documents match: the facet counts" +
        (basis.total_exact ? std::string() : std::string(" and the total")) +
        " are estimated from the " + std::to_string(basis.sampled) +
        " matches in a sample of one document in " + std::to_string(basis.sample_every) + ".";
  }
  return out;
}

json document_json(const DocumentView& view) {
  const Document& d = view.document;
  json out = summary_json(d);
  out["signer"] = or_null(d.meta.signer);
  out["encoding"] = d.encoding;
  out["file_url"] = "/api/documents/" + d.id + "/file";
  out["text"] = d.text;
  if (!view.highlighted_text.empty()) out["highlighted_text"] = view.highlighted_text;
  json cites = json::array();
  for (const Citation& c : view.cites) {
    cites.push_back({{"id", c.directive.id},
                     {"kind", c.directive.kind},
                     {"date", or_null(c.directive.date)},
                     {"issuer", or_null(c.directive.issuer)},
                     {"document_id", or_null(c.document_id)}});
  }
  out["cites"] = cites;
  json cited_by = json::array();
  for (const Document& c : view.cited_by) cited_by.push_back(summary_json(c));
  out["cited_by"] = cited_by;
  out["cited_by_count"] = view.cited_by_count;
  return out;
}

json directive_json(const DirectiveView& view, size_t page, size_t size) {
  json docs = json::array();
  for (const Document& d : view.documents) {
    docs.push_back({{"id", d.id},
                    {"title", or_null(d.meta.title)},
                    {"type", or_null(d.meta.type)},
                    {"issuer", or_null(d.meta.issuer)},
                    {"date", or_null(d.meta.date)},
                    {"year", d.meta.year ? json(d.meta.year) : json(nullptr)}});
  }
  return {{"id", view.id},
          {"kind", or_null(view.kind)},
          {"count", view.count},
          {"page", page},
          {"size", size},
          {"documents", docs},
          {"document_id", or_null(view.document_id)}};
}

json suggestions_json(const std::string& query, const std::vector<Suggestion>& list) {
  json out = json::array();
  for (const Suggestion& s : list) {
    out.push_back({{"text", s.text}, {"kind", s.kind}, {"count", s.count}});
  }
  return {{"query", query}, {"suggestions", out}};
}

json error_json(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

int http_status(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      return 400;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

std::string error_code(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      return "invalid_argument";
    case Status::Code::kNotFound:
      return "not_found";
    case Status::Code::kUnavailable:
      return "unavailable";
    default:
      return "internal";
  }
}

}  // namespace tracuu::http
