// Internal to the HTTP layer: decoding and validating query parameters. Every parameter a
// client sends is checked here before the engine sees it (UTF-8, length, NULs, integers).
#pragma once

#include <httplib.h>

#include <string>

#include "tracuu/searcher.hpp"
#include "tracuu/status.hpp"

namespace tracuu::http {

// Longest `q` accepted, in bytes; longer queries are refused with a 414-like 400.
inline constexpr size_t kMaxQueryBytes = 2048;
// Longest value of any other parameter.
inline constexpr size_t kMaxParamBytes = 512;
// Most values of one repeated parameter (issuer=…&issuer=…).
inline constexpr size_t kMaxRepeats = 50;

// Checks every parameter of `req` (valid UTF-8, no control character, bounded length, bounded
// repeats); the error names the parameter.
Status check_params(const httplib::Request& req);

Result<SearchRequest> parse_search_request(const httplib::Request& req);

// A bounded positive integer parameter; `fallback` when absent.
Result<size_t> size_param(const httplib::Request& req, const char* name, size_t fallback);

}  // namespace tracuu::http
