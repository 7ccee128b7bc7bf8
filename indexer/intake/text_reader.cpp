// Plain text: the bytes are the text. Encodings are the pipeline's (source_text.hpp).
#include "reader.hpp"

namespace tracuu::intake {
namespace {

class TextReader : public Reader {
 public:
  std::string_view format() const override { return "txt"; }
  bool accepts(std::string_view mime, std::string_view extension) const override {
    // A .txt file is text whatever libmagic says of its bytes (a legacy encoding looks like
    // "application/octet-stream" or "text/x-c" to it); decode_source decides what it holds.
    return extension == ".txt" || (extension.empty() && mime.substr(0, 5) == "text/");
  }
  Result<ReadFile> read(std::string_view bytes, const ReadOptions&) const override {
    ReadFile file;
    file.format = "txt";
    file.blocks.push_back({TextBlock::Kind::kParagraph, std::string(bytes)});
    return file;
  }
};

}  // namespace

std::unique_ptr<Reader> make_text_reader() { return std::make_unique<TextReader>(); }

}  // namespace tracuu::intake
