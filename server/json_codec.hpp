// Internal to the HTTP layer: the JSON shapes of the API's responses. The engine never sees
// JSON; this is the one place that decides field names.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tracuu/searcher.hpp"
#include "tracuu/status.hpp"

namespace tracuu::http {

nlohmann::json search_json(const SearchRequest& request, const SearchResult& result,
                           double took_ms);
nlohmann::json document_json(const DocumentView& view);
nlohmann::json directive_json(const DirectiveView& view, size_t page, size_t size);
nlohmann::json suggestions_json(const std::string& query, const std::vector<Suggestion>& list);
// {"error": {"code", "message"}}
nlohmann::json error_json(const std::string& code, const std::string& message);
// The HTTP status and error code for an engine Status.
int http_status(const Status& status);
std::string error_code(const Status& status);

}  // namespace tracuu::http
