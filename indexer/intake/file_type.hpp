// Internal: a file's type decided from its content, the way libmagic sees it. Real ".doc"
// files are often RTF, HTML or a renamed .docx, and an edXML package is only "text/xml" to
// libmagic, so the content decides and the name only breaks ties.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace tracuu::intake {

// libmagic's MIME type of `bytes` ("application/pdf", "text/rtf"); "application/octet-stream"
// when it cannot tell. Thread-safe (one magic handle per thread).
std::string content_type(std::string_view bytes);

// The lower-case extension of a file name, with its dot (".docx"), or "" when it has none.
inline std::string extension_of(std::string_view name) {
  size_t slash = name.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  size_t dot = base.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string ext(base.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace tracuu::intake
