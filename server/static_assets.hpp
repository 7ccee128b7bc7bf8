// Internal: the search page's files, compiled into tracuu-server (no files are read from disk,
// so no request can reach a file outside them).
#pragma once

#include <string_view>

namespace tracuu::http {

struct StaticAsset {
  std::string_view path;  // "/index.html", "/assets/app.js"
  std::string_view content_type;
  std::string_view body;
};

// The asset served at `path`, or nullptr.
const StaticAsset* find_asset(std::string_view path);

}  // namespace tracuu::http
