// Internal: the interface every format's reader implements, and the readers tracuu has.
//
// A reader takes the whole file's bytes and hands back text blocks in reading order (and, for
// containers, the envelope's facts). It does not normalise, convert encodings or guess
// metadata: the pipeline does that once for every format. It reports a file it cannot read
// (damaged, encrypted) as a Status with a reason an official understands.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "tracuu/intake.hpp"

namespace tracuu::intake {

class Reader {
 public:
  virtual ~Reader() = default;
  // The format's short name, as ReadFile::format says it ("docx").
  virtual std::string_view format() const = 0;
  // Whether this reader takes a file of this content type (from libmagic) and extension
  // (lower case, with its dot: ".docx"). The first reader that accepts a file reads it.
  virtual bool accepts(std::string_view mime, std::string_view extension) const = 0;
  virtual Result<ReadFile> read(std::string_view bytes, const ReadOptions& options) const = 0;
};

// Every reader, in the order they are asked.
const std::vector<std::unique_ptr<Reader>>& readers();

// One per format, each in its own file.
// edXML packages (QCVN 102:2016): the envelope's facts and the attachments' text.
std::unique_ptr<Reader> make_edxml_reader();
std::unique_ptr<Reader> make_docx_reader();
std::unique_ptr<Reader> make_odt_reader();
std::unique_ptr<Reader> make_doc_reader();
std::unique_ptr<Reader> make_rtf_reader();
std::unique_ptr<Reader> make_html_reader();
std::unique_ptr<Reader> make_text_reader();
// PDF: text pages by poppler, scanned pages by tesseract (pdf_reader.cpp).
std::unique_ptr<Reader> make_pdf_reader();

}  // namespace tracuu::intake
