#include "static_assets.hpp"

namespace tracuu::data {
extern const std::string_view kIndexHtml;
extern const std::string_view kAppJs;
extern const std::string_view kStyleCss;
}  // namespace tracuu::data

namespace tracuu::http {

const StaticAsset* find_asset(std::string_view path) {
  static const StaticAsset kAssets[] = {
      {"/index.html", "text/html; charset=utf-8", data::kIndexHtml},
      {"/assets/app.js", "text/javascript; charset=utf-8", data::kAppJs},
      {"/assets/style.css", "text/css; charset=utf-8", data::kStyleCss},
  };
  for (const StaticAsset& a : kAssets) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

}  // namespace tracuu::http
