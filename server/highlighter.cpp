#include "tracuu/highlighter.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tracuu/analyzer.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {
namespace {

// A word of the text: byte range, and whether the query matches it.
struct Span {
  uint32_t start, end;
  bool match;
  std::string folded;
  uint32_t position;  // the word's position (a compound: its first word's)
};

std::vector<Span> spans(std::string_view text, const QueryTerms& terms,
                        uint32_t first_position = 0) {
  std::unordered_set<std::string> folded(terms.folded.begin(), terms.folded.end());
  std::unordered_set<std::string> compound(terms.compound.begin(), terms.compound.end());
  // A word typed with diacritics marks that form only ("bán" leaves "Ủy ban" alone), unless
  // the text never has it and matched on the folded form alone.
  std::unordered_map<std::string, std::unordered_set<std::string>> typed;  // folded → exact
  for (const std::string& e : terms.exact) typed[fold_diacritics(e)].insert(e);
  std::unordered_map<std::string, size_t> exact_found;  // folded → occurrences as typed
  std::vector<Span> out;
  std::vector<bool> only_folded;  // per span: matched on the folded form but not as typed
  Analyzer analyzer;
  uint32_t compound_end = 0;
  analyzer.analyze(text, first_position, [&](const Token& t) {
    if (t.kind == TokenKind::kCompound) {
      if (compound.count(t.folded)) {
        out.push_back({t.start, t.end, true, t.folded, t.position});
        only_folded.push_back(false);
        compound_end = t.end;
      }
      return;
    }
    if (t.end <= compound_end) return;  // inside a compound already marked whole
    bool match = folded.count(t.folded) > 0;
    bool loose = false;
    if (match) {
      auto forms = typed.find(t.folded);
      if (forms != typed.end()) {
        loose = !forms->second.count(t.exact);
        if (!loose) ++exact_found[t.folded];
      }
    }
    out.push_back({t.start, t.end, match, t.folded, t.position});
    only_folded.push_back(loose);
  });
  for (size_t i = 0; i < out.size(); ++i) {
    if (only_folded[i] && exact_found[out[i].folded] > 0) out[i].match = false;
  }
  // Phrases (quoted, or an abbreviation's expansion) are marked only where they occur whole.
  for (const std::vector<std::string>& phrase : terms.phrases) {
    if (phrase.empty()) continue;
    for (size_t i = 0; i + phrase.size() <= out.size(); ++i) {
      bool whole = true;
      for (size_t k = 0; k < phrase.size() && whole; ++k) whole = out[i + k].folded == phrase[k];
      if (!whole) continue;
      for (size_t k = 0; k < phrase.size(); ++k) out[i + k].match = true;
    }
  }
  return out;
}

// Text [from, to) escaped, with the matching spans marked.
std::string render(std::string_view text, const std::vector<Span>& s, size_t first, size_t last,
                   size_t from, size_t to) {
  std::string out;
  size_t at = from;
  for (size_t i = first; i < last; ++i) {
    if (!s[i].match) continue;
    out += html_escape(text.substr(at, s[i].start - at));
    out += "<mark>" + html_escape(text.substr(s[i].start, s[i].end - s[i].start)) + "</mark>";
    at = s[i].end;
  }
  out += html_escape(text.substr(at, to - at));
  return out;
}

// The byte length of the leader character at `i` (a dot, an ellipsis, a dash, an underscore or
// a rule of the kind forms and tables are drawn with), 0 when there is none; `weight` is how
// many leaders it stands for.
size_t leader_at(const std::string& s, size_t i, size_t* weight) {
  *weight = 1;
  switch (s[i]) {
    case '.':
    case '_':
    case '-':
    case '=':
    case '*':
    case '~':
      return 1;
    case '+':  // a table's corners and columns join a rule, but are no rule alone
    case '|':
      *weight = 0;
      return 1;
  }
  static constexpr std::string_view kLeaders[] = {"\u2026", "\u2013", "\u2014", "\u2500",
                                                  "\u2501", "\u2550", "\u00b7"};
  for (std::string_view leader : kLeaders) {
    if (s.compare(i, leader.size(), leader) == 0) {
      if (leader == "\u2026") *weight = 3;
      return leader.size();
    }
  }
  return 0;
}

bool is_space(char c) { return c == '\n' || c == '\t' || c == '\r' || c == ' '; }

// Spaces squeezed into one, and each run of three leaders or more ("…………", "-----", "_____",
// a table's rules) into one ellipsis: a snippet shows words, not a form's dotted lines.
std::string readable(const std::string& s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    if (is_space(s[i])) {
      space = true;
      ++i;
      continue;
    }
    // The run of leaders (spaces between them included) starting here, if any.
    size_t run = 0, end = i;
    for (size_t j = i; j < s.size();) {
      size_t weight = 0, n = leader_at(s, j, &weight);
      if (n == 0 && !is_space(s[j])) break;
      if (n > 0) {
        run += weight;
        end = j + n;
      }
      j += std::max<size_t>(n, 1);
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    if (run >= 3) {
      out += "\u2026";
      i = end;
      continue;
    }
    size_t weight = 0, n = std::max<size_t>(1, leader_at(s, i, &weight));
    out.append(s, i, n);
    i += n;
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

namespace {

// The longest prefix of `text` within `limit` bytes that ends on a character boundary.
std::string_view utf8_prefix(std::string_view text, size_t limit) {
  if (text.size() <= limit) return text;
  while (limit > 0 && (static_cast<unsigned char>(text[limit]) & 0xC0) == 0x80) --limit;
  return text.substr(0, limit);
}

// Scores of every window of `w` words: distinct matched words first, then matches, kept in one
// pass by sliding the window (a window-by-window recount is quadratic on long texts).
std::vector<std::pair<size_t, size_t>> window_scores(const std::vector<Span>& s, size_t w) {
  std::unordered_map<std::string_view, size_t> in_window;  // matched word → occurrences
  size_t hits = 0;
  auto add = [&](const Span& span, int delta) {
    if (!span.match) return;
    size_t& n = in_window[span.folded];
    n += delta;
    hits += delta;
    if (n == 0) in_window.erase(span.folded);
  };
  std::vector<std::pair<size_t, size_t>> scored;  // (score, start)
  for (size_t i = 0; i < w; ++i) add(s[i], 1);
  for (size_t start = 0;; ++start) {
    scored.emplace_back(in_window.size() * 100 + hits, start);
    if (start + w >= s.size()) break;
    add(s[start], -1);
    add(s[start + w], 1);
  }
  return scored;
}

}  // namespace

std::string make_snippet(std::string_view text, const QueryTerms& terms,
                         const SnippetOptions& options) {
  text = utf8_prefix(text, kSnippetScanBytes);
  std::vector<Span> s = spans(text, terms);
  if (s.empty()) return {};
  const size_t w = std::min(options.window_words, s.size());
  std::vector<std::pair<size_t, size_t>> scored = window_scores(s, w);
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  // The best window, then a second only if it shows matched words the first lacks: documents
  // often repeat a sentence, and the same words twice waste the snippet.
  auto matched_words = [&](size_t start) {
    std::unordered_set<std::string_view> words;
    for (size_t i = start; i < start + w; ++i) {
      if (s[i].match) words.insert(s[i].folded);
    }
    return words;
  };
  std::vector<size_t> chosen;
  std::unordered_set<std::string_view> shown;
  for (const auto& candidate : scored) {
    const size_t score = candidate.first, start = candidate.second;
    if (chosen.size() >= options.fragments) break;
    if (!chosen.empty() && score == 0) break;
    bool overlaps = std::any_of(chosen.begin(), chosen.end(),
                                [&](size_t c) { return start < c + w && c < start + w; });
    if (overlaps) continue;
    std::unordered_set<std::string_view> words = matched_words(start);
    bool adds = chosen.empty() || std::any_of(words.begin(), words.end(),
                                              [&](auto word) { return !shown.count(word); });
    if (!adds) continue;
    chosen.push_back(start);
    shown.insert(words.begin(), words.end());
    if (score == 0) break;  // nothing matches: the opening only
  }
  std::sort(chosen.begin(), chosen.end());
  std::string out = chosen.front() > 0 ? "… " : "";
  for (size_t k = 0; k < chosen.size(); ++k) {
    size_t start = chosen[k], last = start + w;
    if (k > 0) out += " … ";
    out += readable(render(text, s, start, last, s[start].start, s[last - 1].end));
  }
  if (chosen.back() + w < s.size()) out += " …";
  return out;
}

namespace {

// Start positions of the best windows of `w` words over located matches: most distinct query
// words, then most matches; a second window only if it adds query words the first lacks.
std::vector<uint32_t> best_windows(const MatchLocations& where, size_t w, size_t fragments) {
  const auto& m = where.words;
  struct Candidate {
    size_t score;
    uint32_t start;
    std::vector<uint32_t> ids;
  };
  std::vector<Candidate> candidates;
  size_t j = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    if (i > 0 && m[i].first == m[i - 1].first) continue;
    // A little context before the first match.
    uint32_t start = m[i].first > 3 ? m[i].first - 3 : 1;
    while (j < m.size() && m[j].first < start + w) ++j;
    std::vector<uint32_t> ids;
    for (size_t k = i; k < j; ++k) ids.push_back(m[k].second);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    candidates.push_back({ids.size() * 100 + (j - i), start, std::move(ids)});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  std::vector<uint32_t> chosen;
  std::vector<uint32_t> shown;
  for (const Candidate& c : candidates) {
    if (chosen.size() >= fragments) break;
    bool overlaps = std::any_of(chosen.begin(), chosen.end(),
                                [&](uint32_t s) { return c.start < s + w && s < c.start + w; });
    bool adds = chosen.empty() || std::any_of(c.ids.begin(), c.ids.end(), [&](uint32_t id) {
                  return std::find(shown.begin(), shown.end(), id) == shown.end();
                });
    if (overlaps || !adds) continue;
    chosen.push_back(c.start);
    shown.insert(shown.end(), c.ids.begin(), c.ids.end());
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

// The fragment of words [start, start + w), analysing only the checkpoint blocks that hold them.
// Sets `at_end` when the fragment reaches the end of the text.
std::string fragment(const StoredText& text, const QueryTerms& terms,
                     const std::vector<uint32_t>& offsets, uint32_t start, size_t w, bool* at_end) {
  const uint32_t stride = schema::kOffsetStride, first = schema::kFirstPosition;
  size_t block = (start - first) / stride;
  size_t last_block = (start + w - 1 - first) / stride;
  if (block >= offsets.size()) block = offsets.empty() ? 0 : offsets.size() - 1;
  size_t from = offsets.empty() ? 0 : offsets[block];
  size_t to = last_block + 1 < offsets.size() ? offsets[last_block + 1] : text.size();
  if (from > text.size() || to > text.size() || from >= to) return {};
  std::string_view piece = text.range(from, to);
  std::vector<Span> s = spans(piece, terms, static_cast<uint32_t>(first + block * stride));
  size_t a = 0;
  while (a < s.size() && s[a].position < start) ++a;
  size_t b = a;
  while (b < s.size() && s[b].position < start + w) ++b;
  if (a == b) return {};
  *at_end = from + s[b - 1].end >= text.content_end();
  return readable(render(piece, s, a, b, s[a].start, s[b - 1].end));
}

}  // namespace

std::string make_snippet(const StoredText& text, const QueryTerms& terms,
                         const MatchLocations& where, const SnippetOptions& options) {
  const size_t w = options.window_words;
  std::vector<uint32_t> starts = best_windows(where, w, options.fragments);
  if (starts.empty()) {
    if (!terms.located_words().empty() || !terms.compound.empty()) {
      // Matched in ways positions do not show.
      return make_snippet(text.prefix(kSnippetScanBytes), terms, options);
    }
    starts.push_back(schema::kFirstPosition);  // nothing to find: the opening
  }
  std::string out;
  bool at_end = false;
  for (size_t k = 0; k < starts.size(); ++k) {
    std::string piece = fragment(text, terms, where.offsets, starts[k], w, &at_end);
    if (piece.empty()) continue;
    if (!out.empty()) out += " … ";
    if (out.empty() && starts[k] > schema::kFirstPosition) out += "… ";
    out += piece;
  }
  if (out.empty()) return make_snippet(text.prefix(kSnippetScanBytes), terms, options);
  if (!at_end) out += " …";
  return out;
}

std::string highlight_all(std::string_view text, const QueryTerms& terms) {
  std::string_view marked = utf8_prefix(text, kHighlightScanBytes);
  std::vector<Span> s = spans(marked, terms);
  return render(marked, s, 0, s.size(), 0, marked.size()) + html_escape(text.substr(marked.size()));
}

}  // namespace tracuu
