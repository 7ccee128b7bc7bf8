// Word 2007+ (.docx): the text of word/document.xml's body in reading order, with the parts
// beside it (running headers and footers, footnotes and endnotes). The element names are
// WordprocessingML's conventional prefixes (w:, mc:), which every writer seen uses.
#include <algorithm>
#include <cstring>
#include <exception>
#include <pugixml.hpp>

#include "office_xml.hpp"
#include "ole_file.hpp"
#include "reader.hpp"
#include "zip_archive.hpp"

namespace tracuu::intake {
namespace {

using Kind = TextBlock::Kind;

// Deeper nesting (tables in boxes in tables...) than any real document has is a crafted file:
// its deeper content is left out rather than followed into a stack overflow.
constexpr int kMaxDepth = 48;

// pugixml does not resolve namespaces: elements are matched by their qualified name.
bool named(pugi::xml_node node, const char* name) { return std::strcmp(node.name(), name) == 0; }

// Markup-compatibility elements by local name: Word 2007 bound their namespace to "ve:",
// later versions to "mc:".
bool is_compat(pugi::xml_node node, const char* local) {
  const char* name = node.name();
  const char* colon = std::strchr(name, ':');
  return std::strcmp(colon ? colon + 1 : name, local) == 0;
}

// The branch modern readers take; its mc:Fallback repeats the same content for old ones.
pugi::xml_node choice_of(pugi::xml_node alternate) {
  for (pugi::xml_node child : alternate.children()) {
    if (is_compat(child, "Choice")) return child;
  }
  return {};
}

// Walks one part's block-level content (a body, a cell, a text box, a header) and emits its
// blocks. Paragraphs in a table cell are gathered into the cell's one block, so that the
// header table's [issuer | motto] cells stay apart and whole.
class PartWalker {
 public:
  PartWalker(std::vector<TextBlock>& blocks, Kind kind) : blocks_(blocks), kind_(kind) {}

  // Block-level content in document order; content controls and
  // inserted revisions are read through, since their text is the document's.
  void content(pugi::xml_node container, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node child : container.children()) {
      if (named(child, "w:p")) {
        paragraph(child, depth);
      } else if (named(child, "w:tbl")) {
        table(child, depth);
      } else if (named(child, "w:sdt")) {
        content(child.child("w:sdtContent"), depth + 1);
      } else if (named(child, "w:customXml") || named(child, "w:ins")) {
        content(child, depth + 1);
      } else if (is_compat(child, "AlternateContent")) {
        content(choice_of(child), depth + 1);
      }
    }
  }

 private:
  // Where a paragraph's text goes: its own block, or the cell being gathered.
  struct Place {
    bool in_cell = false;
    int row = -1, col = -1;
    std::string cell_text;
  };

  // One block per paragraph, or one more line of the cell being gathered.
  void paragraph(pugi::xml_node p, int depth) {
    std::string text;
    std::vector<pugi::xml_node> boxes;
    runs(p, text, boxes, depth);
    if (place_.in_cell) {
      if (!place_.cell_text.empty()) place_.cell_text.push_back('\n');
      place_.cell_text += text;
    } else {
      emit(kind_, std::move(text), -1, -1);
    }
    for (pugi::xml_node box : boxes) text_box(box, depth);
  }

  // A text box's paragraphs are blocks of their own, between the paragraph that anchors
  // it and the next; in a running header they stay header text.
  void text_box(pugi::xml_node box, int depth) {
    flush_cell();
    Place saved = std::move(place_);
    Kind saved_kind = kind_;
    place_ = Place{};
    if (kind_ == Kind::kParagraph || kind_ == Kind::kCell) kind_ = Kind::kTextBox;
    content(box, depth + 1);
    kind_ = saved_kind;
    place_ = std::move(saved);
  }

  // The text of a paragraph's runs, joined as written: Word splits words across runs at any
  // change of formatting or revision, so no space is added between them.
  void runs(pugi::xml_node node, std::string& text, std::vector<pugi::xml_node>& boxes, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node child : node.children()) {
      const char* name = child.name();
      if (named(child, "w:r")) {
        run(child, text, boxes, depth);
      } else if (named(child, "w:del") || named(child, "w:moveFrom") || named(child, "w:pPr")) {
        continue;  // deleted revisions are not the document's text
      } else if (is_compat(child, "AlternateContent")) {
        runs(choice_of(child), text, boxes, depth + 1);
      } else if (std::strncmp(name, "w:", 2) == 0) {
        // w:ins, w:hyperlink, w:smartTag, w:fldSimple, w:sdt/w:sdtContent, w:customXml...
        runs(child, text, boxes, depth + 1);
      }
    }
  }

  // A run's text, tabs and breaks; drawings in it may hold text boxes.
  void run(pugi::xml_node r, std::string& text, std::vector<pugi::xml_node>& boxes, int depth) {
    if (is_hidden(r)) return;
    for (pugi::xml_node child : r.children()) {
      if (named(child, "w:t")) {
        text += child.text().get();
      } else if (named(child, "w:tab") || named(child, "w:ptab")) {
        text.push_back('\t');
      } else if (named(child, "w:br") || named(child, "w:cr")) {
        text.push_back('\n');
      } else if (named(child, "w:noBreakHyphen")) {
        text.push_back('-');
      } else if (named(child, "w:drawing") || named(child, "w:pict") ||
                 is_compat(child, "AlternateContent") || named(child, "w:object")) {
        find_text_boxes(child, boxes, depth + 1);
      }
    }
  }

  // Hidden text (w:vanish) is neither shown nor printed: not the document's text.
  static bool is_hidden(pugi::xml_node r) {
    pugi::xml_node vanish = r.child("w:rPr").child("w:vanish");
    if (!vanish) return false;
    std::string_view val = vanish.attribute("w:val").value();
    return val != "0" && val != "false" && val != "off";
  }

  // Text boxes drawn in a run. The mc:Fallback of an AlternateContent is the same box again
  // for old readers (VML), so only mc:Choice is looked into.
  static void find_text_boxes(pugi::xml_node node, std::vector<pugi::xml_node>& boxes, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node child : node.children()) {
      if (is_compat(child, "Fallback")) continue;
      if (named(child, "w:txbxContent")) {
        boxes.push_back(child);
      } else {
        find_text_boxes(child, boxes, depth + 1);
      }
    }
  }

  // One block per cell, in row-major order; a merged cell's column is where it starts.
  void table(pugi::xml_node tbl, int depth) {
    if (depth > kMaxDepth) return;
    flush_cell();
    Place saved = std::move(place_);
    int row = 0;
    for (pugi::xml_node tr : rows(tbl)) {
      int col = 0;
      for (pugi::xml_node tc : cells(tr)) {
        place_ = Place{true, row, col, {}};
        content(tc, depth + 1);
        flush_cell();
        col += std::max(1, tc.child("w:tcPr").child("w:gridSpan").attribute("w:val").as_int(1));
      }
      ++row;
    }
    place_ = std::move(saved);
  }

  // Rows and cells may sit inside content controls or custom XML.
  static std::vector<pugi::xml_node> rows(pugi::xml_node tbl) { return wrapped(tbl, "w:tr"); }
  static std::vector<pugi::xml_node> cells(pugi::xml_node tr) { return wrapped(tr, "w:tc"); }

  static std::vector<pugi::xml_node> wrapped(pugi::xml_node parent, const char* name) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node child : parent.children()) {
      if (named(child, name)) {
        out.push_back(child);
      } else if (named(child, "w:sdt")) {
        for (pugi::xml_node inner : child.child("w:sdtContent").children(name)) {
          out.push_back(inner);
        }
      } else if (named(child, "w:customXml")) {
        for (pugi::xml_node inner : child.children(name)) out.push_back(inner);
      }
    }
    return out;
  }

  // A cell is one block when it ends, or before a nested table or text box splits it.
  void flush_cell() {
    if (!place_.in_cell) return;
    emit(Kind::kCell, std::move(place_.cell_text), place_.row, place_.col);
    place_.cell_text.clear();
  }

  void emit(Kind kind, std::string text, int row, int col) {
    add_block(blocks_, kind_, kind, std::move(text), row, col);
  }

  std::vector<TextBlock>& blocks_;
  Kind kind_;
  Place place_;
};

Result<pugi::xml_document> parse_part(const ZipArchive& zip, const std::string& name) {
  return parse_xml_part(zip, name, ".docx", "encrypted Word document");
}

// The number in "word/header12.xml", so that parts come in the order Word numbered them.
int part_number(const std::string& name) {
  size_t digits = name.find_first_of("0123456789");
  return digits == std::string::npos ? 0 : std::atoi(name.c_str() + digits);
}

// The parts Word numbers under one name (header1.xml, header2.xml...).
std::vector<std::string> parts_named(const ZipArchive& zip, const std::string& prefix) {
  std::vector<std::string> out;
  for (const std::string& name : zip.names()) {
    if (name.rfind(prefix, 0) == 0 && name.size() > 4 && name.ends_with(".xml") &&
        name.find('/', prefix.size()) == std::string::npos) {
      out.push_back(name);
    }
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return part_number(a) < part_number(b);
  });
  return out;
}

// Running headers or footers: each part's content, in part order. A damaged one is a loss,
// not a reason to give up the body.
void read_running_parts(const ZipArchive& zip, const std::string& prefix, const char* root,
                        Kind kind, ReadFile& file) {
  for (const std::string& name : parts_named(zip, prefix)) {
    Result<pugi::xml_document> part = parse_part(zip, name);
    if (!part.is_ok()) {
      file.warnings.push_back(part.status().message());
      continue;
    }
    PartWalker(file.blocks, kind).content(part->child(root), 0);
  }
}

// Footnotes or endnotes, leaving out the separator lines Word keeps as notes of their own.
void read_notes(const ZipArchive& zip, const std::string& name, const char* root, const char* note,
                ReadFile& file) {
  if (!zip.contains(name)) return;
  Result<pugi::xml_document> part = parse_part(zip, name);
  if (!part.is_ok()) {
    file.warnings.push_back(part.status().message());
    return;
  }
  for (pugi::xml_node n : part->child(root).children(note)) {
    std::string_view type = n.attribute("w:type").value();
    if (!type.empty() && type != "normal") continue;
    PartWalker(file.blocks, Kind::kFootnote).content(n, 0);
  }
}

// Running headers first (they open each page), the body, footers, then notes.
Result<ReadFile> read_docx(std::string_view bytes) {
  if (holds_encrypted_package(bytes)) return Status::invalid_argument("encrypted Word document");
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::open(bytes);
  if (!zip.is_ok()) return Status::invalid_argument("damaged .docx: not a readable zip archive");
  const ZipArchive& archive = *zip.value();
  if (!archive.contains("word/document.xml")) {
    return Status::invalid_argument("damaged .docx: no word/document.xml");
  }
  Result<pugi::xml_document> document = parse_part(archive, "word/document.xml");
  if (!document.is_ok()) return document.status();
  pugi::xml_node body = document->child("w:document").child("w:body");
  if (!body) return Status::invalid_argument("damaged .docx: word/document.xml has no body");

  ReadFile file;
  file.format = "docx";
  read_running_parts(archive, "word/header", "w:hdr", Kind::kPageHeader, file);
  PartWalker(file.blocks, Kind::kParagraph).content(body, 0);
  read_running_parts(archive, "word/footer", "w:ftr", Kind::kPageFooter, file);
  read_notes(archive, "word/footnotes.xml", "w:footnotes", "w:footnote", file);
  read_notes(archive, "word/endnotes.xml", "w:endnotes", "w:endnote", file);
  return file;
}

// Names under which Word packages arrive, including the .doc that is really a .docx.
bool is_word_extension(std::string_view extension) {
  return extension == ".docx" || extension == ".docm" || extension == ".dotx" ||
         extension == ".dotm" || extension == ".doc";
}

// The reader registered for Word 2007+ packages.
class DocxReader : public Reader {
 public:
  std::string_view format() const override { return "docx"; }
  bool accepts(std::string_view mime, std::string_view extension) const override {
    if (mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
        mime == "application/vnd.ms-word.document.macroEnabled.12" ||
        mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.template") {
      return true;
    }
    // A zip libmagic could not name, or a password-protected package (an OLE file); whether
    // it is a Word document read() tells. An OLE .doc is the Word 97 reader's.
    if (mime == "application/zip" || mime == "application/encrypted") {
      return is_word_extension(extension);
    }
    if (mime == "application/octet-stream") return extension == ".docx" || extension == ".docm";
    return extension == ".docx" && mime.starts_with("application/CDFV2");
  }
  Result<ReadFile> read(std::string_view bytes, const ReadOptions&) const override {
    try {
      return read_docx(bytes);
    } catch (const std::bad_alloc&) {
      return Status::invalid_argument(".docx too large to read");
    } catch (const std::exception& e) {
      return Status::invalid_argument(std::string("damaged .docx: ") + e.what());
    }
  }
};

}  // namespace

std::unique_ptr<Reader> make_docx_reader() { return std::make_unique<DocxReader>(); }

}  // namespace tracuu::intake
