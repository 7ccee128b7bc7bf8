// Word 97-2003 (.doc) through antiword, the converter Debian ships that keeps tables as rows
// of cells. Legacy-font text (TCVN3 in .VnTime) comes out as cp1252 look-alikes, which the
// pipeline repairs; this reader leaves it as printed.
#include <cctype>
#include <exception>
#include <optional>

#include "antiword_text.hpp"
#include "ole_file.hpp"
#include "reader.hpp"
#include "run_program.hpp"

namespace tracuu::intake {
namespace {

using Kind = TextBlock::Kind;

// The line antiword prints between the body and the notes and text boxes it prints after it.
constexpr std::string_view kNotesSeparator = "-----------------------";

// antiword pads lines and cells with spaces to align its columns.
std::string_view trim(std::string_view s) {
  size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  size_t last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// Lines of a cell without the padding antiword aligns columns with.
std::string cell_text(std::string_view raw) {
  std::string out;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = std::min(raw.find('\n', start), raw.size());
    std::string_view line = trim(raw.substr(start, end - start));
    if (!line.empty() && line != "[pic]") {
      if (!out.empty()) out.push_back('\n');
      out.append(line);
    }
    start = end + 1;
  }
  return out;
}

// Gathers blocks line by line; plain lines wait until a blank line or a row says whether
// they open a row's first cell.
class AntiwordParser {
 public:
  // Takes antiword's lines one at a time, deciding rows as their bars show.
  void line(std::string_view line) {
    if (!row_text_.empty()) {
      row_text_ += '\n';
      row_text_ += line;
      if (ends_row(line)) finish_row();
      return;
    }
    std::string_view content = trim(line);
    if (content.empty()) {
      flush_paragraphs();
      return;
    }
    if (content == kNotesSeparator) {
      flush_paragraphs();
      after_body_ = true;
      return;
    }
    if (content.find('|') == std::string_view::npos) {
      pending_.emplace_back(content);
      return;
    }
    if (content.front() == '|') {
      flush_paragraphs();
      row_text_ = std::string(content);
    } else {
      for (const std::string& p : pending_) row_text_ += p + '\n';
      pending_.clear();
      row_text_ += content;
    }
    if (ends_row(content) && (content.size() > 1 || content.front() != '|')) finish_row();
  }

  // Whatever is pending at the end of the output is the document's too.
  std::vector<TextBlock> finish() {
    if (!row_text_.empty()) finish_row();
    flush_paragraphs();
    return std::move(blocks_);
  }

 private:
  // A row, one line or several, ends at a line whose last character is a bar.
  static bool ends_row(std::string_view line) {
    std::string_view t = trim(line);
    return !t.empty() && t.back() == '|';
  }

  // Plain lines that turned out not to open a row: a paragraph each.
  void flush_paragraphs() {
    for (std::string& p : pending_) {
      if (p == "[pic]") continue;
      TextBlock block;
      block.text = std::move(p);
      if (after_body_) {
        size_t marker = footnote_marker(block.text);
        block.kind = marker ? Kind::kFootnote : Kind::kTextBox;
        block.text.erase(0, marker);
      }
      blocks_.push_back(std::move(block));
      row_ = 0;
    }
    pending_.clear();
  }

  // The length of a leading "[12] " antiword puts before a note's text; 0 when none.
  static size_t footnote_marker(std::string_view text) {
    if (text.size() < 3 || text[0] != '[') return 0;
    size_t close = text.find(']');
    if (close == std::string_view::npos || close == 1 || close > 6) return 0;
    for (size_t i = 1; i < close; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return 0;
    }
    size_t end = close + 1;
    while (end < text.size() && text[end] == ' ') ++end;
    return end;
  }

  // Splits a row at its bars: the text before the first bar is the first cell, unless the
  // row opened with a bar; nothing follows the last bar.
  void finish_row() {
    std::string_view row = row_text_;
    if (!row.empty() && row.front() == '|') row.remove_prefix(1);
    if (!row.empty() && row.back() == '|') row.remove_suffix(1);
    int col = 0;
    size_t start = 0;
    while (start <= row.size()) {
      size_t bar = std::min(row.find('|', start), row.size());
      std::string text = cell_text(row.substr(start, bar - start));
      if (!text.empty()) {
        TextBlock block;
        block.kind = Kind::kCell;
        block.text = std::move(text);
        block.row = row_;
        block.col = col;
        blocks_.push_back(std::move(block));
      }
      ++col;
      start = bar + 1;
    }
    ++row_;
    row_text_.clear();
  }

  std::vector<TextBlock> blocks_;
  std::vector<std::string> pending_;
  std::string row_text_;
  int row_ = 0;  // the row's number in its table; a paragraph between rows starts a new table
  // After antiword's separator, footnotes ("[1] ...") and then text boxes follow the body.
  bool after_body_ = false;
};

// antiword reads from a file (it seeks); its messages give the reasons.
Result<ReadFile> read_doc(std::string_view bytes) {
  if (holds_encrypted_package(bytes)) return Status::invalid_argument("encrypted Word document");
  // A .docx saved under a .doc name that libmagic could not name.
  if (bytes.starts_with("PK\x03\x04")) return make_docx_reader()->read(bytes, ReadOptions{});
  if (!is_ole_file(bytes))
    return Status::invalid_argument("damaged Word document: not a Word file");
  Result<TempInput> input = TempInput::write(bytes, ".doc");
  if (!input.is_ok()) return input.status();
  Result<ProgramOutput> run =
      run_program({"antiword", "-m", "UTF-8.txt", "-w", "0", input->path()});
  if (!run.is_ok()) return run.status();
  if (run->err.find("Encrypted documents are not supported") != std::string::npos) {
    return Status::invalid_argument("encrypted Word document");
  }
  if (run->exit_code != 0) {
    if (run->err.find("is not a Word Document") != std::string::npos) {
      return Status::invalid_argument("damaged Word document: not a Word 97-2003 file");
    }
    return Status::invalid_argument("damaged Word document: antiword cannot read it");
  }
  ReadFile file;
  file.format = "doc";
  file.blocks = blocks_from_antiword(run->out);
  return file;
}

// Word 97-2003 documents and templates.
bool is_doc_extension(std::string_view extension) {
  return extension == ".doc" || extension == ".dot";
}

// The reader registered for Word 97-2003 files (OLE compound files).
class DocReader : public Reader {
 public:
  std::string_view format() const override { return "doc"; }
  bool accepts(std::string_view mime, std::string_view extension) const override {
    if (mime == "application/msword") return true;
    return is_doc_extension(extension) &&
           (mime == "application/x-ole-storage" || mime.starts_with("application/CDFV2") ||
            mime == "application/vnd.ms-office" || mime == "application/encrypted" ||
            mime == "application/octet-stream");
  }
  Result<ReadFile> read(std::string_view bytes, const ReadOptions&) const override {
    try {
      return read_doc(bytes);
    } catch (const std::exception& e) {
      return Status::invalid_argument(std::string("damaged Word document: ") + e.what());
    }
  }
};

}  // namespace

std::vector<TextBlock> blocks_from_antiword(std::string_view output) {
  AntiwordParser parser;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = std::min(output.find('\n', start), output.size());
    parser.line(output.substr(start, end - start));
    start = end + 1;
  }
  return parser.finish();
}

std::unique_ptr<Reader> make_doc_reader() { return std::make_unique<DocReader>(); }

}  // namespace tracuu::intake
