// From typed text to a Xapian query, through the one analyzer.
//
// Ranking encoded here:
//  - every positive word must match in its folded form (so "ban hang" finds bán/bàn/bạn hàng);
//  - syllables typed side by side add weight where they stand side by side in the text;
//  - a word typed with diacritics adds the weight of its exact form in the text and the title
//    (OP_AND_MAYBE), so "bán hàng" ranks "Bán hàng hóa" above "Bàn giao hàng hóa"; a word
//    typed without adds the weight of its folded form in the title;
//  - a query that is a whole title adds a fixed weight to that title's documents;
//  - a type and a bare serial ("tờ trình 156", "cv 4214") match the documents of that type
//    with that serial, with a number's weight;
//  - an excluded word typed with diacritics excludes that exact form only ("-chợ" keeps "cho");
//  - a document number ("03-CT/TW", "chỉ thị 03/CT-TW") matches the document that bears it with
//    a large fixed weight, then the documents that cite it with a smaller one;
//  - an abbreviation also matches its expansion spelled out (a term the indexer adds), and the
//    expansion its abbreviation (UBND ↔ Ủy ban nhân dân).
#include "tracuu/query.hpp"

#include <algorithm>

#include "case_name.hpp"
#include "tracuu/abbreviations.hpp"
#include "tracuu/analyzer.hpp"
#include "tracuu/document_number.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {
namespace {

constexpr double kOwnNumberWeight = 60.0;
constexpr double kCitedNumberWeight = 12.0;
constexpr double kWholeTitleWeight = 25.0;
// The share of their weight that an expansion's words keep when they stand apart.
constexpr double kScatteredExpansionWeight = 0.25;

// A fixed weight for documents carrying the boolean term `term`.
Xapian::Query weighted_filter(const std::string& term, double weight) {
  auto* source = new Xapian::FixedWeightPostingSource(weight);
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(source->release()),
                       Xapian::Query(term));
}

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts[0];
  return Xapian::Query(op, parts.begin(), parts.end());
}

// One analysed word of a clause.
struct Word {
  std::string exact;
  std::string folded;
};

// One analysed unit: a word, or a compound with its words.
struct Unit {
  bool compound = false;
  std::string key;          // compound key
  std::vector<Word> words;  // the word, or the compound's words
};

std::vector<Unit> analyse(std::string_view text) {
  std::vector<Unit> units;
  Analyzer analyzer;
  size_t compound_end = 0;
  analyzer.analyze(text, 1, [&](const Token& t) {
    if (t.kind == TokenKind::kCompound) {
      units.push_back({true, t.folded, {}});
      compound_end = t.end;
      return;
    }
    if (t.end <= compound_end && !units.empty() && units.back().compound) {
      units.back().words.push_back({t.exact, t.folded});
      return;
    }
    units.push_back({false, {}, {{t.exact, t.folded}}});
  });
  return units;
}

class QueryBuilder {
 public:
  explicit QueryBuilder(QueryTerms* terms, WordMatch match = WordMatch::kEveryWord,
                        Ranking ranking = Ranking::kFull)
      : terms_(terms),
        join_(match == WordMatch::kEveryWord ? Xapian::Query::OP_AND : Xapian::Query::OP_OR),
        ranking_(ranking) {}

  // A builder that only collects proximity_parts into `parts`; what it returns is not a query.
  static QueryBuilder collecting_proximity(WordMatch match, std::vector<Xapian::Query>* parts) {
    QueryBuilder b(nullptr, match, Ranking::kFull);
    b.proximity_parts_ = parts;
    return b;
  }
  bool collects_proximity() const { return proximity_parts_ != nullptr; }

  Xapian::Query word(const Word& w) {
    note(w);
    if (ranking_ == Ranking::kMatchOnly) return Xapian::Query(w.folded);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(w.folded), boosts(w));
  }

  // What adds weight to a matched word: typed with diacritics, that exact form in the text and
  // in the title ("bán" does not lift "địa bàn"); typed without, the word in the title.
  static Xapian::Query boosts(const Word& w) {
    if (w.exact == w.folded) return Xapian::Query(schema::term(schema::kTitle, w.folded));
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(schema::term(schema::kExact, w.exact)),
                         Xapian::Query(schema::term(schema::kTitleExact, w.exact)));
  }

  Xapian::Query phrase(const std::vector<Word>& words, bool highlight = true) {
    if (collects_proximity()) return Xapian::Query();  // its words stand together already
    if (words.size() == 1 && highlight) return word(words[0]);
    if (terms_ && highlight) {
      terms_->phrases.emplace_back();
      for (const Word& w : words) terms_->phrases.back().push_back(w.folded);
    }
    std::vector<Xapian::Query> terms;
    for (const Word& w : words) {
      if (terms_ && highlight && w.exact != w.folded) terms_->exact.push_back(w.exact);
      terms.emplace_back(w.folded);
    }
    Xapian::Query q(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
    if (ranking_ == Ranking::kMatchOnly) return q;
    std::vector<Xapian::Query> extra;
    for (const Word& w : words) extra.push_back(boosts(w));
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, combine(Xapian::Query::OP_OR, extra));
  }

  Xapian::Query compound(const Unit& u) {
    if (terms_) {
      terms_->compound.push_back(u.key);
      for (const Word& w : u.words) terms_->compound_words.push_back(w.folded);
    }
    // The compound's words as a phrase too ("03 CT TW"), but only the compound is marked.
    std::vector<Xapian::Query> alternatives{Xapian::Query(schema::term(schema::kCompound, u.key)),
                                            phrase(u.words, /*highlight=*/false)};
    if (!canonical_number(u.key).empty() && canonical_number(u.key) == u.key) {
      alternatives.push_back(
          weighted_filter(schema::term(schema::kNumber, u.key), kOwnNumberWeight));
      alternatives.push_back(
          weighted_filter(schema::term(schema::kCites, u.key), kCitedNumberWeight));
    }
    add_abbreviation_expansions(u.key, alternatives);
    return combine(Xapian::Query::OP_OR, alternatives);
  }

  // The words of a plain clause: each required, abbreviations widened both ways. Collecting
  // proximity, only the clause's adjacent pairs; `may_not_match` says the clause is one side of
  // an OR, so a document can match the query without it, and its pairs must count only where
  // the clause matches (as kFull's AND_MAYBE counts them).
  Xapian::Query words(const std::vector<Unit>& units, bool may_not_match = false) {
    if (collects_proximity()) {
      std::vector<Xapian::Query> pairs = adjacent_pairs(units);
      Xapian::Query clause;  // what the clause matches, built once for all its pairs
      if (may_not_match && !pairs.empty()) {
        QueryBuilder matching(
            nullptr, join_ == Xapian::Query::OP_AND ? WordMatch::kEveryWord : WordMatch::kAnyWord,
            Ranking::kMatchOnly);
        clause = matching.words(units);
      }
      for (const Xapian::Query& pair : pairs) {
        proximity_parts_->push_back(
            clause.empty() ? pair : Xapian::Query(Xapian::Query::OP_FILTER, pair, clause));
      }
      return Xapian::Query();
    }
    std::vector<Xapian::Query> required;
    std::vector<std::string> folded;
    for (const Unit& u : units) folded.push_back(u.compound ? u.key : u.words[0].folded);
    const Abbreviations& abbreviations = Abbreviations::builtin();
    for (size_t i = 0; i < units.size(); ++i) {
      const Unit& u = units[i];
      if (u.compound) {
        required.push_back(compound(u));
        continue;
      }
      // "ủy ban nhân dân" typed out: also match "UBND".
      auto found = abbreviations.abbreviations_at(folded, i);
      if (!found.empty()) {
        size_t length = found[0].second;
        std::vector<Word> run;
        for (size_t k = i; k < i + length; ++k) run.push_back(units[k].words[0]);
        // Spelled out (a term the indexer adds) or abbreviated, the expansion ranks as the unit
        // it is. Its syllables scattered over the text still match, well below: a required
        // phrase of such common syllables would be checked in nearly every document.
        std::vector<Xapian::Query> each;
        for (const Word& w : run) each.push_back(word(w));
        std::vector<Xapian::Query> alternatives{
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, combine(Xapian::Query::OP_AND, each),
                          kScatteredExpansionWeight),
            Xapian::Query(schema::term(schema::kSpelledOut, found[0].first))};
        for (const auto& [key, len] : found) {
          if (len == length) alternatives.push_back(abbreviation_term(key));
        }
        required.push_back(combine(Xapian::Query::OP_OR, alternatives));
        i += length - 1;
        continue;
      }
      std::vector<Xapian::Query> alternatives{word(u.words[0])};
      add_abbreviation_expansions(u.words[0].folded, alternatives);
      required.push_back(combine(Xapian::Query::OP_OR, alternatives));
    }
    Xapian::Query all = combine(join_, required);
    Xapian::Query adjacent = ranking_ == Ranking::kFull
                                 ? combine(Xapian::Query::OP_OR, adjacent_pairs(units))
                                 : Xapian::Query();
    return adjacent.empty() ? all : Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, adjacent);
  }

 private:
  void note(const Word& w) {
    if (!terms_) return;
    terms_->folded.push_back(w.folded);
    if (w.exact != w.folded) terms_->exact.push_back(w.exact);
  }

  Xapian::Query abbreviation_term(const std::string& key) {
    bool compound =
        key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") != std::string::npos;
    if (terms_) (compound ? terms_->compound : terms_->folded).push_back(key);
    return Xapian::Query(compound ? schema::term(schema::kCompound, key) : key);
  }

  // The documents that spell the abbreviation out: the indexer marks them with one term
  // (schema::kSpelledOut), where a phrase would be checked in every document holding the
  // expansion's common syllables. The expansion is still marked as a phrase in snippets.
  void add_abbreviation_expansions(const std::string& key, std::vector<Xapian::Query>& out) {
    const auto& expansions = Abbreviations::builtin().expansions(key);
    if (expansions.empty()) return;
    if (terms_) terms_->phrases.insert(terms_->phrases.end(), expansions.begin(), expansions.end());
    out.emplace_back(schema::term(schema::kSpelledOut, key));
  }

  // Vietnamese words are mostly two syllables ("nông thôn", "bán hàng"): documents where the
  // typed syllables stand side by side, as typed, rank above those where they are scattered.
  static std::vector<Xapian::Query> adjacent_pairs(const std::vector<Unit>& units) {
    std::vector<Xapian::Query> pairs;
    for (size_t i = 0; i + 1 < units.size(); ++i) {
      if (units[i].compound || units[i + 1].compound) continue;
      Xapian::Query both[] = {Xapian::Query(units[i].words[0].folded),
                              Xapian::Query(units[i + 1].words[0].folded)};
      pairs.emplace_back(Xapian::Query::OP_PHRASE, both, both + 2, 2);
    }
    return pairs;
  }

  QueryTerms* terms_;
  Xapian::Query::op join_;  // how a clause's words combine: all required, or any
  Ranking ranking_;
  std::vector<Xapian::Query>* proximity_parts_ = nullptr;  // set when collecting them
};

}  // namespace

std::vector<std::string> QueryTerms::located_words() const {
  std::vector<std::string> out(folded);
  for (const auto& phrase : phrases) out.insert(out.end(), phrase.begin(), phrase.end());
  out.insert(out.end(), compound_words.begin(), compound_words.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<QueryClause> parse_query(std::string_view q) {
  std::vector<QueryClause> clauses;
  size_t i = 0;
  while (i < q.size() && clauses.size() < kMaxQueryClauses) {
    while (i < q.size() && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r')) ++i;
    if (i >= q.size()) break;
    QueryClause c;
    if (q[i] == '-' && i + 1 < q.size() && q[i + 1] != ' ') {
      c.excluded = true;
      ++i;
    }
    if (q[i] == '"') {
      size_t close = q.find('"', i + 1);
      size_t end = close == std::string_view::npos ? q.size() : close;
      c.text = std::string(q.substr(i + 1, end - i - 1));
      c.phrase = true;
      i = close == std::string_view::npos ? q.size() : close + 1;
    } else {
      size_t end = q.find_first_of(" \t\n\r\"", i);
      if (end == std::string_view::npos) end = q.size();
      c.text = std::string(q.substr(i, end - i));
      i = end;
    }
    if (c.text == "OR" && !c.phrase && !c.excluded) {
      if (!clauses.empty()) clauses.back().or_with_next = true;
      continue;
    }
    if (c.text == "AND" && !c.phrase && !c.excluded) continue;
    clauses.push_back(std::move(c));
  }
  if (!clauses.empty()) clauses.back().or_with_next = false;
  return clauses;
}

namespace {

// A query's clauses as `builder` builds them: the parts every match must have, and those it must
// not. Plain words standing together are read as one run (abbreviations span words).
struct Clauses {
  std::vector<Xapian::Query> required, excluded;
};

Clauses build_clauses(std::string_view text, QueryBuilder& builder) {
  Clauses out;
  std::vector<QueryClause> clauses = parse_query(text);
  std::vector<Xapian::Query> or_group;
  std::vector<Unit> plain;  // consecutive plain words, read together for abbreviations
  auto flush_plain = [&] {
    if (!plain.empty()) out.required.push_back(builder.words(plain));
    plain.clear();
  };
  for (size_t k = 0; k < clauses.size(); ++k) {
    const QueryClause& c = clauses[k];
    std::vector<Unit> units = analyse(c.text);
    if (units.empty()) continue;
    bool in_or = c.or_with_next || (k > 0 && clauses[k - 1].or_with_next);
    if (c.excluded) {
      if (builder.collects_proximity()) continue;
      std::vector<Word> words;
      for (const Unit& u : units) words.insert(words.end(), u.words.begin(), u.words.end());
      if (words.size() == 1 && words[0].exact != words[0].folded) {
        out.excluded.emplace_back(schema::term(schema::kExact, words[0].exact));
        continue;
      }
      // Excluded words are not highlighted, and their weights never count.
      QueryBuilder silent(nullptr, WordMatch::kEveryWord, Ranking::kMatchOnly);
      out.excluded.push_back(silent.phrase(words));
      continue;
    }
    if (!c.phrase && !in_or) {
      plain.insert(plain.end(), units.begin(), units.end());
      continue;
    }
    flush_plain();
    Xapian::Query q;
    if (c.phrase) {
      std::vector<Word> words;
      for (const Unit& u : units) words.insert(words.end(), u.words.begin(), u.words.end());
      q = builder.phrase(words);
    } else {
      q = builder.words(units, /*may_not_match=*/true);
    }
    or_group.push_back(q);
    if (!c.or_with_next) {
      out.required.push_back(combine(Xapian::Query::OP_OR, or_group));
      or_group.clear();
    }
  }
  flush_plain();
  if (!or_group.empty()) out.required.push_back(combine(Xapian::Query::OP_OR, or_group));
  return out;
}

}  // namespace

Xapian::Query build_query(std::string_view text, QueryTerms* terms, WordMatch match,
                          Ranking ranking) {
  QueryBuilder builder(terms, match, ranking);
  Clauses clauses = build_clauses(text, builder);
  // A new match-all query, never a copy of the static Xapian::Query::MatchAll: copying it
  // touches its reference count, which is not atomic, from every searching thread at once
  // (ThreadSanitizer saw it; a lost count could free the static).
  Xapian::Query positive = clauses.required.empty()
                               ? Xapian::Query(std::string())
                               : combine(Xapian::Query::OP_AND, clauses.required);
  std::string title = ranking == Ranking::kMatchOnly ? "" : schema::title_term(text);
  if (!title.empty() && !clauses.required.empty()) {
    positive = Xapian::Query(Xapian::Query::OP_AND_MAYBE, positive,
                             weighted_filter(title, kWholeTitleWeight));
  }
  // "tờ trình 156", "ttr 156": a type and a bare serial, as officials say a document, match
  // the documents of that type and serial (their text need not say "ttr") with the weight of
  // a number.
  if (CaseName said = read_case_name(text); !said.serial.empty() && !clauses.required.empty()) {
    Xapian::Query both(Xapian::Query::OP_AND,
                       Xapian::Query(schema::filter_term(schema::kType, said.type)),
                       Xapian::Query(schema::term(schema::kSerial, said.serial)));
    if (ranking != Ranking::kMatchOnly) {
      auto* source = new Xapian::FixedWeightPostingSource(kOwnNumberWeight);
      both = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(source->release()), both);
    }
    positive = Xapian::Query(Xapian::Query::OP_OR, positive, both);
  }
  if (clauses.excluded.empty()) return positive;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, positive,
                       combine(Xapian::Query::OP_OR, clauses.excluded));
}

std::vector<Xapian::Query> proximity_parts(std::string_view text, WordMatch match) {
  std::vector<Xapian::Query> parts;
  QueryBuilder builder = QueryBuilder::collecting_proximity(match, &parts);
  build_clauses(text, builder);
  return parts;
}

}  // namespace tracuu
