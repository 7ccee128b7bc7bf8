// Reading a document's own metadata from its layout. An administrative document (Decree
// 30/2020/NĐ-CP) opens with a header: issuing body on the left, national motto on the right,
// then "Số: …", "<Place>, ngày … tháng … năm …", the type heading and the title (or, for a
// letter, "V/v …"); it ends with "Nơi nhận" and the signature block. Conversions flatten the
// two columns into consecutive lines and lose parts of it, so every field has a fallback.
#include "tracuu/metadata.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "extraction.hpp"
#include "layout_rules.hpp"
#include "reference_tables.hpp"
#include "text_lines.hpp"
#include "tracuu/document_number.hpp"

namespace tracuu {
namespace {

constexpr size_t kHeaderLines = 40;  // the header never extends further (non-blank lines)
constexpr size_t kMaxTitleLines = 5;
constexpr size_t kMaxTitleBytes = 400;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Where the parts of the header are, as line indices (npos when absent).
struct Layout {
  static constexpr size_t npos = static_cast<size_t>(-1);
  size_t first = 0;       // first non-blank line
  size_t header_end = 0;  // lines [first, header_end) form the header window
  size_t motto = npos;
  size_t number = npos;
  size_t date = npos;
  size_t heading = npos;
  size_t heading_length = 0;  // folded bytes of the heading at the start of its line
  size_t subject = npos;      // "V/v …"
};

bool starts_upper(std::string_view s) {
  if (s.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && u_isupper(c);
}

}  // namespace

bool layout::is_page_furniture(const Line& l) {
  if (l.starts_with("cong bao")) {
    // "CÔNG BÁO/Số 179/Ngày …", "CÔNG BÁO Số 290 + 291 Ngày 29-05-2026": the gazette's issue.
    size_t so = find_word(l.folded, "so");
    return so != std::string::npos && so < 16;
  }
  std::string_view t = l.trimmed();
  return !t.empty() && t.size() <= 4 && t.find_first_not_of("0123456789") == std::string_view::npos;
}

bool layout::is_motto(const Line& l) {
  return l.folded.find("cong hoa xa hoi chu nghia") != std::string::npos ||
         l.folded.find("dang cong san viet nam") != std::string::npos;
}

namespace {
using layout::heading_length;
using layout::is_motto;
using layout::name_at_end;

// "Số: 1512 /UBND-KT", "Số 02 -KH/BCĐ", "Số: /GDĐT-VP" (a draft). Fills `m` when parsed.
// Returns true when the line is a number line at all (even a draft without digits).
bool read_number_line(const Line& l, DocumentMetadata& m) {
  const std::string& f = l.folded;
  size_t b = f.find_first_not_of(' ');
  if (b == std::string::npos) return false;
  size_t so = word_at(f, b, "so") ? b : std::string::npos;
  if (so == std::string::npos) {
    // "Nghị quyết số: 78/2025/UBTVQH15" on the heading line.
    so = find_word(f, "so");
    if (so == std::string::npos || so > 30) return false;
  }
  size_t p = so + 2;
  while (p < f.size() && (f[p] == ' ' || f[p] == ':' || f[p] == '.' || f[p] == '_')) ++p;
  if (p >= f.size()) return false;
  if (f[p] == '/' || f[p] == '-') {
    // A draft, or a letter whose serial is written by hand after signing: the symbol stays.
    size_t end = f.find(' ', p + 1);
    if (end == std::string::npos) end = f.size();
    if (end > p + 1) m.draft_symbol = std::string(l.original(p + 1, end));
    return true;
  }
  if (!is_digit(f[p])) return false;
  auto number = parse_document_number(l.text.substr(l.origin[p]));
  if (!number) return false;  // "Số: 9042": a registry stamp, not the document's number
  m.number = number->display;
  m.number_key = number->key;
  return true;
}

// The number after blanks at `at` in `s` (at most `digits` digits), or -1. Not sscanf: glibc's
// sscanf measures the whole remaining string first, quadratic over a long line.
int number_at(std::string_view s, size_t at, int digits) {
  while (at < s.size() && s[at] == ' ') ++at;
  int value = 0, read = 0;
  while (at < s.size() && read < digits && s[at] >= '0' && s[at] <= '9') {
    value = value * 10 + (s[at++] - '0');
    ++read;
  }
  return read ? value : -1;
}

// "Tây Ninh, ngày 10 tháng 5 năm 2022" (day and month may be blank in drafts).
bool read_date_line(const Line& l, DocumentMetadata& m, std::string& place) {
  const std::string& f = l.folded;
  size_t ngay = find_word(f, "ngay");
  if (ngay == std::string::npos || ngay > 60 || f.size() > 160) return false;
  size_t thang = find_word(f, "thang", ngay);
  size_t nam = find_word(f, "nam", thang == std::string::npos ? ngay : thang);
  if (thang == std::string::npos || nam == std::string::npos) return false;
  int d = number_at(f, ngay + 4, 9), mo = number_at(f, thang + 5, 9), y = number_at(f, nam + 3, 4);
  if (y < 1945 || y > 2100) return false;
  m.year = y;
  if (d >= 1 && d <= 31 && mo >= 1 && mo <= 12) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    m.date = buf;
  }
  size_t comma = f.rfind(',', ngay);
  if (comma != std::string::npos) place = squeeze_spaces(l.original(0, comma));
  return true;
}

}  // namespace

size_t layout::heading_length(const Line& l, std::string* type) {
  size_t b = l.folded.find_first_not_of(' ');
  if (b == std::string::npos) return 0;
  for (const DocumentType& t : DocumentTypes::instance().all()) {
    if (!word_at(l.folded, b, t.heading_folded)) continue;
    std::string_view printed = l.original(b, b + t.heading_folded.size());
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(printed.data(), static_cast<int32_t>(printed.size())));
    icu::UnicodeString upper = u;
    upper.toUpper();
    if (u != upper) return 0;  // "Kế hoạch này…" in running text is not a heading
    if (type) *type = t.name;
    return b + t.heading_folded.size();
  }
  return 0;
}

namespace {

Layout find_layout(const std::vector<Line>& lines, DocumentMetadata& m, std::string& place) {
  Layout at;
  while (at.first < lines.size() && lines[at.first].blank()) ++at.first;
  size_t seen = 0;
  size_t i = at.first;
  for (; i < lines.size() && seen < kHeaderLines; ++i) {
    const Line& l = lines[i];
    if (l.blank() || layout::is_page_furniture(l)) continue;
    ++seen;
    if (at.motto == Layout::npos && is_motto(l)) at.motto = i;
    if (at.number == Layout::npos && at.heading == Layout::npos && read_number_line(l, m)) {
      at.number = i;
    }
    if (at.date == Layout::npos && read_date_line(l, m, place)) at.date = i;
    if (at.subject == Layout::npos && at.heading == Layout::npos &&
        (l.starts_with("v/v") || l.starts_with("ve viec"))) {
      at.subject = i;
    }
    if (at.heading == Layout::npos && at.subject == Layout::npos) {
      if (size_t n = heading_length(l, &m.type)) {
        at.heading = i;
        at.heading_length = n;
      }
    }
    // The body has begun: a long paragraph after the heading or subject.
    bool started = at.heading != Layout::npos || at.subject != Layout::npos;
    if (started && l.folded.size() > 300) break;
  }
  at.header_end = i;
  return at;
}

// Where a title stops within a line, as a folded offset: conversions that flatten a document
// leave the preamble on the title's line ("… NĂM 2026 ỦY BAN NHÂN DÂN TỈNH BẮC NINH Căn cứ
// Luật …"). The title ends before the first preamble phrase, and then before the issuing
// authority that heads the preamble, unless the title itself names it ("… của Ủy ban …").
size_t title_end_in_line(const Line& l, size_t from) {
  static const char* const kPreamble[] = {" can cu ",    " theo de nghi", " kinh gui",
                                          " dieu 1.",    " xet to trinh", " xet de nghi",
                                          " quyet dinh:"};
  static const char* const kAuthority[] = {
      " uy ban nhan dan ",    " hoi dong nhan dan ", " chu tich ",     " bo truong ",
      " thu tuong chinh phu", " chinh phu",          " ban chap hanh "};
  const std::string& f = l.folded;
  size_t end = f.size();
  for (const char* marker : kPreamble) end = std::min(end, f.find(marker, from));
  if (end == f.size()) return end;
  size_t authority = std::string::npos;
  for (const char* marker : kAuthority) {
    size_t at = f.rfind(marker, end);
    if (at != std::string::npos && at > from &&
        (authority == std::string::npos || at < authority)) {
      authority = at;
    }
  }
  if (authority != std::string::npos) {
    std::string_view before(f.data() + from, authority - from);
    size_t word = before.find_last_of(' ', before.size() > 0 ? before.size() - 1 : 0);
    std::string_view last = before.substr(word == std::string_view::npos ? 0 : word + 1);
    bool named_by_title = last == "cua" || last == "thuoc" || last == "cho" || last == "voi" ||
                          last == "va" || last == "tai";
    if (!named_by_title) end = authority;
  }
  return end;
}

std::string trim_title(const std::string& raw) {
  std::string title = squeeze_spaces(raw);
  if (title.size() > kMaxTitleBytes) {
    size_t cut = title.rfind(' ', kMaxTitleBytes);
    if (cut == std::string::npos) {
      cut = kMaxTitleBytes;  // no space: back off to a character boundary
      while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
    }
    title.resize(cut);
  }
  while (!title.empty() && (title.back() == '.' || title.back() == ';' || title.back() == ':' ||
                            title.back() == '*' || title.back() == ' ')) {
    title.pop_back();
  }
  return title;
}

// Lines of the title: from `begin` until a blank line, the body or the addressee.
// `first`, when not empty, is the title's start on line `first_line`: the title goes on while
// the lines keep that line's case.
// "DỰ THẢO" (draft), "DỰ THẢO 2": the stamp of a draft, in a text box beside the title.
bool is_draft_stamp(const Line& l) { return l.starts_with("du thao") && l.folded.size() < 16; }

std::string read_title(const std::vector<Line>& lines, size_t begin, std::string first,
                       const Line* first_line = nullptr) {
  std::string title = std::move(first);
  size_t taken = title.empty() ? 0 : 1;
  const Line* reference = taken ? first_line : nullptr;
  size_t i = begin;
  // Blank lines between the heading and the title.
  if (taken == 0) {
    for (size_t skipped = 0; i < lines.size() && lines[i].blank() && skipped < 3; ++skipped) ++i;
  }
  for (; i < lines.size() && taken < kMaxTitleLines; ++i) {
    const Line& l = lines[i];
    if (l.blank()) break;
    bool stop = l.starts_with("can cu") || l.starts_with("kinh gui") ||
                l.starts_with("theo de nghi") || l.starts_with(".....") ||
                l.starts_with("van phong") || l.folded.size() > 250 || is_motto(l) ||
                is_draft_stamp(l);
    if (!reference) reference = &l;
    if (taken > 0 && (stop || l.upper_case() != reference->upper_case())) break;
    if (taken == 0 && stop) break;
    size_t end = title_end_in_line(l, 0);
    std::string_view t = end < l.folded.size() ? l.original(0, end) : l.trimmed();
    if (t.size() <= 3 && !t.empty() && is_digit(t[0])) continue;  // a stray page number
    if (!title.empty()) title.push_back(' ');
    title += t;
    ++taken;
    if (title.size() > kMaxTitleBytes || end < l.folded.size()) break;  // the body began
  }
  return trim_title(title);
}

std::string title_of(const std::vector<Line>& lines, const Layout& at) {
  if (at.heading != Layout::npos) {
    const Line& l = lines[at.heading];
    size_t end = title_end_in_line(l, at.heading_length);
    std::string rest = squeeze_spaces(l.original(at.heading_length, end));
    size_t words = std::count(rest.begin(), rest.end(), ' ') + (rest.empty() ? 0 : 1);
    // "KẾ HOẠCH HÀNH ĐỘNG": a qualifier of the heading, the title is on the next lines.
    if (words <= 3) rest.clear();
    if (end < l.folded.size() && !rest.empty()) return trim_title(rest);  // the body follows
    return read_title(lines, at.heading + 1, rest, &l);
  }
  if (at.subject != Layout::npos) {
    const Line& l = lines[at.subject];
    size_t b = l.folded.find_first_not_of(' ');
    size_t skip = l.folded.compare(b, 3, "v/v") == 0 ? 3 : 7;
    std::string first = squeeze_spaces(l.original(b + skip, l.folded.size()));
    if (!first.empty() && first[0] == ':') first = squeeze_spaces(first.substr(1));
    return read_title(lines, at.subject + 1, first, &l);
  }
  return {};
}

// Lower-cases an upper-case name and restores the capitals Vietnamese writing keeps: the first
// letter, province names and every word of a place after its level word ("tỉnh Tây Ninh").
std::string sentence_case(const std::string& upper) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(upper);
  u.toLower();
  std::string lower;
  u.toUTF8String(lower);
  std::string folded = fold_text(lower);
  std::vector<bool> capital(folded.size() + 1, false);
  auto mark_words = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
      if (k == from || folded[k - 1] == ' ' || folded[k - 1] == '"') capital[k] = true;
    }
  };
  mark_words(0, 1);
  static constexpr std::string_view kLevels[] = {"tinh ",   "thanh pho ", "huyen ", "quan ",
                                                 "thi xa ", "phuong ",    "xa "};
  for (std::string_view level : kLevels) {
    for (size_t p = find_word(folded, level.substr(0, level.size() - 1)); p != std::string::npos;
         p = find_word(folded, level.substr(0, level.size() - 1), p + 1)) {
      size_t from = p + level.size();
      size_t to = folded.find_first_of("\",(", from);
      mark_words(from, to == std::string::npos ? folded.size() : to);
    }
  }
  for (std::string_view proper : {"viet nam", "trung uong", "to quoc"}) {
    for (size_t p = find_word(folded, proper); p != std::string::npos;
         p = find_word(folded, proper, p + 1)) {
      mark_words(p, p + proper.size());
    }
  }
  // `folded` and `lower` differ in byte length; walk both by code point.
  icu::UnicodeString out = icu::UnicodeString::fromUTF8(lower);
  icu::UnicodeString result;
  size_t fpos = 0;
  for (int32_t k = 0; k < out.length();) {
    UChar32 c = out.char32At(k);
    icu::UnicodeString one(c);
    if (fpos < capital.size() && capital[fpos]) one.toUpper();
    result += one;
    std::string piece;
    icu::UnicodeString(c).toUTF8String(piece);
    fpos += fold_text(piece).size();
    k += U16_LENGTH(c);
  }
  std::string s;
  result.toUTF8String(s);
  return s;
}

// The way the body itself writes a name the header prints in capitals, if it does.
std::optional<std::string> spelled_in_body(const std::vector<Line>& lines, size_t from,
                                           const std::string& name) {
  std::string target = fold_text(name);
  for (size_t i = from; i < lines.size(); ++i) {
    size_t p = lines[i].folded.find(target);
    if (p == std::string::npos || !word_at(lines[i].folded, p, target)) continue;
    std::string_view found = lines[i].original(p, p + target.size());
    if (!split_lines(found)[0].upper_case()) return std::string(found);
  }
  return std::nullopt;
}

bool ends_with_level_word(const std::string& folded) {
  for (std::string_view w : {" tinh", " huyen", " thanh pho", " quan", " xa", " tinh uy"}) {
    if (folded.size() >= w.size() && folded.compare(folded.size() - w.size(), w.size(), w) == 0) {
      return true;
    }
  }
  return false;
}

// The issuing body from the header's left column: its capital lines before the number (or,
// without one, the motto), cut into names at organ words; the last name is the issuer, the ones
// before it its superiors. A page read line by line (PDF, OCR) interleaves the two columns
// ("ỦY BAN NHÂN DÂN" / "CỘNG HÒA…" / "TỈNH LÂM ĐỒNG"), so the motto's lines are stepped over.
std::string issuer_from_header(const std::vector<Line>& lines, const Layout& at) {
  size_t end = at.number != Layout::npos && at.number > at.first ? at.number : at.motto;
  if (end == Layout::npos) return {};
  std::vector<std::string> names;
  for (size_t i = at.first; i < end; ++i) {
    const Line& l = lines[i];
    if (l.blank() || !l.upper_case() || layout::is_motto(l) || layout::is_page_furniture(l)) {
      continue;
    }
    std::string text = squeeze_spaces(l.trimmed());
    size_t b = l.folded.find_first_not_of(' ');
    if (names.empty() || OrganWords::instance().starts_name(std::string_view(l.folded).substr(b))) {
      names.push_back(text);
    } else {
      names.back() += " " + text;
    }
  }
  if (names.empty()) return {};
  const std::string& issuer = names.back();
  std::string province;
  if (ends_with_level_word(fold_text(issuer)) && names.size() > 1) {
    // "BAN CHỈ ĐẠO … TỈNH" under "TỈNH ỦY TÂY NINH": the province is the superior's.
    province = Provinces::instance().find(fold_text(names[names.size() - 2]));
  }
  if (!province.empty()) {
    if (auto found = spelled_in_body(lines, at.header_end, issuer + " " + province)) return *found;
  }
  std::string name = spelled_in_body(lines, at.header_end, issuer).value_or(sentence_case(issuer));
  return province.empty() ? name : name + " " + province;
}

// Without a header, the body usually names its author in the opening paragraphs: "Phòng Giáo
// dục và Đào tạo xây dựng Kế hoạch…", "Ban Chỉ đạo … ban hành Kế hoạch…".
std::string issuer_from_body(const std::vector<Line>& lines, size_t from) {
  static constexpr std::string_view kVerbs[] = {" xay dung ke hoach", " ban hanh ke hoach",
                                                " xay dung", " ban hanh", " de nghi"};
  size_t checked = 0;
  for (size_t i = from; i < lines.size() && checked < 12; ++i) {
    const Line& l = lines[i];
    if (l.blank()) continue;
    ++checked;
    for (std::string_view verb : kVerbs) {
      size_t v = l.folded.find(verb);
      if (v == std::string::npos) continue;
      size_t clause = l.folded.find_last_of(".;:,", v);
      clause = clause == std::string::npos ? 0 : clause + 1;
      // The first organ word of the clause, written with a capital, begins the name.
      for (size_t p = clause; p < v; ++p) {
        if (p > 0 && l.folded[p - 1] != ' ') continue;
        if (!OrganWords::instance().starts_name(std::string_view(l.folded).substr(p, v - p))) {
          continue;
        }
        if (!starts_upper(l.original(p, v))) continue;
        std::string name = squeeze_spaces(l.original(p, v));
        size_t paren = name.find(" (");
        if (paren != std::string::npos) name.resize(paren);
        if (name.size() > 8) return name;
      }
    }
  }
  return {};
}

// "huyện Khoái Châu" as the text first writes it: the level word and up to three words.
std::string first_district(const std::vector<Line>& lines) {
  for (const Line& l : lines) {
    size_t h = find_word(l.folded, "huyen");
    if (h == std::string::npos) continue;
    size_t end = h + 5;
    for (int words = 0; words < 3 && end < l.folded.size() && l.folded[end] == ' '; ++words) {
      size_t next = l.folded.find_first_of(" .,;:()", end + 1);
      if (next == std::string::npos) next = l.folded.size();
      if (!starts_upper(l.original(end + 1, next))) break;
      end = next;
    }
    if (end > h + 5) return squeeze_spaces(l.original(h, end));
  }
  return {};
}

// Completes a name that stops at its level word ("… Liên đoàn Lao động tỉnh") or a district
// body without its district ("Phòng Giáo dục và Đào tạo").
std::string complete_issuer(std::string issuer, const std::string& province,
                            const std::string& place, const std::vector<Line>& lines) {
  std::string folded = fold_text(issuer);
  if (ends_with_level_word(folded) && !province.empty() &&
      Provinces::instance().find(folded).empty()) {
    return issuer + " " + province;
  }
  bool district_body = folded.rfind("phong ", 0) == 0;
  bool has_place = folded.find(" huyen ") != std::string::npos ||
                   folded.find(" quan ") != std::string::npos ||
                   folded.find(" thi xa ") != std::string::npos ||
                   folded.find(" thanh pho ") != std::string::npos;
  if (!district_body || has_place) return issuer;
  std::string p = fold_text(place);
  if (p.rfind("quan ", 0) == 0 || p.rfind("huyen ", 0) == 0 || p.rfind("thi xa ", 0) == 0) {
    return issuer + " " + place;
  }
  std::string district = first_district(lines);
  return district.empty() ? issuer : issuer + " " + district;
}

bool is_name_word(std::string_view w) {
  if (w.empty()) return false;
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size())));
  UChar32 first = u.char32At(0);
  if (!u_isupper(first)) return false;
  icu::UnicodeString rest = u.tempSubString(U16_LENGTH(first));
  icu::UnicodeString lower = rest;
  lower.toLower();
  return rest == lower && rest.length() > 0 && u_isalpha(rest.char32At(0));
}

// "Dương Văn Thắng": 2–5 capitalised words starting with a family name, at the end of a line
// ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Chí Hùng" ends with one too).
}  // namespace

std::string layout::name_at_end(std::string_view line) {
  std::vector<std::string_view> words;
  size_t p = 0;
  while (p < line.size()) {
    while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    size_t e = p;
    while (e < line.size() && line[e] != ' ' && line[e] != '\t') ++e;
    if (e > p) words.push_back(line.substr(p, e - p));
    p = e;
  }
  size_t k = words.size();
  while (k > 0 && is_name_word(words[k - 1]) && words.size() - k < 5) --k;
  // The family name is the first word of the run; try the longest run first.
  for (size_t start = k; start + 2 <= words.size(); ++start) {
    if (!Surnames::instance().contains(words[start])) continue;
    std::string name;
    for (size_t j = start; j < words.size(); ++j) {
      if (!name.empty()) name.push_back(' ');
      name += words[j];
    }
    return name;
  }
  return {};
}

namespace {

// A name stands as a signature when it is the whole line or follows the signing title in
// capitals ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Chí Hùng"), and is no place: "… thành phố Hà Nội"
// ends a sentence, not a signature.
bool signs_alone(const Line& l, const std::string& name) {
  std::string_view line = l.trimmed();
  std::string_view before = line.substr(0, line.size() - name.size());
  bool caps_title = true;
  for (unsigned char c : before) {
    if (c >= 'a' && c <= 'z') caps_title = false;
  }
  std::string folded_name = fold_text(name);
  size_t at = 0;
  bool place = !Provinces::instance().find(folded_name, &at).empty() && at == 0;
  return caps_title && !place && fold_text(before).find("thanh pho") == std::string::npos;
}

// The signer: the last name in the signature block, which follows the recipients list
// ("Nơi nhận") or ends the document.
std::string signer_of(const std::vector<Line>& lines) {
  size_t from = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    // Conversion debris may precede it ("* * Nơi nhận:").
    if (lines[i].starts_with("noi nhan") || lines[i].folded.find("noi nhan:") < 12) from = i;
    if (lines[i].starts_with("phu luc") && from > 0) break;
  }
  if (from == 0) from = lines.size() > 30 ? lines.size() - 30 : 0;
  std::string signer;
  for (size_t i = from; i < lines.size() && i < from + 40; ++i) {
    const Line& l = lines[i];
    if (l.starts_with("-") || l.starts_with("+") || l.folded.size() > 200) continue;
    if (l.starts_with("phu luc")) break;
    std::string name = name_at_end(l.trimmed());
    if (!name.empty() && signs_alone(l, name)) signer = name;
  }
  return signer;
}

// A year the title states ("… năm 2017"), or 0.
int year_in(const std::string& folded) {
  for (size_t p = find_word(folded, "nam"); p != std::string::npos;
       p = find_word(folded, "nam", p + 1)) {
    int y = number_at(folded, p + 3, 4);
    if (y >= 1945 && y <= 2100) return y;
  }
  return 0;
}

void infer_year(DocumentMetadata& m, const std::string& body_folded) {
  if (m.year != 0) return;
  int year = year_in(fold_text(m.title));
  if (year == 0) {
    // A document is issued no earlier than the latest document it cites.
    for (const Directive& d : m.directives) {
      if (d.date.size() >= 4) year = std::max(year, std::stoi(d.date.substr(0, 4)));
    }
  }
  if (year == 0) year = year_in(body_folded);
  if (year != 0) {
    m.year = year;
    m.year_inferred = true;
  }
}

std::string province_of(const DocumentMetadata& m, const std::vector<Line>& lines, const Layout& at,
                        const std::string& place, const std::string& body_folded) {
  const Provinces& provinces = Provinces::instance();
  std::string p = provinces.find(fold_text(m.issuer));
  if (!p.empty()) return p;
  for (size_t i = at.first; i < at.header_end && i < lines.size(); ++i) {
    if (is_motto(lines[i])) continue;
    if (!(p = provinces.find(lines[i].folded)).empty()) return p;
  }
  std::string place_folded = fold_text(place);
  if (!(p = provinces.find(place_folded)).empty()) return p;
  if (!(p = provinces.of_district(place_folded)).empty()) return p;
  // "tỉnh Cà Mau", "thành phố Hồ Chí Minh" in the text.
  for (std::string_view level : {"tinh ", "thanh pho "}) {
    for (size_t q = find_word(body_folded, level.substr(0, level.size() - 1));
         q != std::string::npos;
         q = find_word(body_folded, level.substr(0, level.size() - 1), q + 1)) {
      size_t found_at = 0;
      std::string name = provinces.find(std::string_view(body_folded).substr(q, 40), &found_at);
      if (!name.empty() && found_at == level.size()) return name;
    }
  }
  return provinces.of_district(body_folded);
}

void fill_type_from_number(DocumentMetadata& m, const Layout& at) {
  if (!m.type.empty()) return;
  if (at.subject != Layout::npos) {
    m.type = "Công văn";
    return;
  }
  if (m.number_key.empty()) return;
  std::string_view code = std::string_view(m.number_key).substr(m.number_key.rfind('/') + 1);
  code = code.substr(0, code.find('-'));
  if (const DocumentType* t = DocumentTypes::instance().by_code(code)) {
    m.type = t->name;
  } else {
    m.type = "Công văn";  // a numbered letter without a type code or heading
  }
}

// A consolidated text (văn bản hợp nhất) is the law it consolidates, heading and all, with its
// own number and date under "XÁC THỰC VĂN BẢN HỢP NHẤT" at the end. The number there is the
// document's when the header has none.
void consolidated_number_at_end(const std::vector<Line>& lines, DocumentMetadata& m) {
  constexpr size_t kTailLines = 40;
  size_t seen = 0;
  for (size_t i = lines.size(); i-- > 0 && seen < kTailLines;) {
    if (lines[i].blank()) continue;
    ++seen;
    DocumentMetadata found;
    if (!read_number_line(lines[i], found) || found.number_key.find("/VBHN") == std::string::npos) {
      continue;
    }
    m.number = found.number;
    m.number_key = found.number_key;
    m.type = "Văn bản hợp nhất";
    std::string place;
    for (size_t k = i; k < lines.size() && k < i + 4; ++k) {
      DocumentMetadata dated;
      if (read_date_line(lines[k], dated, place)) {
        m.date = dated.date;
        m.year = dated.year;
        break;
      }
    }
    return;
  }
}

}  // namespace

DocumentMetadata extract_metadata(std::string_view text, const BundleContext& context) {
  return extract_metadata_from_lines(split_lines(text), context);
}

DocumentMetadata extract_metadata_from_lines(const std::vector<Line>& lines,
                                             const BundleContext& context) {
  DocumentMetadata m;
  std::string place;
  Layout at = find_layout(lines, m, place);
  if (m.number.empty()) consolidated_number_at_end(lines, m);
  fill_type_from_number(m, at);
  m.title = title_of(lines, at);

  // Folding is per code point, so the folded lines joined are the whole text folded.
  std::string all_folded;
  all_folded.reserve(lines.back().offset + lines.back().text.size());
  for (const Line& line : lines) {
    if (&line != &lines.front()) all_folded.push_back('\n');
    all_folded += line.folded;
  }

  m.issuer = issuer_from_header(lines, at);
  size_t body_start = at.heading != Layout::npos   ? at.heading + 1
                      : at.subject != Layout::npos ? at.subject + 1
                                                   : at.first;
  if (m.issuer.empty()) m.issuer = issuer_from_body(lines, body_start);
  // A national body signs in Hà Nội, but is not Hà Nội's, unless its name says a province.
  const std::string issuer_folded = fold_text(m.issuer);
  const bool national = NationalBodies::instance().starts(issuer_folded) &&
                        Provinces::instance().find(issuer_folded).empty();
  if (!national) {
    m.province = province_of(m, lines, at, place, all_folded);
    if (m.province.empty()) m.province = context.province;
    if (!m.issuer.empty()) m.issuer = complete_issuer(m.issuer, m.province, place, lines);
  }
  m.signer = signer_of(lines);
  m.directives = extract_directives_from_lines(lines, m.number_key);
  infer_year(m, all_folded);
  return m;
}

}  // namespace tracuu
