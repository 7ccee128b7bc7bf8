// Finding the documents a text cites: every parseable number in the text, with the kind named
// before it ("Chỉ thị số"), the date after it ("ngày 19/5/2021") and the issuer after "của".
#include <cstdio>
#include <unordered_map>

#include "extraction.hpp"
#include "reference_tables.hpp"
#include "text_lines.hpp"
#include "tracuu/document_number.hpp"
#include "tracuu/metadata.hpp"

namespace tracuu {
namespace {

constexpr size_t kKindLookback = 60;  // folded bytes between a kind word and its number
constexpr size_t kMaxIssuerWords = 16;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}

// Kinds of documents as written in running text, folded, with their display names.
struct KindWord {
  std::string_view folded;
  std::string_view name;
};
constexpr KindWord kKindWords[] = {
    {"thong tu lien tich", "Thông tư liên tịch"},
    {"chuong trinh", "Chương trình"},
    {"quyet dinh", "Quyết định"},
    {"nghi quyet", "Nghị quyết"},
    {"nghi dinh", "Nghị định"},
    {"thong bao", "Thông báo"},
    {"cong dien", "Công điện"},
    {"huong dan", "Hướng dẫn"},
    {"cong van", "Công văn"},
    {"ke hoach", "Kế hoạch"},
    {"ket luan", "Kết luận"},
    {"thong tu", "Thông tư"},
    {"to trinh", "Tờ trình"},
    {"bao cao", "Báo cáo"},
    {"quy dinh", "Quy định"},
    {"van ban", "Văn bản"},
    {"chi thi", "Chỉ thị"},
    {"de an", "Đề án"},
    {"luat", "Luật"},
    {"phap lenh", "Pháp lệnh"},
};

// The kind word closest before folded offset `at`, or empty.
std::string_view kind_before(std::string_view folded, size_t at) {
  size_t from = at > kKindLookback ? at - kKindLookback : 0;
  std::string_view window = folded.substr(from, at - from);
  // A clause boundary or another number between the kind and this number cuts the link.
  size_t cut = window.find_last_of(";.");
  if (cut != std::string_view::npos) window = window.substr(cut + 1);
  std::string_view best;
  size_t best_at = 0;
  for (const KindWord& k : kKindWords) {
    for (size_t p = window.find(k.folded); p != std::string_view::npos;
         p = window.find(k.folded, p + 1)) {
      if (!word_at(window, p, k.folded)) continue;
      if (best.empty() || p > best_at) {
        best = k.name;
        best_at = p;
      }
    }
  }
  if (best.empty()) return {};
  for (size_t p = best_at; p < window.size(); ++p) {
    if (is_digit(window[p])) return {};  // another number in between
  }
  return best;
}

// Parses "d/m/yyyy" or "d tháng m năm yyyy" (folded) at `at`; ISO or empty. Advances `at`.
std::string date_at(std::string_view f, size_t& at) {
  int d = 0, m = 0, y = 0, n = 0;
  std::string s(f.substr(at, 40));
  if (std::sscanf(s.c_str(), "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 ||
      std::sscanf(s.c_str(), "%2d-%2d-%4d%n", &d, &m, &y, &n) == 3 ||
      std::sscanf(s.c_str(), "%2d thang %2d nam %4d%n", &d, &m, &y, &n) == 3) {
    if (y < 100) y += 2000;
    if (d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1945 && y <= 2100) {
      at += static_cast<size_t>(n);
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
      return buf;
    }
  }
  return {};
}

size_t skip(std::string_view f, size_t at, std::string_view chars) {
  while (at < f.size() && chars.find(f[at]) != std::string_view::npos) ++at;
  return at;
}

// The issuer written after "của" at folded offset `at`: up to a clause boundary, an opening
// quote or parenthesis, or a word that starts the next phrase ("về", "và"…).
std::string issuer_at(const Line& line, size_t at) {
  static constexpr std::string_view kStopWords[] = {"ve",  "va",  "trong", "de",   "nham", "theo",
                                                    "voi", "doi", "tren",  "thi",  "nay",  "trien",
                                                    "phe", "quy", "huong", "thuc", "giai", "sua"};
  const std::string& f = line.folded;
  if (!word_at(f, at, "cua")) return {};
  size_t begin = skip(f, at + 3, " ");
  size_t end = begin;
  size_t words = 0;
  while (end < f.size() && words < kMaxIssuerWords) {
    size_t w_end = end;
    while (w_end < f.size() &&
           (is_alnum(f[w_end]) || f[w_end] == '&' || f[w_end] == '-' || f[w_end] == '/')) {
      ++w_end;
    }
    if (w_end == end) break;
    std::string_view word = std::string_view(f).substr(end, w_end - end);
    bool stop = false;
    for (std::string_view s : kStopWords) stop = stop || (word == s && words > 0);
    // "ban" stops only as the verb "ban hành", not as the noun "Ban Bí thư".
    if (word == "ban" && f.compare(w_end, 5, " hanh") == 0) stop = true;
    if (stop) break;
    ++words;
    size_t next = skip(f, w_end, " ");
    end = w_end;
    if (next >= f.size() || !is_alnum(f[next])) break;
    end = next;
  }
  while (end > begin && f[end - 1] == ' ') --end;
  return squeeze_spaces(line.original(begin, end));
}

// Directive (without id/key) read around a number that starts at folded offset `at`.
struct Mention {
  Directive directive;
  size_t end = 0;  // folded offset after the number
};

bool mention_at(const Line& line, size_t at, Mention& m) {
  const std::string& f = line.folded;
  size_t origin = line.origin[at];
  size_t consumed = 0;
  auto number = parse_document_number(line.text.substr(origin), &consumed);
  if (!number) return false;
  // Forms and tables ("Mẫu số 01/TNMT", "Biểu số 02") are not documents.
  size_t before = at > 12 ? at - 12 : 0;
  std::string_view lead = std::string_view(f).substr(before, at - before);
  if (lead.find("mau") != std::string_view::npos || lead.find("bieu") != std::string_view::npos) {
    return false;
  }
  size_t end = at;
  while (end < f.size() && line.origin[end] < origin + consumed) ++end;

  std::string_view kind = kind_before(f, at);
  std::string_view first_code = std::string_view(number->key).substr(number->key.rfind('/') + 1);
  first_code = first_code.substr(0, first_code.find('-'));
  const DocumentType* by_code = DocumentTypes::instance().by_code(first_code);
  if (by_code) kind = by_code->name;  // the code is what the issuer wrote: it decides
  if (kind.empty()) return false;     // a bare number with no kind and no known code

  m.directive = Directive{number->display, number->key, std::string(kind), {}, {}};
  size_t p = skip(f, end, " ,");
  if (word_at(f, p, "ngay")) {
    p = skip(f, p + 4, " ");
    m.directive.date = date_at(f, p);
    p = skip(f, p, " ,");
  }
  m.directive.issuer = issuer_at(line, p);
  m.end = end;
  return true;
}

}  // namespace

std::vector<Directive> extract_directives(std::string_view text,
                                          const std::string& own_number_key) {
  return extract_directives_from_lines(split_lines(text), own_number_key);
}

std::vector<Directive> extract_directives_from_lines(const std::vector<Line>& lines,
                                                     const std::string& own_number_key) {
  std::vector<Directive> found;
  std::unordered_map<std::string, size_t> index;  // key → position in found
  for (const Line& line : lines) {
    const std::string& f = line.folded;
    for (size_t at = 0; at < f.size(); ++at) {
      if (!is_digit(f[at]) || (at > 0 && (is_alnum(f[at - 1]) || f[at - 1] == '/'))) continue;
      Mention m;
      if (!mention_at(line, at, m)) {
        while (at + 1 < f.size() && is_digit(f[at + 1])) ++at;
        continue;
      }
      at = m.end > at ? m.end - 1 : at;
      if (m.directive.key == own_number_key) continue;
      auto [it, added] = index.emplace(m.directive.key, found.size());
      if (added) {
        found.push_back(std::move(m.directive));
        continue;
      }
      Directive& known = found[it->second];  // later mentions fill what the first lacked
      if (known.date.empty()) known.date = m.directive.date;
      if (known.issuer.empty()) known.issuer = m.directive.issuer;
    }
  }
  return found;
}

}  // namespace tracuu
