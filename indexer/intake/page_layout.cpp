#include "page_layout.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "tracuu/normalize.hpp"

namespace tracuu::intake {
namespace {

// The code points of a UTF-8 string; lines are short, so decoding them whole is cheap.
std::u32string code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

// Lines from poppler and tesseract carry stray spaces at their ends.
std::string_view trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n\f\v");
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(" \t\r\n\f\v");
  return s.substr(b, e - b + 1);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// Letters of Vietnamese beyond ASCII: precomposed vowels with marks, ă â đ ê ô ơ ư, and the
// combining marks of "Unicode tổ hợp" text.
bool is_vietnamese_letter(char32_t c) {
  static constexpr std::u32string_view kOutsideBlock =
      U"ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư\u0323";
  if (c >= 0x1EA0 && c <= 0x1EF9) return true;  // Latin Extended Additional: ạ ả ấ … ỹ
  if (c >= 0x0300 && c <= 0x0309) return true;  // combining grave … hook above
  return kOutsideBlock.find(c) != std::u32string_view::npos;
}

// The symbols TCVN3 bytes turn into when read as cp1252: legacy text the pipeline repairs,
// not a broken layer.
bool is_tcvn3_mark(char32_t c) {
  return c == U'¸' || c == U'µ' || c == U'¶' || c == U'·' || c == U'¹' || c == U'¨' || c == U'©' ||
         c == U'®' || c == U'¬' || c == U'§';
}

// Latin-1 letters Vietnamese never uses (Ø æ Ë …), as a WinAnsi font without Vietnamese puts
// them in its place. Not × ÷, and not Ð, which some Vietnamese PDFs use for Đ.
bool is_foreign_latin(char32_t c) {
  return ((c >= 0xC0 && c <= 0xFF) || c == 0x152 || c == 0x153 || c == 0x178) &&
         !is_vietnamese_letter(c) && c != 0xD7 && c != 0xF7 && c != 0xD0 && c != 0xF0;
}

// "1.", "1.2.", "2)", "IV.", "a)", "đ)" before a space: a numbered heading or list item.
bool starts_numbered(std::string_view s) {
  auto is_digit = [&](size_t i) {
    return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0;
  };
  auto ends_mark = [&](size_t i) {
    if (i >= s.size() || (s[i] != '.' && s[i] != ')')) return false;
    return i + 1 == s.size() || s[i + 1] == ' ';
  };
  size_t i = 0;
  if (is_digit(0)) {
    while (is_digit(i)) ++i;
    while (i + 1 < s.size() && s[i] == '.' && is_digit(i + 1)) {
      ++i;
      while (is_digit(i)) ++i;
    }
    return ends_mark(i);
  }
  while (i < s.size() && std::string_view("IVXLC").find(s[i]) != std::string_view::npos) ++i;
  if (i > 0) return ends_mark(i);
  if (starts_with(s, "đ")) return ends_mark(2) && s[2] == ')';
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z' && ends_mark(1) && s[1] == ')';
}

// The line starts something of its own: a heading, an article, a list item, the header's
// fields. Such a line is never the tail of the paragraph above.
bool starts_item(std::string_view line) {
  static const std::string_view kStarters[] = {
      "Phụ lục", "PHỤ LỤC", "Số:", "Kính gửi", "Nơi nhận", "Căn cứ", "V/v", "TM.", "KT.",
      "TL.",     "Về việc", "-",   "–",        "—",        "+ ",     "•",   "* "};
  for (std::string_view s : kStarters) {
    if (starts_with(line, s)) return true;
  }
  // "Điều 5.", "Chương II", "Mục 2", "Phần I" (not "Điều lệ", the charter)
  static const std::string_view kNumbered[] = {"Điều ", "Chương ", "Mục ", "Phần "};
  for (std::string_view s : kNumbered) {
    if (!starts_with(line, s) || line.size() <= s.size()) continue;
    const char c = line[s.size()];
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        std::string_view("IVXLC").find(c) != std::string_view::npos)
      return true;
  }
  return starts_numbered(line);
}

// A line in capitals only: a heading or a header cell ("CỘNG HÒA XÃ HỘI…"), kept apart.
bool is_capitals(const std::u32string& cps) {
  int upper = 0;
  for (char32_t c : cps) {
    if (u_islower(static_cast<UChar32>(c))) return false;
    if (u_isupper(static_cast<UChar32>(c))) ++upper;
  }
  // One token in capitals is a number or an abbreviation ("126/2024/NĐ-CP."), not a heading.
  return upper >= 4 && cps.find(U' ') != std::u32string::npos;
}

bool starts_lower(const std::u32string& cps) {
  for (char32_t c : cps) {
    if (u_isalpha(static_cast<UChar32>(c))) return u_islower(static_cast<UChar32>(c));
    if (u_isdigit(static_cast<UChar32>(c))) return false;
  }
  return false;
}

// The last visible character: whether the line ends a sentence, a clause or a label.
char32_t last_mark(const std::u32string& cps) {
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) {
    if (*it != U' ' && *it != U'"' && *it != U'”' && *it != U'\'') return *it;
  }
  return 0;
}

// "12", "- 12 -", "Trang 3", "3/12": a page number alone on its line.
bool is_page_number(std::string_view line) {
  std::string_view s = trim(line);
  if (starts_with(s, "Trang ")) s.remove_prefix(6);
  size_t digits = 0, other = 0;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c != ' ' && c != '-' && c != '/' && c != '\xe2' && c != '\x80' && c != '\x93' &&
               c != '\x94') {
      ++other;  // the bytes of – and — are allowed
    }
  }
  return digits >= 1 && digits <= 6 && other == 0;
}

// Digits to '#', runs of spaces to one: a running header modulo its page and issue numbers.
std::string running_key(std::string_view line) {
  std::string key;
  for (char c : trim(line)) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (key.empty() || key.back() != '#') key.push_back('#');
    } else if (c == ' ' || c == '\t') {
      if (!key.empty() && key.back() != ' ') key.push_back(' ');
    } else {
      key.push_back(c);
    }
  }
  return key;
}

// Where a page's furniture lives: its first and last lines by position, near its edges.
std::vector<size_t> edge_lines(const LaidOutPage& page) {
  std::vector<size_t> order(page.lines.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return page.lines[a].top < page.lines[b].top; });
  std::vector<size_t> edges;
  for (size_t k = 0; k < order.size(); ++k) {
    const PageLine& l = page.lines[order[k]];
    const bool near_top = k < 3 && l.top < 0.12 * page.height;
    const bool near_bottom = k + 3 >= order.size() && l.bottom > 0.88 * page.height;
    if (near_top || near_bottom) edges.push_back(order[k]);
  }
  return edges;
}

// The national motto's first line, also as OCR misreads its marks ("CỌNG HÒA XÃ HỌI").
bool is_motto(std::string_view t) {
  const std::string folded = fold_diacritics(t);
  return contains(folded, "cong hoa xa hoi") || contains(folded, "dang cong san viet nam");
}

// "Số:", also as OCR misreads it ("Só:").
bool starts_number(std::string_view t) {
  const std::string folded = fold_diacritics(trim(t));
  return starts_with(folded, "so:") || starts_with(folded, "so ");
}

// A page that opens a document with the national motto: in a file of several letters the
// issuer's name at the top of each is repeated, yet it is the letter's own, not a running
// header.
bool opens_document(const LaidOutPage& page) {
  const size_t n = std::min<size_t>(page.lines.size(), 8);
  for (size_t i = 0; i < n; ++i) {
    if (is_motto(page.lines[i].text)) return true;
  }
  return false;
}

// Whether a line is in the top half of its page: where a document's header table sits.
bool in_top_half(const LaidOutPage& page, const PageLine& line) {
  return line.top + line.bottom < page.height;
}

// Keys of lines repeated at the edges of most pages.
std::set<std::string> running_keys(const std::vector<LaidOutPage>& pages) {
  std::map<std::string, int> seen;
  int paged = 0;
  for (const LaidOutPage& p : pages) {
    if (p.lines.empty()) continue;
    ++paged;
    const bool opens = opens_document(p);
    std::set<std::string> here;
    for (size_t i : edge_lines(p)) {
      if (!(opens && in_top_half(p, p.lines[i]))) here.insert(running_key(p.lines[i].text));
    }
    for (const std::string& k : here) ++seen[k];
  }
  std::set<std::string> keys;
  for (const auto& [key, count] : seen) {
    if (count >= 2 && 2 * count >= paged && key.size() >= 3 && key != "#") keys.insert(key);
  }
  return keys;
}

}  // namespace

// The CA signer's stamp is drawn as lines of its own; the organ line between them is not text.
std::vector<bool> stamp_lines(const std::vector<PageLine>& lines) {
  std::vector<bool> stamp(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!is_stamp_line(lines[i].text)) continue;
    stamp[i] = true;
    std::string_view t = trim(lines[i].text);
    if (!contains(t, "Thời gian ký")) continue;
    // "SAO Y / Bộ Công an / Thời gian ký: …": the organ between is the stamp's.
    for (size_t back = 1; back <= 3 && back <= i; ++back) {
      std::string_view prev = trim(lines[i - back].text);
      if (prev == "SAO Y" || starts_with(prev, "Ký bởi")) {
        for (size_t k = i - back; k < i; ++k) stamp[k] = true;
        break;
      }
    }
  }
  return stamp;
}

namespace {

// What a page's lines are: furniture (header or footer) or body.
enum class Role { kBody, kHeader, kFooter, kCell };

std::vector<Role> page_roles(const LaidOutPage& page, const std::set<std::string>& running) {
  std::vector<Role> roles(page.lines.size(), Role::kBody);
  auto side = [&](const PageLine& l) {
    return in_top_half(page, l) ? Role::kHeader : Role::kFooter;
  };
  std::vector<bool> stamp = stamp_lines(page.lines);
  for (size_t i = 0; i < page.lines.size(); ++i) {
    if (stamp[i]) roles[i] = side(page.lines[i]);
  }
  const bool opens = opens_document(page);
  for (size_t i : edge_lines(page)) {
    const PageLine& l = page.lines[i];
    std::string_view t = trim(l.text);
    const bool repeated = running.count(running_key(t)) != 0 && !(opens && in_top_half(page, l));
    if (is_page_number(t) || repeated || starts_with(t, "CÔNG BÁO")) {
      roles[i] = side(l);
    }
  }
  return roles;
}

// Where a page's text column runs: most full lines start and end there.
struct Column {
  double left = 0, right = 0;
};

Column column_of(const LaidOutPage& page, const std::vector<const PageLine*>& body) {
  std::vector<double> lefts, rights;
  for (const PageLine* l : body) {
    if (l->right - l->left >= 0.45 * page.width) {
      lefts.push_back(l->left);
      rights.push_back(l->right);
    }
  }
  if (lefts.empty()) {
    for (const PageLine* l : body) {
      lefts.push_back(l->left);
      rights.push_back(l->right);
    }
  }
  if (lefts.empty()) return {};
  std::sort(lefts.begin(), lefts.end());
  std::sort(rights.begin(), rights.end());
  return {lefts[lefts.size() / 5], rights[(rights.size() - 1) * 9 / 10]};
}

// A body line with what joining it needs: its page's column and its decoded text.
struct BodyLine {
  const PageLine* line;
  const LaidOutPage* page;
  Column column;
  std::u32string cps;
};

// The line filled its column: the next line's first word would not have fit after it.
bool fills_column(const BodyLine& cur, const BodyLine& next) {
  const double h = cur.line->height();
  const double space = 0.3 * h;
  const bool starts_at_margin =
      cur.line->left <= cur.column.left + 4.5 * h && cur.line->left >= cur.column.left - 1.5 * h;
  const bool no_room =
      cur.line->right + space + next.line->first_word_width >= cur.column.right - 0.3 * h;
  return starts_at_margin && no_room;
}

// The next line starts where a wrapped paragraph continues: at the column's left edge, or
// under the text of a hanging item.
bool continues_at_margin(const BodyLine& cur, const BodyLine& next) {
  const double h = next.line->height();
  const double left = next.line->left;
  return left >= next.column.left - 1.5 * h &&
         left <= std::max(next.column.left, cur.line->left) + 1.5 * h;
}

// The text allows a join: the line ends no sentence or label and the next starts nothing new.
bool text_continues(const BodyLine& cur, const BodyLine& next) {
  if (is_capitals(cur.cps) || is_capitals(next.cps)) return false;
  if (starts_item(trim(next.line->text))) return false;
  const char32_t end = last_mark(cur.cps);
  if (end == U':' || end == U';') return false;
  if (end == U'.' || end == U'!' || end == U'?') return starts_lower(next.cps);
  return true;
}

// Two lines of one page are one paragraph when the first was wrapped: the next line is the
// one under it, of the same size, and neither the geometry nor the text says otherwise.
bool same_page_join(const BodyLine& cur, const BodyLine& next) {
  const double h = std::max(cur.line->height(), next.line->height());
  if (h <= 0 || std::min(cur.line->height(), next.line->height()) < 0.5 * h) return false;
  // Tesseract's paragraph starts are often wrong on a curved photo; a lower-case start
  // after an open line outweighs them.
  if (next.line->starts_paragraph && !starts_lower(next.cps)) return false;
  const bool below = next.line->top >= cur.line->top + 0.5 * cur.line->height() &&
                     next.line->top - cur.line->bottom <= 1.2 * h;
  return below && fills_column(cur, next) && continues_at_margin(cur, next) &&
         text_continues(cur, next);
}

// Over a page break only a paragraph that clearly goes on is joined: it filled the last line
// of its page and stops without a mark, or the next page goes on in lower case.
bool page_break_join(const BodyLine& cur, const BodyLine& next) {
  if (!fills_column(cur, next) || !continues_at_margin(cur, next)) return false;
  if (!text_continues(cur, next)) return false;
  const char32_t end = last_mark(cur.cps);
  return starts_lower(next.cps) || end == U',' || u_isalnum(static_cast<UChar32>(end));
}

// Furniture is kept apart as a block of its own, never dropped: a reader of the JSON can see
// what was set aside.
TextBlock furniture_block(const LaidOutPage& page, const PageLine& line, Role role) {
  TextBlock b;
  b.kind = role == Role::kHeader ? TextBlock::Kind::kPageHeader : TextBlock::Kind::kPageFooter;
  b.text = std::string(trim(line.text));
  b.page = page.number;
  b.ocr = page.ocr;
  return b;
}

// The first body line (of the first `within`) that passes `test`, or npos.
template <typename Test>
size_t first_body(const LaidOutPage& page, const std::vector<Role>& roles, size_t within,
                  Test test) {
  for (size_t i = 0, seen = 0; i < page.lines.size() && seen < within; ++i) {
    if (roles[i] != Role::kBody) continue;
    ++seen;
    if (test(page.lines[i])) return i;
  }
  return std::string_view::npos;
}

// The header table of an official document (Decree 30/2020's layout): the issuer beside the
// national motto, the number beside the place and date, the subject ("V/v …") under the
// number. Its lines come interleaved in reading order; as cells in row-major order, the
// metadata extractor reads them as it reads a Word file's header table. The lines taken are
// marked kCell in `roles`; nothing is taken from a page without the motto and a number.
std::vector<TextBlock> header_cells(const LaidOutPage& page, std::vector<Role>& roles) {
  const size_t motto =
      first_body(page, roles, 8, [](const PageLine& l) { return is_motto(l.text); });
  if (motto == std::string_view::npos) return {};
  const PageLine& m = page.lines[motto];
  const double split = m.left - 0.5 * m.height();
  if (split < 0.25 * page.width) return {};  // the motto across the page: no two columns
  const size_t number = first_body(
      page, roles, 14, [&](const PageLine& l) { return starts_number(l.text) && l.left < split; });
  if (number == std::string_view::npos) return {};
  const PageLine& n = page.lines[number];
  // Row 1 is the number's line and what stands beside it; row 0 everything above.
  const double row1_top = n.top - 0.5 * n.height(), row1_end = n.top + 0.5 * n.height();
  std::map<std::pair<int, int>, std::vector<size_t>> cells;
  for (size_t i = 0, seen = 0; i < page.lines.size() && seen < 20; ++i) {
    if (roles[i] != Role::kBody) continue;
    ++seen;
    const PageLine& l = page.lines[i];
    if (l.top > row1_end) continue;
    const int row = l.top < row1_top ? 0 : 1;
    cells[{row, l.left < split ? 0 : 1}].push_back(i);
  }
  // The subject: left-column lines under the number, from "V/v" on.
  double below = n.bottom;
  bool subject = false;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    const PageLine& l = page.lines[i];
    if (roles[i] != Role::kBody || l.top <= row1_end) continue;
    if (!subject && !starts_with(trim(l.text), "V/v")) break;
    if (l.right > split + l.height() || l.top > below + 1.5 * l.height()) break;
    subject = true;
    cells[{2, 0}].push_back(i);
    below = l.bottom;
  }
  std::vector<TextBlock> out;
  for (auto& [at, lines] : cells) {
    std::sort(lines.begin(), lines.end(),
              [&](size_t a, size_t b) { return page.lines[a].top < page.lines[b].top; });
    TextBlock cell;
    cell.kind = TextBlock::Kind::kCell;
    cell.row = at.first;
    cell.col = at.second;
    cell.page = page.number;
    cell.ocr = page.ocr;
    for (size_t i : lines) {
      if (!cell.text.empty()) cell.text.push_back('\n');
      cell.text.append(trim(page.lines[i].text));
      roles[i] = Role::kCell;
    }
    out.push_back(std::move(cell));
  }
  return out;
}
}  // namespace

bool is_stamp_line(std::string_view line) {
  std::string_view t = trim(line);
  return starts_with(t, "Ký bởi") || contains(t, "Thời gian ký") || starts_with(t, "SAO Y;") ||
         t == "SAO Y" || (contains(t, "+07:00") && t.size() < 120);
}

size_t real_text_chars(const std::vector<PageLine>& lines) {
  const std::vector<bool> stamp = stamp_lines(lines);
  size_t n = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (stamp[i]) continue;
    for (char32_t c : code_points(lines[i].text)) {
      if (!u_isUWhiteSpace(static_cast<UChar32>(c))) ++n;
    }
  }
  return n;
}

bool is_broken_vietnamese(std::string_view text) {
  size_t letters = 0, vietnamese = 0, foreign = 0, tcvn3 = 0;
  for (char32_t c : code_points(text)) {
    if (u_isalpha(static_cast<UChar32>(c))) ++letters;
    if (is_vietnamese_letter(c)) ++vietnamese;
    if (is_foreign_latin(c)) ++foreign;
    if (is_tcvn3_mark(c)) ++tcvn3;
  }
  if (letters < 20 || 100 * tcvn3 >= letters) return false;
  return foreign >= 3 && 50 * foreign >= letters && vietnamese < 4 * foreign;
}

std::vector<TextBlock> layout_blocks(const std::vector<LaidOutPage>& pages) {
  const std::set<std::string> running = running_keys(pages);
  std::vector<TextBlock> blocks;
  std::vector<BodyLine> previous;  // the paragraph being built, line by line
  auto flush = [&] {
    if (previous.empty()) return;
    TextBlock b;
    b.page = previous.front().page->number;
    b.ocr = previous.front().page->ocr;
    for (const BodyLine& l : previous) {
      std::string_view t = trim(l.line->text);
      if (!b.text.empty() && !t.empty()) b.text.push_back(' ');
      b.text.append(t);
    }
    if (!b.text.empty()) blocks.push_back(std::move(b));
    previous.clear();
  };
  for (const LaidOutPage& page : pages) {
    std::vector<Role> roles = page_roles(page, running);
    std::vector<TextBlock> cells = header_cells(page, roles);
    std::vector<const PageLine*> body;
    for (size_t i = 0; i < page.lines.size(); ++i) {
      if (roles[i] == Role::kBody && !trim(page.lines[i].text).empty())
        body.push_back(&page.lines[i]);
    }
    if (body.empty()) flush();  // furniture of an empty page comes after the page before
    const Column column = column_of(page, body);
    // Furniture goes out before the page's body; a paragraph from the page before stays open.
    std::vector<TextBlock> furniture;
    for (size_t i = 0; i < page.lines.size(); ++i) {
      if (roles[i] == Role::kHeader || roles[i] == Role::kFooter)
        furniture.push_back(furniture_block(page, page.lines[i], roles[i]));
    }
    if (!cells.empty()) {  // a page that opens a document continues no paragraph
      flush();
      for (TextBlock& f : furniture) blocks.push_back(std::move(f));
      for (TextBlock& c : cells) blocks.push_back(std::move(c));
      furniture.clear();
    }
    bool first = true;
    for (const PageLine* l : body) {
      BodyLine next{l, &page, column, code_points(trim(l->text))};
      const bool join = !previous.empty() && (first ? page_break_join(previous.back(), next)
                                                    : same_page_join(previous.back(), next));
      if (!join) flush();
      if (first) {
        for (TextBlock& f : furniture) blocks.push_back(std::move(f));
        furniture.clear();
      }
      first = false;
      previous.push_back(std::move(next));
    }
    for (TextBlock& f : furniture) blocks.push_back(std::move(f));
  }
  flush();
  return blocks;
}

}  // namespace tracuu::intake
