// OpenDocument text (.odt): content.xml's body in reading order, notes as footnotes, and the
// master pages' headers and footers from styles.xml. Element names are ODF's conventional
// prefixes (text:, table:, draw:), which every writer seen uses.
#include <algorithm>
#include <cstring>
#include <exception>
#include <pugixml.hpp>

#include "office_xml.hpp"
#include "reader.hpp"
#include "zip_archive.hpp"

namespace tracuu::intake {
namespace {

using Kind = TextBlock::Kind;

// Deeper nesting than any real document is a crafted file; its deeper content is left out.
constexpr int kMaxDepth = 48;
// A run of spaces (text:s) or repeated cells longer than this is a crafted file.
constexpr int kMaxRepeat = 1000;

// pugixml does not resolve namespaces: elements are matched by their qualified name.
bool named(pugi::xml_node node, const char* name) { return std::strcmp(node.name(), name) == 0; }

// Whole families (text:span, text:a, fields) are read the same way.
bool prefixed(pugi::xml_node node, const char* prefix) {
  return std::strncmp(node.name(), prefix, std::strlen(prefix)) == 0;
}

// Walks block-level content (the body, a cell, a text box, a header); a cell's paragraphs
// are gathered into the cell's one block. Notes are kept aside and added after the body.
class OdtWalker {
 public:
  OdtWalker(std::vector<TextBlock>& blocks, std::vector<TextBlock>& notes, Kind kind)
      : blocks_(blocks), notes_(notes), kind_(kind) {}

  void content(pugi::xml_node container, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node child : container.children()) {
      if (named(child, "text:p") || named(child, "text:h")) {
        paragraph(child, depth);
      } else if (named(child, "table:table")) {
        table(child, depth);
      } else if (named(child, "text:list") || named(child, "text:list-item") ||
                 named(child, "text:list-header") || named(child, "text:section") ||
                 named(child, "text:numbered-paragraph")) {
        content(child, depth + 1);
      }
      // text:tracked-changes (deleted text), text:table-of-content (a copy of the
      // headings), sequence declarations and forms are not the document's text.
    }
  }

 private:
  struct Cell {
    bool open = false;
    int row = -1, col = -1;
    std::string text;
  };

  // One block per paragraph or heading, or one more line of the cell being gathered.
  void paragraph(pugi::xml_node p, int depth) {
    std::string text;
    std::vector<pugi::xml_node> boxes;
    inline_text(p, text, boxes, depth);
    if (cell_.open) {
      if (!cell_.text.empty()) cell_.text.push_back('\n');
      cell_.text += text;
    } else {
      emit(kind_, std::move(text), -1, -1);
    }
    for (pugi::xml_node box : boxes) text_box(box, depth);
  }

  // A paragraph's text: spans, links and fields read through; notes, comments and
  // deleted text left out of it.
  void inline_text(pugi::xml_node node, std::string& text, std::vector<pugi::xml_node>& boxes,
                   int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        append_collapsed(text, child.value());
      } else if (named(child, "text:s")) {
        text.append(std::clamp(child.attribute("text:c").as_int(1), 1, kMaxRepeat), ' ');
      } else if (named(child, "text:tab")) {
        text.push_back('\t');
      } else if (named(child, "text:line-break")) {
        text.push_back('\n');
      } else if (named(child, "text:note")) {
        note(child, depth);
      } else if (named(child, "draw:frame") || named(child, "draw:a") || named(child, "draw:g")) {
        find_text_boxes(child, boxes, depth + 1);
      } else if (named(child, "draw:text-box") || prefixed(child, "draw:")) {
        boxes.push_back(child);  // a box, or a shape holding paragraphs of its own
      } else if (named(child, "text:note-citation") || named(child, "text:annotation") ||
                 named(child, "office:annotation") || named(child, "text:tracked-changes")) {
        continue;
      } else if (prefixed(child, "text:")) {
        inline_text(child, text, boxes, depth + 1);  // spans, links, fields, ruby
      }
    }
  }

  // ODF spells significant spaces as text:s and text:tab; white space in the XML itself
  // (from writers that indent their output) counts as one space.
  static void append_collapsed(std::string& text, const char* value) {
    for (const char* c = value; *c; ++c) {
      if (*c == ' ' || *c == '\n' || *c == '\r' || *c == '\t') {
        if (!text.empty() && text.back() != ' ' && text.back() != '\n' && text.back() != '\t') {
          text.push_back(' ');
        }
      } else {
        text.push_back(*c);
      }
    }
  }

  // Frames may hold images or text boxes; only boxes have text.
  static void find_text_boxes(pugi::xml_node node, std::vector<pugi::xml_node>& boxes, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node child : node.children()) {
      if (named(child, "draw:text-box")) {
        boxes.push_back(child);
      } else if (prefixed(child, "draw:")) {
        find_text_boxes(child, boxes, depth + 1);
      }
    }
  }

  // A note's body goes to the notes, read after the body, like Word's footnotes.
  void note(pugi::xml_node n, int depth) {
    std::vector<TextBlock> unused;
    OdtWalker body(notes_, unused, Kind::kFootnote);
    body.content(n.child("text:note-body"), depth + 1);
  }

  // A box's paragraphs are blocks of their own after the anchoring paragraph; in a running
  // header they stay header text.
  void text_box(pugi::xml_node box, int depth) {
    flush_cell();
    Cell saved = std::move(cell_);
    Kind saved_kind = kind_;
    cell_ = Cell{};
    if (kind_ == Kind::kParagraph) kind_ = Kind::kTextBox;
    content(box, depth + 1);
    kind_ = saved_kind;
    cell_ = std::move(saved);
  }

  // One block per cell in row-major order; repeated columns and rows keep the numbering.
  void table(pugi::xml_node tbl, int depth) {
    if (depth > kMaxDepth) return;
    flush_cell();
    Cell saved = std::move(cell_);
    int row = 0;
    for (pugi::xml_node tr : rows(tbl)) {
      int col = 0;
      for (pugi::xml_node tc : tr.children()) {
        bool covered = named(tc, "table:covered-table-cell");
        if (!covered && !named(tc, "table:table-cell")) continue;
        int repeated =
            std::clamp(tc.attribute("table:number-columns-repeated").as_int(1), 1, kMaxRepeat);
        if (!covered) {
          cell_ = Cell{true, row, col, {}};
          content(tc, depth + 1);
          flush_cell();
        }
        col += repeated;
      }
      row += std::clamp(tr.attribute("table:number-rows-repeated").as_int(1), 1, kMaxRepeat);
    }
    cell_ = std::move(saved);
  }

  // Rows may be grouped (header rows, row groups).
  static std::vector<pugi::xml_node> rows(pugi::xml_node tbl) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node child : tbl.children()) {
      if (named(child, "table:table-row")) {
        out.push_back(child);
      } else if (named(child, "table:table-header-rows") || named(child, "table:table-rows") ||
                 named(child, "table:table-row-group")) {
        for (pugi::xml_node inner : rows(child)) out.push_back(inner);
      }
    }
    return out;
  }

  // A cell is one block when it ends, or before a nested table or text box splits it.
  void flush_cell() {
    if (!cell_.open) return;
    emit(Kind::kCell, std::move(cell_.text), cell_.row, cell_.col);
    cell_.text.clear();
  }

  void emit(Kind kind, std::string text, int row, int col) {
    add_block(blocks_, kind_, kind, std::move(text), row, col);
  }

  std::vector<TextBlock>& blocks_;
  std::vector<TextBlock>& notes_;
  Kind kind_;
  Cell cell_;
};

Result<pugi::xml_document> parse_part(const ZipArchive& zip, const std::string& name) {
  return parse_xml_part(zip, name, ".odt", "encrypted OpenDocument text");
}

// A password-protected .odt keeps its manifest readable and says which parts it encrypted.
bool is_encrypted(const ZipArchive& zip) {
  Result<std::string> manifest = zip.read("META-INF/manifest.xml", 16u << 20);
  return manifest.is_ok() && manifest->find("encryption-data") != std::string::npos;
}

// Running headers and footers of every master page, each text once (master pages often
// repeat the same header).
void read_master_pages(const ZipArchive& zip, ReadFile& file) {
  if (!zip.contains("styles.xml")) return;
  Result<pugi::xml_document> styles = parse_part(zip, "styles.xml");
  if (!styles.is_ok()) {
    file.warnings.push_back(styles.status().message());
    return;
  }
  std::vector<TextBlock> headers, footers, unused;
  pugi::xml_node masters = styles->child("office:document-styles").child("office:master-styles");
  for (pugi::xml_node page : masters.children("style:master-page")) {
    for (pugi::xml_node part : page.children()) {
      std::string_view name = part.name();
      if (name.starts_with("style:header") && !name.ends_with("-style")) {
        OdtWalker(headers, unused, Kind::kPageHeader).content(part, 0);
      } else if (name.starts_with("style:footer") && !name.ends_with("-style")) {
        OdtWalker(footers, unused, Kind::kPageFooter).content(part, 0);
      }
    }
  }
  for (std::vector<TextBlock>* part : {&headers, &footers}) {
    for (TextBlock& b : *part) {
      bool seen = std::any_of(file.blocks.begin(), file.blocks.end(), [&](const TextBlock& o) {
        return o.kind == b.kind && o.text == b.text;
      });
      if (!seen) file.blocks.push_back(std::move(b));
    }
  }
}

// An encrypted file is said so before its unreadable content.xml is tried.
Result<ReadFile> read_odt(std::string_view bytes) {
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::open(bytes);
  if (!zip.is_ok()) return Status::invalid_argument("damaged .odt: not a readable zip archive");
  const ZipArchive& archive = *zip.value();
  if (is_encrypted(archive)) return Status::invalid_argument("encrypted OpenDocument text");
  if (!archive.contains("content.xml")) {
    return Status::invalid_argument("damaged .odt: no content.xml");
  }
  Result<pugi::xml_document> content = parse_part(archive, "content.xml");
  if (!content.is_ok()) return content.status();
  pugi::xml_node text =
      content->child("office:document-content").child("office:body").child("office:text");
  if (!text) return Status::invalid_argument("damaged .odt: content.xml has no text body");

  ReadFile file;
  file.format = "odt";
  std::vector<TextBlock> body, notes;
  OdtWalker(body, notes, Kind::kParagraph).content(text, 0);
  read_master_pages(archive, file);
  std::vector<TextBlock> running = std::move(file.blocks);
  file.blocks.clear();
  // Headers first, then the body, footers and notes, as the .docx reader orders them.
  for (TextBlock& b : running) {
    if (b.kind == Kind::kPageHeader) file.blocks.push_back(std::move(b));
  }
  for (TextBlock& b : body) file.blocks.push_back(std::move(b));
  for (TextBlock& b : running) {
    if (b.kind == Kind::kPageFooter) file.blocks.push_back(std::move(b));
  }
  for (TextBlock& b : notes) file.blocks.push_back(std::move(b));
  return file;
}

// The reader registered for OpenDocument text.
class OdtReader : public Reader {
 public:
  std::string_view format() const override { return "odt"; }
  bool accepts(std::string_view mime, std::string_view extension) const override {
    if (mime == "application/vnd.oasis.opendocument.text" ||
        mime == "application/vnd.oasis.opendocument.text-template") {
      return true;
    }
    return (extension == ".odt" || extension == ".ott") &&
           (mime == "application/zip" || mime == "application/octet-stream");
  }
  Result<ReadFile> read(std::string_view bytes, const ReadOptions&) const override {
    try {
      return read_odt(bytes);
    } catch (const std::bad_alloc&) {
      return Status::invalid_argument(".odt too large to read");
    } catch (const std::exception& e) {
      return Status::invalid_argument(std::string("damaged .odt: ") + e.what());
    }
  }
};

}  // namespace

std::unique_ptr<Reader> make_odt_reader() { return std::make_unique<OdtReader>(); }

}  // namespace tracuu::intake
