// RTF: an own small reader, because unrtf turns every non-ASCII letter into '?' in text mode
// and drops the letter after a literal-'?' fallback ("C\u7896?NG" gives "CỘ"). It follows
// groups and control words, decodes \uN (with its \ucN fallback skipped) and \'hh bytes by
// the current font's charset, and keeps table cells, running headers/footers and footnotes
// apart. Bytes in TCVN3/VNI fonts (.VnTime, VNI-Times) stay cp1252 look-alikes: the pipeline
// tells and repairs them from the text.
#include <strings.h>
#include <unicode/ucnv.h>

#include <cctype>
#include <cstring>
#include <exception>
#include <map>

#include "reader.hpp"
#include "utf8_text.hpp"

namespace tracuu::intake {
namespace {

using Kind = TextBlock::Kind;

// Deeper nesting is a crafted file: groups past it are read as skipped.
constexpr size_t kMaxGroupDepth = 1024;

// The Windows code page of an RTF \fcharset.
int codepage_of_charset(int charset) {
  switch (charset) {
    case 128:
      return 932;
    case 129:
      return 949;
    case 134:
      return 936;
    case 136:
      return 950;
    case 161:
      return 1253;
    case 162:
      return 1254;
    case 163:
      return 1258;
    case 177:
      return 1255;
    case 178:
      return 1256;
    case 186:
      return 1257;
    case 204:
      return 1251;
    case 222:
      return 874;
    case 238:
      return 1250;
    default:
      return 0;  // the document's \ansicpg
  }
}

// Converts bytes of a code page with ICU; cp1252 (and legacy-font bytes) by the table above.
void append_bytes(std::string& out, const std::string& bytes, int codepage) {
  if (codepage == 1252 || codepage <= 0) {
    for (unsigned char b : bytes) append_utf8(out, from_cp1252(b));
    return;
  }
  std::string name = "windows-" + std::to_string(codepage);
  UErrorCode status = U_ZERO_ERROR;
  std::string converted(bytes.size() * 4 + 4, '\0');
  int32_t length =
      ucnv_convert("UTF-8", name.c_str(), converted.data(), static_cast<int32_t>(converted.size()),
                   bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    for (unsigned char b : bytes) append_utf8(out, from_cp1252(b));
    return;
  }
  out.append(converted.data(), static_cast<size_t>(length));
}

struct Font {
  int charset = 0;
  std::string name;
};

// The font names whose bytes are Vietnamese legacy encodings drawn with Latin code points.
bool is_legacy_vietnamese_font(const std::string& name) {
  auto starts = [&](const char* prefix) {
    return strncasecmp(name.c_str(), prefix, std::strlen(prefix)) == 0;
  };
  return starts(".Vn") || starts("VNI-") || starts("VNI ");
}

// What a group holds, saved and restored with it.
struct GroupState {
  int font = -1;
  int uc = 1;         // fallback characters after each \uN
  bool skip = false;  // a destination whose text is not the document's
  bool in_fonttbl = false;
  bool in_upr = false;           // \upr: the ANSI copy of what its \*\ud holds in Unicode
  bool in_table = false;         // \intbl: the paragraph is in a table cell
  bool deleted = false;          // \deleted: a tracked deletion, not the document's text
  Kind sink = Kind::kParagraph;  // body, header, footer, footnote or text box
};

// One pass over the RTF: a stack of group states, text gathered per destination
// (body, header, footer, note, text box) and emitted as blocks when they end.
class RtfParser {
 public:
  explicit RtfParser(std::string_view rtf) : rtf_(rtf) {}

  // Reads the whole file; unbalanced braces and a missing end are read as far as they go.
  std::vector<TextBlock> parse() {
    while (pos_ < rtf_.size()) {
      char c = rtf_[pos_++];
      if (c == '{') {
        open_group();
      } else if (c == '}') {
        close_group();
      } else if (c == '\\') {
        control();
      } else if (c != '\r' && c != '\n') {
        character(static_cast<unsigned char>(c));
      }
    }
    flush_bytes();
    for (Kind sink : {Kind::kPageHeader, Kind::kPageFooter, Kind::kFootnote, Kind::kTextBox,
                      Kind::kParagraph}) {
      end_paragraph(sink);
    }
    return std::move(blocks_);
  }

 private:
  // The innermost group's state: what the next character is.
  GroupState& state() { return stack_.back(); }

  // A group inherits its parent's state; past the depth bound it is skipped.
  void open_group() {
    flush_bytes();
    skip_fallback_ = 0;
    GroupState next = state();
    if (stack_.size() >= kMaxGroupDepth) next.skip = true;
    stack_.push_back(next);
    starred_ = false;
  }

  // The state comes back; a destination that ends gives its last paragraph.
  void close_group() {
    flush_bytes();
    skip_fallback_ = 0;
    if (stack_.size() <= 1) return;  // unbalanced: read on
    Kind sink = state().sink;
    bool skipped = state().skip;
    stack_.pop_back();
    // A header, footer, note or text box ends with its group.
    if (!skipped && sink != state().sink) end_paragraph(sink);
  }

  // A character of text, or of a \uN fallback being skipped.
  void character(unsigned char c) {
    if (skip_fallback_ > 0) {
      --skip_fallback_;
      return;
    }
    if (state().skip) return;
    if (state().in_fonttbl) {
      font_name_char(c);
      return;
    }
    if (state().deleted) return;
    if (c >= 0x80) {
      pending_bytes_.push_back(static_cast<char>(c));
      pending_codepage_ = codepage();
      return;
    }
    flush_bytes();
    text().push_back(static_cast<char>(c));
  }

  // Font names, so legacy Vietnamese fonts can be told by name.
  void font_name_char(unsigned char c) {
    if (c == ';') {
      defining_font_ = -1;
    } else if (defining_font_ >= 0) {
      fonts_[defining_font_].name.push_back(static_cast<char>(c));
      if (fonts_[defining_font_].name.size() == 1 && c == ' ') fonts_[defining_font_].name.clear();
    }
  }

  // The code page \'hh bytes of the current font are in.
  int codepage() {
    int font = state().font >= 0 ? state().font : default_font_;
    auto it = fonts_.find(font);
    if (it != fonts_.end()) {
      if (is_legacy_vietnamese_font(it->second.name)) return 1252;
      if (it->second.charset == 2) return 1252;  // symbol fonts: no letters to recover
      int cp = codepage_of_charset(it->second.charset);
      if (cp) return cp;
    }
    return ansi_codepage_;
  }

  // Bytes are converted in runs, so multi-byte code pages get whole characters.
  void flush_bytes() {
    if (pending_bytes_.empty()) return;
    append_bytes(text(), pending_bytes_, pending_codepage_);
    pending_bytes_.clear();
  }

  // The text being gathered for the current destination.
  std::string& text() { return text_[sink_index(state().sink)]; }

  // One buffer per kind of block.
  static size_t sink_index(Kind kind) { return static_cast<size_t>(kind); }

  // A control word (letters, optional signed number, optional space) or symbol.
  void control() {
    if (pos_ >= rtf_.size()) return;
    char c = rtf_[pos_];
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      ++pos_;
      symbol(c);
      return;
    }
    size_t start = pos_;
    while (pos_ < rtf_.size() && pos_ - start < 32 &&
           std::isalpha(static_cast<unsigned char>(rtf_[pos_]))) {
      ++pos_;
    }
    std::string word(rtf_.substr(start, pos_ - start));
    bool has_param = false;
    long param = 0;
    bool negative = false;
    if (pos_ < rtf_.size() && rtf_[pos_] == '-') {
      negative = true;
      ++pos_;
    }
    size_t digits = 0;
    while (pos_ < rtf_.size() && std::isdigit(static_cast<unsigned char>(rtf_[pos_])) &&
           digits < 10) {
      param = param * 10 + (rtf_[pos_++] - '0');
      ++digits;
      has_param = true;
    }
    if (negative) param = -param;
    if (pos_ < rtf_.size() && rtf_[pos_] == ' ') ++pos_;
    if (word == "bin") {  // binary data: its bytes are not RTF
      pos_ += std::min(rtf_.size() - pos_, static_cast<size_t>(std::max(0L, param)));
      return;
    }
    if (skip_fallback_ > 0) {
      --skip_fallback_;
      return;
    }
    bool starred = starred_;
    starred_ = false;
    control_word(word, has_param ? param : -1, has_param, starred);
  }

  // Control symbols: \'hh bytes, escaped braces, \~ and the other one-character words.
  void symbol(char c) {
    if (c == '\'') {
      unsigned value = 0;
      int got = 0;
      while (got < 2 && pos_ < rtf_.size() &&
             std::isxdigit(static_cast<unsigned char>(rtf_[pos_]))) {
        char h = static_cast<char>(std::tolower(static_cast<unsigned char>(rtf_[pos_++])));
        value = value * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : h - 'a' + 10);
        ++got;
      }
      if (skip_fallback_ > 0) {
        --skip_fallback_;
        return;
      }
      if (state().skip) return;
      if (state().in_fonttbl) {
        font_name_char(static_cast<unsigned char>(value));
        return;
      }
      if (state().deleted) return;
      int cp = codepage();
      if (!pending_bytes_.empty() && cp != pending_codepage_) flush_bytes();
      pending_bytes_.push_back(static_cast<char>(value));
      pending_codepage_ = cp;
      return;
    }
    if (skip_fallback_ > 0) {
      --skip_fallback_;
      return;
    }
    switch (c) {
      case '*':
        starred_ = true;
        return;
      case '\\':
      case '{':
      case '}':
        character(static_cast<unsigned char>(c));
        return;
      case '~':
        emit(U'\u00A0');
        return;
      case '_':
        emit(U'-');
        return;
      case '\n':
      case '\r':
        control_word("par", -1, false, false);
        return;
      case '\t':
        emit(U'\t');
        return;
      default:
        return;  // \- optional hyphen, \: index sub-entry, \| formula
    }
  }

  // A character of the document's text, unless the group is not text.
  void emit(char32_t c) {
    if (state().skip || state().in_fonttbl || state().deleted) return;
    flush_bytes();
    append_utf8(text(), c);
  }

  // \uN: a UTF-16 unit, signed; surrogate pairs come as two.
  void unicode(long n) {
    char32_t unit = static_cast<char32_t>(n < 0 ? n + 65536 : n) & 0xFFFF;
    if (unit >= 0xD800 && unit < 0xDC00) {
      high_surrogate_ = unit;
    } else if (unit >= 0xDC00 && unit < 0xE000 && high_surrogate_) {
      emit(0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00));
      high_surrogate_ = 0;
    } else {
      high_surrogate_ = 0;
      emit(unit);
    }
    skip_fallback_ = state().uc;
  }

  // Unknown starred destinations are skipped, as the specification asks.
  void control_word(const std::string& w, long param, bool has_param, bool starred) {
    GroupState& s = state();
    if (starred && w != "ud" && w != "shpinst" && w != "footnote") {
      s.skip = true;
      return;
    }
    if (w == "u" && has_param) return unicode(param);
    if (w == "uc" && has_param) {
      s.uc = static_cast<int>(std::max(0L, param));
    } else if (w == "ansicpg" && has_param) {
      ansi_codepage_ = static_cast<int>(param);
    } else if (w == "deff" && has_param) {
      default_font_ = static_cast<int>(param);
    } else if (w == "fonttbl") {
      s.in_fonttbl = true;
    } else if (w == "f" && has_param) {
      flush_bytes();
      if (s.in_fonttbl) {
        defining_font_ = static_cast<int>(param);
        fonts_[defining_font_];
      } else {
        s.font = static_cast<int>(param);
      }
    } else if (w == "fcharset" && has_param && s.in_fonttbl && defining_font_ >= 0) {
      fonts_[defining_font_].charset = static_cast<int>(param);
    } else if (w == "deleted" || w == "v") {
      flush_bytes();  // a tracked deletion, or hidden text: neither is on the page
      s.deleted = param != 0;
    } else if (w == "plain") {
      s.font = default_font_;
    } else if (skipped_destination(w)) {
      s.skip = true;
    } else if (w == "upr") {
      s.in_upr = true;
      s.skip = true;
    } else if (w == "ud") {
      if (s.in_upr) s.skip = false;
    } else if (!s.skip) {
      layout(w, param);
    }
  }

  // Destinations whose text is not the document's (tables of fonts and styles,
  // metadata, pictures, field codes, shape properties, fallback copies).
  static bool skipped_destination(const std::string& w) {
    static const char* const kSkipped[] = {"colortbl",     "stylesheet", "info",
                                           "pict",         "objdata",    "objclass",
                                           "objname",      "listtable",  "listoverridetable",
                                           "revtbl",       "filetbl",    "rsidtbl",
                                           "generator",    "themedata",  "colorschememapping",
                                           "latentstyles", "datastore",  "xmlnstbl",
                                           "annotation",   "atnid",      "atnauthor",
                                           "xe",           "tc",         "sp",
                                           "shprslt",      "nonshppict", "fldinst",
                                           "template",     "do",         "pgdsctbl",
                                           "mmathPr",      "defchp",     "defpap"};
    for (const char* s : kSkipped) {
      if (w == s) return true;
    }
    return false;
  }

  // Words that shape the text: paragraphs, cells, running parts, special characters.
  void layout(const std::string& w, long param) {
    GroupState& s = state();
    if (w == "par" || w == "sect" || w == "page") {
      flush_bytes();
      if (s.in_table && s.sink == Kind::kParagraph) {
        text().push_back('\n');
      } else {
        end_paragraph(s.sink);
      }
    } else if (w == "line") {
      emit(U'\n');
    } else if (w == "tab") {
      emit(U'\t');
    } else if (w == "pard") {
      s.in_table = false;
    } else if (w == "intbl" || (w == "itap" && param > 0)) {
      s.in_table = true;
    } else if (w == "cell" || w == "nestcell") {
      end_cell();
    } else if (w == "row" || w == "nestrow") {
      flush_bytes();
      ++row_;
      col_ = 0;
    } else if (w == "header" || w == "headerl" || w == "headerr" || w == "headerf") {
      s.sink = Kind::kPageHeader;
      s.in_table = false;
    } else if (w == "footer" || w == "footerl" || w == "footerr" || w == "footerf") {
      s.sink = Kind::kPageFooter;
      s.in_table = false;
    } else if (w == "footnote") {
      s.sink = Kind::kFootnote;
      s.in_table = false;
    } else if (w == "shptxt") {
      s.sink = Kind::kTextBox;
      s.in_table = false;
    } else if (const char32_t* c = special_character(w)) {
      emit(*c);
    }
  }

  // Words that stand for a character.
  static const char32_t* special_character(const std::string& w) {
    static const std::map<std::string, char32_t> kSpecial = {
        {"emdash", U'\u2014'},    {"endash", U'\u2013'}, {"bullet", U'\u2022'},
        {"lquote", U'\u2018'},    {"rquote", U'\u2019'}, {"ldblquote", U'\u201C'},
        {"rdblquote", U'\u201D'}, {"emspace", U' '},     {"enspace", U' '},
        {"qmspace", U' '},        {"zwj", U'\u200D'},    {"zwnj", U'\u200C'}};
    auto it = kSpecial.find(w);
    return it == kSpecial.end() ? nullptr : &it->second;
  }

  // A cell is one block; the next cell is the next column.
  void end_cell() {
    flush_bytes();
    std::string& t = text();
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
    Kind kind = state().sink == Kind::kParagraph ? Kind::kCell : state().sink;
    add_block(kind, std::move(t), row_, col_);
    t.clear();
    ++col_;
  }

  // The paragraph gathered for `sink` becomes a block.
  void end_paragraph(Kind sink) {
    if (sink == state().sink) flush_bytes();
    std::string& t = text_[sink_index(sink)];
    if (sink == Kind::kParagraph && t.find_first_not_of(" \t\n") != std::string::npos) {
      row_ = 0;  // a paragraph between rows: the next row opens another table
      col_ = 0;
    }
    add_block(sink, std::move(t), -1, -1);
    t.clear();
  }

  // Empty paragraphs and cells carry nothing the pipeline reads.
  void add_block(Kind kind, std::string text, int row, int col) {
    if (text.find_first_not_of(" \t\n") == std::string::npos) return;
    TextBlock block;
    block.kind = kind;
    block.text = std::move(text);
    block.row = row;
    block.col = col;
    blocks_.push_back(std::move(block));
  }

  std::string_view rtf_;
  size_t pos_ = 0;
  std::vector<GroupState> stack_{GroupState{}};
  std::map<int, Font> fonts_;
  int defining_font_ = -1;
  int default_font_ = 0;
  int ansi_codepage_ = 1252;
  bool starred_ = false;
  int skip_fallback_ = 0;
  char32_t high_surrogate_ = 0;
  std::string pending_bytes_;
  int pending_codepage_ = 1252;
  std::string text_[6];  // by sink (TextBlock::Kind)
  int row_ = 0, col_ = 0;
  std::vector<TextBlock> blocks_;
};

// The reader registered for RTF, whatever the file is named.
class RtfReader : public Reader {
 public:
  std::string_view format() const override { return "rtf"; }
  bool accepts(std::string_view mime, std::string_view extension) const override {
    return mime == "text/rtf" || mime == "application/rtf" ||
           (extension == ".rtf" && (mime == "text/plain" || mime == "application/octet-stream"));
  }
  Result<ReadFile> read(std::string_view bytes, const ReadOptions&) const override {
    if (!bytes.starts_with("{\\rtf")) {
      return Status::invalid_argument("damaged RTF document: it does not start as RTF");
    }
    try {
      ReadFile file;
      file.format = "rtf";
      file.blocks = RtfParser(bytes).parse();
      return file;
    } catch (const std::exception& e) {
      return Status::invalid_argument(std::string("damaged RTF document: ") + e.what());
    }
  }
};

}  // namespace

std::unique_ptr<Reader> make_rtf_reader() { return std::make_unique<RtfReader>(); }

}  // namespace tracuu::intake
