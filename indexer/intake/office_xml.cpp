#include "office_xml.hpp"

namespace tracuu::intake {
namespace {

// An XML part is read whole; no real part is near this.
constexpr size_t kMaxPartBytes = 256u << 20;

}  // namespace

Result<pugi::xml_document> parse_xml_part(const ZipArchive& zip, const std::string& name,
                                          std::string_view format, std::string_view encrypted) {
  Result<std::string> bytes = zip.read(name, kMaxPartBytes);
  if (!bytes.is_ok()) {
    if (bytes.status().message() == "encrypted document") {
      return Status::invalid_argument(std::string(encrypted));
    }
    return Status::invalid_argument("damaged " + std::string(format) + ": " +
                                    bytes.status().message());
  }
  pugi::xml_document doc;
  if (!doc.load_buffer(bytes->data(), bytes->size(), pugi::parse_default | pugi::parse_ws_pcdata)) {
    return Status::invalid_argument("damaged " + std::string(format) + ": " + name +
                                    " is not well-formed XML");
  }
  return doc;
}

void add_block(std::vector<TextBlock>& blocks, TextBlock::Kind part_kind, TextBlock::Kind kind,
               std::string text, int row, int col) {
  using Kind = TextBlock::Kind;
  if (text.find_first_not_of(" \t\n") == std::string::npos) return;
  TextBlock block;
  block.kind = (kind == Kind::kCell && part_kind != Kind::kParagraph && part_kind != Kind::kTextBox)
                   ? part_kind
                   : kind;
  block.text = std::move(text);
  block.row = row;
  block.col = col;
  blocks.push_back(std::move(block));
}

}  // namespace tracuu::intake
