// Dispatch: a file's type from its content, then the reader of that type.
#include <algorithm>

#include "file_type.hpp"
#include "reader.hpp"

namespace tracuu {
namespace intake {

const std::vector<std::unique_ptr<Reader>>& readers() {
  static const std::vector<std::unique_ptr<Reader>> all = [] {
    std::vector<std::unique_ptr<Reader>> r;
    // Containers and binary formats first, text last: a .txt that is really a PDF is a PDF.
    r.push_back(make_edxml_reader());  // before text: a package is text/xml to libmagic
    r.push_back(make_pdf_reader());
    r.push_back(make_docx_reader());
    r.push_back(make_odt_reader());
    r.push_back(make_doc_reader());
    r.push_back(make_rtf_reader());
    r.push_back(make_html_reader());
    r.push_back(make_text_reader());
    return r;
  }();
  return all;
}

}  // namespace intake

Result<ReadFile> read_file_bytes(std::string_view bytes, std::string_view name,
                                 const ReadOptions& options) {
  if (bytes.empty()) return Status::invalid_argument("empty file");
  const std::string mime = intake::content_type(bytes);
  const std::string ext = intake::extension_of(name);
  for (const auto& reader : intake::readers()) {
    if (!reader->accepts(mime, ext)) continue;
    Result<ReadFile> read = reader->read(bytes, options);
    if (read.is_ok()) {
      if (read->format.empty()) read->format = std::string(reader->format());
      read->mime = mime;
    }
    return read;
  }
  ReadFile skipped;
  skipped.mime = mime;
  skipped.skip_reason = "not a document type tracuu reads (" + mime + ")";
  return skipped;
}

}  // namespace tracuu
