#include "request_params.hpp"

#include <algorithm>
#include <string_view>

#include "tracuu/normalize.hpp"

namespace tracuu::http {
namespace {

// U+0000–U+001F and U+007F: no filter or number holds one, and a value that did could pass for
// two (U+001F separated a filter's values once). The text of a query may hold the tabs and line
// breaks of a question pasted from a document: the analyzer reads them as spaces, and cache
// keys give every part its length.
bool has_control_character(std::string_view s, bool text) {
  return std::any_of(s.begin(), s.end(), [text](char c) {
    if (text && (c == '\t' || c == '\n' || c == '\r')) return false;
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

// A parameter's name as an error message can show it: control characters as '?'.
std::string printable(std::string name) {
  for (char& c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return name;
}

}  // namespace

Status check_params(const httplib::Request& req) {
  for (const auto& [name, value] : req.params) {
    size_t limit = name == "q" ? kMaxQueryBytes : kMaxParamBytes;
    if (value.size() > limit || name.size() > 64) {
      return Status::invalid_argument("parameter " + name.substr(0, 64) + " is too long (at most " +
                                      std::to_string(limit) + " bytes)");
    }
    if (!is_valid_utf8(value) || !is_valid_utf8(name)) {
      return Status::invalid_argument("parameters must be valid UTF-8");
    }
    if (has_control_character(value, name == "q") || has_control_character(name, false)) {
      return Status::invalid_argument("parameter " + printable(name) +
                                      " contains a control character");
    }
    if (req.get_param_value_count(name) > kMaxRepeats) {
      return Status::invalid_argument("parameter " + name + " is repeated too many times");
    }
  }
  return Status::ok();
}

Result<size_t> size_param(const httplib::Request& req, const char* name, size_t fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) {
    return Status::invalid_argument(std::string(name) + " must be a whole number");
  }
  return static_cast<size_t>(std::stoul(v));
}

Result<SearchRequest> parse_search_request(const httplib::Request& req) {
  SearchRequest r;
  r.query = to_nfc(req.get_param_value("q"));
  for (const std::string& field : kFacetFields) {
    size_t n = req.get_param_value_count(field.c_str());
    for (size_t i = 0; i < n; ++i) {
      std::string v = to_nfc(req.get_param_value(field.c_str(), i));
      if (!v.empty()) r.filters[field].push_back(v);
    }
  }
  r.from = req.get_param_value("from");
  r.to = req.get_param_value("to");
  std::string sort = req.has_param("sort") ? req.get_param_value("sort") : "relevance";
  if (sort == "relevance") {
    r.sort = SortOrder::kRelevance;
  } else if (sort == "date_desc") {
    r.sort = SortOrder::kDateDesc;
  } else if (sort == "date_asc") {
    r.sort = SortOrder::kDateAsc;
  } else {
    return Status::invalid_argument("sort must be relevance, date_desc or date_asc");
  }
  auto page = size_param(req, "page", 1);
  auto size = size_param(req, "size", 10);
  auto facet_size = size_param(req, "facet_size", 20);
  for (const auto* p : {&page, &size, &facet_size}) {
    if (!p->is_ok()) return p->status();
  }
  r.page = page.value();
  r.size = size.value();
  r.facet_size = facet_size.value();
  if (req.has_param("facets")) {
    r.facets.clear();
    size_t n = req.get_param_value_count("facets");
    for (size_t i = 0; i < n; ++i) {
      std::string list = req.get_param_value("facets", i);
      size_t start = 0;
      while (start <= list.size()) {
        size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        if (comma > start) r.facets.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    }
  }
  return r;
}

}  // namespace tracuu::http
