// HTML, plain or saved by Word ("Web Page", often under a .doc name): the text of the body
// with block elements as paragraphs and table cells as cells. The bytes are taken to UTF-8
// from the charset the page declares (Windows-1258 and -1252 pages are common in old
// archives); entities are decoded. Word's conditional comments hold the VML copy of text
// boxes, whose other copy is ordinary HTML, so comments are skipped and the box read once.
#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>
#include <string>
#include <unordered_map>

#include "reader.hpp"
#include "utf8_text.hpp"

namespace tracuu::intake {
namespace {

using Kind = TextBlock::Kind;

// Tag and attribute names are matched case-insensitively, as HTML has them.
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The charset a page declares in <meta charset> or <meta http-equiv content="...charset=">,
// looked for where browsers look: near the start.
std::string declared_charset(std::string_view html) {
  std::string head = lower(html.substr(0, 8192));
  for (size_t at = head.find("charset"); at != std::string::npos;
       at = head.find("charset", at + 7)) {
    size_t v = at + 7;
    while (v < head.size() &&
           (head[v] == ' ' || head[v] == '=' || head[v] == '"' || head[v] == '\'')) {
      ++v;
    }
    size_t end = v;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                                 head[end] == '-' || head[end] == '_')) {
      ++end;
    }
    if (end > v && head.rfind("<meta", at) != std::string::npos) return head.substr(v, end - v);
  }
  return "";
}

// The encoding an XHTML page's XML declaration names (<?xml ... encoding="windows-1258"?>).
std::string prolog_encoding(std::string_view html) {
  std::string prolog = lower(html.substr(0, html.find("?>")));
  size_t at = prolog.find("encoding=");
  if (at == std::string::npos || at + 10 >= prolog.size()) return "";
  size_t start = at + 10, end = prolog.find(prolog[at + 9], start);
  return end == std::string::npos ? "" : prolog.substr(start, end - start);
}

// The page as UTF-8: a BOM first, then the declared charset; UTF-8 and undeclared pages stay
// as they are (the pipeline judges their bytes).
std::string page_as_utf8(std::string_view html) {
  std::string charset;
  if (html.starts_with("\xEF\xBB\xBF")) return std::string(html.substr(3));
  if (html.starts_with("\xFF\xFE")) charset = "UTF-16LE";
  if (html.starts_with("\xFE\xFF")) charset = "UTF-16BE";
  if (charset.empty()) charset = declared_charset(html);
  if (charset.empty() && html.starts_with("<?xml")) charset = prolog_encoding(html);
  if (charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "us-ascii") {
    return std::string(html);
  }
  if (charset == "iso-8859-1" || charset == "latin1") charset = "windows-1252";  // as browsers
  UErrorCode status = U_ZERO_ERROR;
  std::string out(html.size() * 3 + 4, '\0');
  int32_t length =
      ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()),
                   html.data(), static_cast<int32_t>(html.size()), &status);
  if (U_FAILURE(status)) return std::string(html);  // a charset ICU does not know
  out.resize(static_cast<size_t>(length));
  if (out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);
  return out;
}

// Entities by name: HTML's Latin-1 set (every Vietnamese vowel with a Latin-1 form), the
// Latin Extended-A letters Vietnamese uses, and the punctuation Word writes.
const std::unordered_map<std::string, char32_t>& named_entities() {
  static const std::unordered_map<std::string, char32_t> table = [] {
    static const char* const kLatin1[96] = {
        "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",
        "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn",
        "sup2",   "sup3",   "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",
        "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde",
        "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave",
        "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde",
        "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
        "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
        "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
        "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
        "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};
    std::unordered_map<std::string, char32_t> t;
    for (char32_t i = 0; i < 96; ++i) t[kLatin1[i]] = 0xA0 + i;
    const std::pair<const char*, char32_t> kOther[] = {
        {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
        {"apos", '\''},     {"Abreve", 0x102}, {"abreve", 0x103}, {"Dstrok", 0x110},
        {"dstrok", 0x111},  {"Itilde", 0x128}, {"itilde", 0x129}, {"Utilde", 0x168},
        {"utilde", 0x169},  {"OElig", 0x152},  {"oelig", 0x153},  {"ndash", 0x2013},
        {"mdash", 0x2014},  {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
        {"ldquo", 0x201C},  {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"bull", 0x2022},
        {"hellip", 0x2026}, {"prime", 0x2032}, {"euro", 0x20AC},  {"trade", 0x2122},
        {"larr", 0x2190},   {"rarr", 0x2192},  {"le", 0x2264},    {"ge", 0x2265},
        {"ne", 0x2260},     {"minus", 0x2212}, {"ensp", 0x2002},  {"emsp", 0x2003},
        {"thinsp", 0x2009}, {"zwnj", 0x200C},  {"zwj", 0x200D},   {"dagger", 0x2020},
        {"permil", 0x2030}, {"circ", 0x2C6},   {"tilde", 0x2DC},  {"fnof", 0x192}};
    for (const auto& [name, c] : kOther) t[name] = c;
    return t;
  }();
  return table;
}

// Numeric references in 0x80-0x9F mean Windows-1252 (as browsers read them).
char32_t numeric_reference(unsigned long n) {
  if (n >= 0x80 && n < 0xA0) return from_cp1252(static_cast<unsigned char>(n));
  if (n == 0 || n > 0x10FFFF || (n >= 0xD800 && n < 0xE000)) return 0xFFFD;
  return static_cast<char32_t>(n);
}

// Decodes the entity at text[at] == '&' into `out`; returns the characters it used (1 when
// it was no entity: the '&' is kept as written).
size_t decode_entity(std::string_view text, size_t at, std::string& out) {
  size_t i = at + 1;
  if (i < text.size() && text[i] == '#') {
    bool hex = i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X');
    size_t start = i + (hex ? 2 : 1), end = start;
    unsigned long n = 0;
    while (end < text.size() && end - start < 8 &&
           (hex ? std::isxdigit(static_cast<unsigned char>(text[end]))
                : std::isdigit(static_cast<unsigned char>(text[end])))) {
      n = n * (hex ? 16 : 10) +
          static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(text[end]))
                                         ? text[end] - '0'
                                         : std::tolower(static_cast<unsigned char>(text[end])) -
                                               'a' + 10);
      ++end;
    }
    if (end == start) {
      out.push_back('&');
      return 1;
    }
    append_utf8(out, numeric_reference(n));
    return end - at + (end < text.size() && text[end] == ';' ? 1 : 0);
  }
  size_t end = i;
  while (end < text.size() && end - i < 12 && std::isalnum(static_cast<unsigned char>(text[end]))) {
    ++end;
  }
  auto it = named_entities().find(std::string(text.substr(i, end - i)));
  if (end == i || it == named_entities().end()) {
    out.push_back('&');
    return 1;
  }
  append_utf8(out, it->second);
  return end - at + (end < text.size() && text[end] == ';' ? 1 : 0);
}

// Elements that begin a new line where a browser shows them.
bool is_block_element(const std::string& tag) {
  static const char* const kBlocks[] = {
      "p",          "div",        "h1",       "h2",      "h3",     "h4",     "h5",
      "h6",         "li",         "ul",       "ol",      "dl",     "dt",     "dd",
      "pre",        "blockquote", "section",  "article", "header", "footer", "address",
      "center",     "form",       "fieldset", "nav",     "main",   "aside",  "figure",
      "figcaption", "caption",    "hr",       "body",    "legend", "title"};
  return std::find_if(std::begin(kBlocks), std::end(kBlocks),
                      [&](const char* b) { return tag == b; }) != std::end(kBlocks);
}

// Elements whose content is not the page's text.
bool is_hidden_element(const std::string& tag) {
  return tag == "script" || tag == "style" || tag == "head" || tag == "xml" || tag == "template" ||
         tag == "noscript" || tag == "svg" || tag == "object" || tag == "select" || tag == "iframe";
}

// A start or end tag as far as the reader needs it.
struct Tag {
  std::string name;  // lower case, without '/'
  bool closing = false;
  std::string attributes;
};

// Builds blocks from the page's tags and text.
// One pass over the page: text between tags, with tables and marked divisions kept
// apart. Not a conforming HTML parser; enough for Word's and LibreOffice's pages and plain ones.
class HtmlParser {
 public:
  explicit HtmlParser(std::string_view html) : html_(html) {}

  // Reads the whole page; tables left open at the end are closed.
  std::vector<TextBlock> parse() {
    while (pos_ < html_.size()) {
      size_t lt = html_.find('<', pos_);
      if (lt == std::string_view::npos) lt = html_.size();
      text(html_.substr(pos_, lt - pos_));
      pos_ = lt;
      if (pos_ < html_.size()) markup();
    }
    while (!tables_.empty()) close_table();
    end_paragraph();
    return std::move(blocks_);
  }

 private:
  struct Table {
    int row = -1, col = 0;
    bool in_cell = false;
    int cell_row = 0, cell_col = 0;
  };

  // A '<' that opens markup (a tag, comment, doctype or Word's <![if]>), or a literal one.
  void markup() {
    if (html_.substr(pos_, 4) == "<!--") {
      size_t end = html_.find("-->", pos_ + 4);
      pos_ = end == std::string_view::npos ? html_.size() : end + 3;
      return;
    }
    size_t next = pos_ + 1;
    if (next >= html_.size() || !(std::isalpha(static_cast<unsigned char>(html_[next])) ||
                                  html_[next] == '/' || html_[next] == '!' || html_[next] == '?')) {
      text("<");
      ++pos_;
      return;
    }
    size_t end = html_.find('>', pos_);
    if (end == std::string_view::npos) end = html_.size();
    std::string_view inside = html_.substr(next, end - next);
    pos_ = std::min(end + 1, html_.size());
    if (inside.empty() || inside[0] == '!' || inside[0] == '?') return;  // doctype, <![if]>
    tag(parse_tag(inside));
  }

  // The name and the attributes' text, lower case.
  static Tag parse_tag(std::string_view inside) {
    Tag t;
    if (inside[0] == '/') {
      t.closing = true;
      inside.remove_prefix(1);
    }
    size_t n = 0;
    while (n < inside.size() && !std::isspace(static_cast<unsigned char>(inside[n])) &&
           inside[n] != '/') {
      ++n;
    }
    t.name = lower(inside.substr(0, n));
    t.attributes = lower(inside.substr(n));
    return t;
  }

  // What a tag does to the blocks: breaks, tables, cells, divisions, skipped content.
  void tag(const Tag& t) {
    if (is_hidden_element(t.name)) {
      if (!t.closing && !t.attributes.ends_with("/")) skip_element(t.name);
      return;
    }
    if (t.name == "br") {
      current_.append("\n");
    } else if (t.name == "table") {
      t.closing ? close_table() : open_table();
    } else if (t.name == "tr") {
      if (!tables_.empty()) {
        end_cell();
        if (!t.closing) {
          ++tables_.back().row;
          tables_.back().col = 0;
        }
      }
    } else if (t.name == "td" || t.name == "th") {
      if (tables_.empty()) return;
      end_cell();
      if (!t.closing) open_cell(t);
    } else if (t.name == "div") {
      block_break();
      if (t.closing) {
        if (!parts_.empty()) parts_.pop_back();
      } else {
        parts_.push_back(part_of(t.attributes).value_or(part()));
      }
    } else if (t.name == "a" && !t.closing && is_note_reference(t.attributes)) {
      skip_element("a");
    } else if (is_block_element(t.name) || t.name == "pre") {
      if (t.name == "pre") pre_ = !t.closing;
      block_break();
    }
  }

  // The running part or notes a <div> holds, as LibreOffice (title="header", id="sdfootnote1")
  // and Word (style="mso-element:footer") mark them; nullopt for any other div.
  static std::optional<Kind> part_of(const std::string& attributes) {
    if (attributes.find("title=\"header\"") != std::string::npos ||
        attributes.find("mso-element:header") != std::string::npos) {
      return Kind::kPageHeader;
    }
    if (attributes.find("title=\"footer\"") != std::string::npos ||
        attributes.find("mso-element:footer") != std::string::npos) {
      return Kind::kPageFooter;
    }
    if (attributes.find("sdfootnote") != std::string::npos ||
        attributes.find("sdendnote") != std::string::npos ||
        attributes.find("mso-element:footnote") != std::string::npos ||
        attributes.find("mso-element:endnote") != std::string::npos) {
      return Kind::kFootnote;
    }
    return std::nullopt;
  }

  // A note's number, in the text and before the note itself: not words of the document
  // ("45/KH-UBND¹" must not read "45/KH-UBND1").
  static bool is_note_reference(const std::string& attributes) {
    for (const char* mark :
         {"sdfootnote", "sdendnote", "mso-footnote-id", "mso-endnote-id", "#_ftn", "#_edn"}) {
      if (attributes.find(mark) != std::string::npos) return true;
    }
    return false;
  }

  // The kind of the innermost marked division: body text unless a header, footer or notes.
  Kind part() const { return parts_.empty() ? Kind::kParagraph : parts_.back(); }

  // Skips to the element's closing tag; script and style content is not markup.
  void skip_element(const std::string& name) {
    std::string needle = "</" + name;
    size_t at = pos_;
    while (true) {
      at = html_.find('<', at);
      if (at == std::string_view::npos) return;  // never closed: read on as text
      if (lower(html_.substr(at, needle.size())) == needle) break;
      ++at;
    }
    size_t end = html_.find('>', at);
    pos_ = end == std::string_view::npos ? html_.size() : end + 1;
  }

  // A nested table splits its cell, as in the Word readers.
  void open_table() {
    if (!tables_.empty() && tables_.back().in_cell) flush_cell_text();
    end_paragraph_outside_cells();
    tables_.push_back(Table{});
  }

  // A table's last cell ends with it, closed or not.
  void close_table() {
    if (tables_.empty()) return;
    end_cell();
    tables_.pop_back();
  }

  // A cell's row and column; colspan moves the next cell's column on.
  void open_cell(const Tag& t) {
    Table& table = tables_.back();
    if (table.row < 0) table.row = 0;
    table.in_cell = true;
    table.cell_row = table.row;
    table.cell_col = table.col;
    int span = 1;
    size_t at = t.attributes.find("colspan");
    if (at != std::string::npos) {
      size_t digit = t.attributes.find_first_of("0123456789", at);
      if (digit != std::string::npos && digit < at + 12) {
        span = std::clamp(std::atoi(t.attributes.c_str() + digit), 1, 1000);
      }
    }
    table.col += span;
  }

  // A cell ends at the next cell, row or table, closed or not.
  void end_cell() {
    if (tables_.empty() || !tables_.back().in_cell) return;
    flush_cell_text();
    tables_.back().in_cell = false;
  }

  // The cell's text so far as a block (in a running part, of that part's kind).
  void flush_cell_text() {
    const Table& table = tables_.back();
    add_block(part() == Kind::kParagraph ? Kind::kCell : part(), table.cell_row, table.cell_col);
  }

  // Whether text now goes to a cell.
  bool in_cell() const { return !tables_.empty() && tables_.back().in_cell; }

  // A block element: a new paragraph, or a new line inside a cell.
  void block_break() {
    if (in_cell()) {
      trim_end(current_);
      if (!current_.empty() && current_.back() != '\n') current_.push_back('\n');
    } else {
      end_paragraph();
    }
  }

  // A table opened in a paragraph ends the paragraph.
  void end_paragraph_outside_cells() {
    if (!in_cell()) end_paragraph();
  }

  // The gathered text as a block of the current part.
  void end_paragraph() { add_block(part(), -1, -1); }

  // Collapsed white space leaves a space at the end of a block.
  static void trim_end(std::string& s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  }

  // Whether text holds only spaces and no-break spaces (Word's <p>&nbsp;</p>).
  static bool is_blank(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') continue;
      if (text.substr(i, 2) == "\xC2\xA0") {
        ++i;
        continue;
      }
      return false;
    }
    return true;
  }

  // Blank blocks carry nothing the pipeline reads.
  void add_block(Kind kind, int row, int col) {
    trim_end(current_);
    while (!current_.empty() && current_.back() == '\n') current_.pop_back();
    if (!is_blank(current_)) {
      TextBlock block;
      block.kind = kind;
      block.text = std::move(current_);
      block.row = row;
      block.col = col;
      blocks_.push_back(std::move(block));
    }
    current_.clear();
  }

  // Text between tags: entities decoded, white space collapsed as a browser shows it.
  void text(std::string_view raw) {
    for (size_t i = 0; i < raw.size();) {
      char c = raw[i];
      if (c == '&') {
        i += decode_entity(raw, i, current_);
      } else if (!pre_ && (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f')) {
        if (!current_.empty() && current_.back() != ' ' && current_.back() != '\n') {
          current_.push_back(' ');
        }
        ++i;
      } else {
        current_.push_back(c);
        ++i;
      }
    }
  }

  std::string_view html_;
  size_t pos_ = 0;
  bool pre_ = false;
  std::string current_;
  std::vector<Table> tables_;
  std::vector<Kind> parts_;  // by open <div>: the body, a running part or notes
  std::vector<TextBlock> blocks_;
};

// Names a page arrives under when libmagic only says it is text.
bool is_html_extension(std::string_view extension) {
  return extension == ".html" || extension == ".htm" || extension == ".xhtml";
}

// The reader registered for web pages, including those named .doc.
class HtmlReader : public Reader {
 public:
  std::string_view format() const override { return "html"; }
  bool accepts(std::string_view mime, std::string_view extension) const override {
    return mime == "text/html" || mime == "application/xhtml+xml" ||
           (is_html_extension(extension) && mime.starts_with("text/"));
  }
  Result<ReadFile> read(std::string_view bytes, const ReadOptions&) const override {
    try {
      std::string page = page_as_utf8(bytes);
      ReadFile file;
      file.format = "html";
      file.blocks = HtmlParser(page).parse();
      return file;
    } catch (const std::exception& e) {
      return Status::invalid_argument(std::string("damaged web page: ") + e.what());
    }
  }
};

}  // namespace

std::unique_ptr<Reader> make_html_reader() { return std::make_unique<HtmlReader>(); }

}  // namespace tracuu::intake
