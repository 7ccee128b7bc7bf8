#include "tracuu/searcher.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <new>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "candidate_source.hpp"
#include "facet_columns.hpp"
#include "facet_fields.hpp"
#include "file_record.hpp"
#include "match_counts.hpp"
#include "request_keys.hpp"
#include "search_request.hpp"
#include "tracuu/analyzer.hpp"
#include "tracuu/document_codec.hpp"
#include "tracuu/document_number.hpp"
#include "tracuu/highlighter.hpp"
#include "tracuu/index_generation.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/schema.hpp"
#include "word_spellings.hpp"

namespace tracuu {
namespace {

// Where the query's words are in document `id`, from the index's position lists, so snippets
// need not re-read the whole text.
MatchLocations locate(const Xapian::Database& db, Xapian::docid id, const Xapian::Document& xd,
                      const std::vector<std::string>& words) {
  MatchLocations where;
  for (uint32_t k = 0; k < words.size(); ++k) {
    for (auto p = db.positionlist_begin(id, words[k]); p != db.positionlist_end(id, words[k]);
         ++p) {
      if (*p >= schema::kNamePosition) break;  // the file's name: not in the text shown
      where.words.emplace_back(*p, k);
    }
  }
  std::sort(where.words.begin(), where.words.end());
  where.offsets = schema::decode_word_offsets(xd.get_value(schema::kOffsetsSlot));
  return where;
}

// The documents carrying `term`, newest first (undated last, ties in docid order), from
// `offset`, at most `limit`: metadata only, and only theirs is read.
std::vector<Document> newest_with(const Xapian::Database& db, const std::string& term,
                                  size_t offset, size_t limit) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(schema::kDateSlot, true);
  std::vector<Document> docs;
  Xapian::MSet page = enquire.get_mset(offset, limit);
  for (auto it = page.begin(); it != page.end(); ++it) {
    docs.push_back(decode_metadata(it.get_document().get_data()));
  }
  return docs;
}

std::string first_document_id(const Xapian::Database& db, const std::string& term) {
  auto p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return {};
  return decode_metadata(db.get_document(*p).get_data()).id;
}

// Completions of a word checked against the word typed before it, and documents sampled for it:
// enough to tell "nông thôn" from "nông thực", little enough for a keystroke (4–22 ms at 20,000
// documents).
constexpr size_t kFollowCandidates = 50;
constexpr Xapian::doccount kFollowSample = 10;
// The sample is drawn from the first documents with the word typed before, so that a pair no
// document has is not looked for in every document (200 ms at 20,000 documents).
constexpr Xapian::doccount kFollowScan = 500;

// Moves to the front, most often first, the words (by frequency, most first) that follow
// `previous` in a sample of the documents where one of the first kFollowCandidates does.
void follow_first(const Xapian::Database& db, const std::string& previous,
                  std::vector<std::pair<Xapian::doccount, std::string>>& words) {
  const size_t n = std::min(words.size(), kFollowCandidates);
  if (n == 0) return;
  std::vector<Xapian::Query> next;
  for (size_t i = 0; i < n; ++i) next.emplace_back(words[i].second);
  Xapian::Query pair[] = {Xapian::Query(previous),
                          Xapian::Query(Xapian::Query::OP_OR, next.begin(), next.end())};
  std::vector<Xapian::docid> scanned;
  for (auto p = db.postlist_begin(previous);
       p != db.postlist_end(previous) && scanned.size() < kFollowScan; ++p) {
    scanned.push_back(*p);
  }
  auto* within = new CandidateSource(std::move(scanned));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                  Xapian::Query(Xapian::Query::OP_PHRASE, pair, pair + 2, 2),
                                  Xapian::Query(within->release())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet sample = enquire.get_mset(0, kFollowSample);
  std::vector<size_t> follows(n, 0);
  for (auto doc = sample.begin(); doc != sample.end(); ++doc) {
    std::vector<Xapian::termpos> after;  // positions right after `previous`
    for (auto p = db.positionlist_begin(*doc, previous); p != db.positionlist_end(*doc, previous);
         ++p) {
      after.push_back(*p + 1);
    }
    for (size_t i = 0; i < n; ++i) {
      const std::string& word = words[i].second;
      for (auto p = db.positionlist_begin(*doc, word); p != db.positionlist_end(*doc, word); ++p) {
        if (std::binary_search(after.begin(), after.end(), *p)) {
          ++follows[i];
          break;
        }
      }
    }
  }
  std::vector<size_t> order(words.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return (a < n ? follows[a] : 0) > (b < n ? follows[b] : 0);
  });
  std::vector<std::pair<Xapian::doccount, std::string>> sorted;
  for (size_t i : order) sorted.push_back(std::move(words[i]));
  words = std::move(sorted);
}

// Whether `folded_text` has a word starting with `folded_prefix`.
bool word_starts_with(const std::string& folded_text, const std::string& folded_prefix) {
  for (size_t p = folded_text.find(folded_prefix); p != std::string::npos;
       p = folded_text.find(folded_prefix, p + 1)) {
    if (p == 0 || folded_text[p - 1] == ' ') return true;
  }
  return false;
}

constexpr size_t kMaxFacetKeys = 1 << 14;

// A word of a request or a facet value, as the analyzer cuts it (the one place that decides
// what a word is), and whether it continues a compound: "ct" and "tw" in "03-CT/TW".
struct Word {
  Token token;
  bool in_compound = false;
};

// The words of `text`, in order. A compound token comes before its words; those after its
// first lie inside it.
std::vector<Word> words_of(std::string_view text) {
  thread_local Analyzer analyzer;
  std::vector<Word> words;
  uint32_t compound_start = 0, compound_end = 0;
  analyzer.analyze(text, 0, [&](const Token& t) {
    if (t.kind == TokenKind::kCompound) {
      compound_start = t.start;
      compound_end = t.end;
      return;
    }
    words.push_back({t, t.start > compound_start && t.start < compound_end});
  });
  return words;
}

// Their folded forms joined by a space, or by '-' inside a compound ("Ủy ban, 03-CT/TW" →
// "uy ban 03-ct-tw"), so that a prefix matches at the start of a word of its own only: "kh"
// completes "Khánh Hòa", not every "…-KH/…" number.
std::string folded_words(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) {
    if (!out.empty()) out.push_back(w.in_compound ? '-' : ' ');
    out += w.token.folded;
  }
  return out;
}

// folded_words of a facet value, remembered per thread: the issuers and directives are matched
// at every keystroke, and cutting a thousand of them costs more than a millisecond.
const std::string& facet_key(const std::string& value) {
  thread_local std::unordered_map<std::string, std::string> keys;
  if (auto it = keys.find(value); it != keys.end()) return it->second;
  if (keys.size() >= kMaxFacetKeys) keys.clear();
  return keys.emplace(value, folded_words(words_of(value))).first->second;
}

// The word a user is typing at the end of a suggestion request, and the word before it.
struct WordBeingTyped {
  std::string head;      // the request up to the word, as typed
  std::string exact;     // the word's exact form ("thô"), empty when none is being typed
  std::string folded;    // its folded form ("tho")
  std::string previous;  // the folded word before it, if any
};

// None is being typed when the request ends between words ("nong ", "nong,") or inside a
// compound ("03-CT/T": numbers are completed from the directive facet instead).
WordBeingTyped word_being_typed(const std::string& typed, const std::vector<Word>& words) {
  WordBeingTyped w;
  if (words.empty() || words.back().token.end != typed.size() || words.back().in_compound) {
    return w;
  }
  const Token& last = words.back().token;
  w.head = typed.substr(0, last.start);
  w.exact = last.exact;
  w.folded = last.folded;
  if (words.size() > 1) w.previous = words[words.size() - 2].token.folded;
  return w;
}

}  // namespace

// A reader on glass can lose its revision when two commits land during one request; each retry
// starts on the newest, so only a writer committing continuously could exhaust these.
constexpr int kMaxReopens = 10;

// Whether `e` can come of a writer reusing blocks of the revision being read. Glass checks a
// block's revision when it reads it, and says DatabaseModifiedError; but a block rewritten while
// it was being copied passes that check with the rest of it new, and the read then fails in
// whatever way the new bytes make it: DatabaseCorruptError ("Expected block 11 to be level 1,
// not 0", seen while opening during a reindex), DocNotFoundError for a document the match has
// just returned (every docid the searcher looks up comes from the same revision's postings), or
// a plain DatabaseError ("EOF reading block 858796846"); each seen in a test that commits every
// 20 documents while three clients search (HttpApiTest.ReindexWhileQueryingLosesNoRequest). The
// newest revision then reads cleanly (read_as_damaged); a database really damaged reads so on
// the newest revision too, and is reported then. A generation a rebuild removed between
// following the link and opening it (DatabaseOpeningError) is lost the same way: the next
// attempt follows the link again.
bool lost_revision(const Xapian::Error& e) {
  const std::string_view type = e.get_type();  // Xapian::Error has no virtual functions to cast
  return type == "DatabaseModifiedError" || type == "DatabaseCorruptError" ||
         type == "DocNotFoundError" || type == "DatabaseError" || type == "DatabaseOpeningError";
}

// Whether `e` says a block read as damaged: a block reused under the reader, or really damaged.
// Only a newer revision can tell which, so one is retried once, and only on a newer revision.
bool read_as_damaged(const Xapian::Error& e) {
  const std::string_view type = e.get_type();
  return type == "DatabaseCorruptError" || type == "DocNotFoundError" || type == "DatabaseError";
}

Status damaged(const std::filesystem::path& db, const Xapian::Error& e) {
  return Status::unavailable("the index " + db.string() + " is damaged (" + e.get_description() +
                             "): rebuild it with tracuu-index --rebuild");
}

// What escaped the engine that is not Xapian's: memory ran out, or this request met a case
// the code did not foresee (an index or a stored value out of range). The request gets an
// answer saying so, as a request error, and the server goes on.
Status unexpected(const std::exception& e) {
  if (dynamic_cast<const std::bad_alloc*>(&e)) return Status::unavailable("out of memory");
  return Status::invalid_argument(std::string("cannot answer this request: ") + e.what());
}

// Whether a newer revision than the one `db` was reading has been committed.
bool revision_moved_on(Xapian::Database& db) {
  try {
    return db.reopen();
  } catch (const Xapian::Error&) {
    return false;
  }
}

Result<std::unique_ptr<Searcher>> Searcher::open(const std::filesystem::path& db,
                                                 std::shared_ptr<RevisionCache> cache) {
  // Opening races commits too: a revision read while opening can be discarded under it.
  for (int attempt = 0;; ++attempt) {
    try {
      if (!cache) cache = std::make_shared<RevisionCache>();
      std::unique_ptr<Searcher> searcher(new Searcher(db, cache));
      if (std::string why = schema::stamp_mismatch(searcher->db_); !why.empty()) {
        return Status::invalid_argument("index " + db.string() + " was " + why +
                                        ": rebuild it with tracuu-index --db " + db.string() +
                                        " --rebuild FOLDER...");
      }
      searcher->facet_columns();  // read now, not in the first search (28 ms at 20,000 docs)
      return searcher;
    } catch (const Xapian::Error& e) {
      if (read_as_damaged(e) && attempt >= 1) return damaged(db, e);
      if (!lost_revision(e) || attempt >= kMaxReopens) {
        return Status::unavailable("cannot open index " + db.string() + ": " + e.get_description());
      }
    } catch (const std::exception& e) {
      return unexpected(e);
    }
  }
}

bool Searcher::newer_index_exists() {
  return current_generation(path_) != generation_ || revision_moved_on(db_);
}

template <typename T, typename F>
Result<T> Searcher::on_latest(F&& body) {
  int damaged_reads = 0;
  for (int attempt = 0;; ++attempt) {
    try {
      move_to_latest();
      return body();
    } catch (const Xapian::InvalidArgumentError& e) {
      return Status::invalid_argument(e.get_msg());
    } catch (const Xapian::Error& e) {
      if (!lost_revision(e)) return Status::unavailable("index error: " + e.get_description());
      // A damaged read is retried once, on a newer revision; on the newest, or again, it is
      // damage.
      if (read_as_damaged(e) && (damaged_reads++ > 0 || !newer_index_exists())) {
        return damaged(path_, e);
      }
      if (attempt >= kMaxReopens) {
        return Status::unavailable(
            (newer_index_exists() ? "index changing too fast: " : "index error: ") +
            e.get_description());
      }
    } catch (const std::exception& e) {
      return unexpected(e);
    }
  }
}

namespace {

// Whether relaxing a query that found nothing to "any word" could find something.
bool has_several_words(const std::string& query) {
  QueryTerms terms;
  build_query(query, &terms);
  return terms.folded.size() + terms.compound.size() >= 2;
}

}  // namespace

namespace {

// What an answer holds, roughly: its strings and a fixed share for the rest of each part.
size_t approximate_bytes(const SearchResult& r) {
  size_t bytes = sizeof(SearchResult);
  for (const Hit& h : r.hits) {
    const DocumentMetadata& m = h.document.meta;
    bytes += sizeof(Hit) + h.snippet.size() + m.title.size() + m.issuer.size() +
             h.document.source.path.size() + 64 * (m.directives.size() + 4);
  }
  return bytes + facet_bytes(r.facets);
}

}  // namespace

Result<SearchResult> Searcher::search(const SearchRequest& request) {
  if (Status s = validate(request); !s.is_ok()) return s;
  return on_latest<SearchResult>([&]() -> Result<SearchResult> {
    const IndexRevision revision = current_revision();
    const std::string key = answer_key(request);
    if (auto known = cache_->answer(revision, key)) return *known;
    SearchResult result = run(request, WordMatch::kEveryWord);
    if (result.total == 0 && has_several_words(request.query)) {
      result = run(request, WordMatch::kAnyWord);
      result.relaxed = true;
    }
    if (!result.count_basis.cut_short) {
      auto answer = std::make_shared<const SearchResult>(result);
      cache_->remember_answer(revision, key, answer, approximate_bytes(result));
    }
    return result;
  });
}

namespace {

// Undated documents sort last both ways: as the latest date ascending, the earliest descending
// (an empty value already sorts first).
void sort_by_date(Xapian::Enquire& enquire, SortOrder sort, Xapian::MultiValueKeyMaker& by_date) {
  if (sort == SortOrder::kRelevance) return;
  if (sort == SortOrder::kDateAsc) by_date.add_value(schema::kDateSlot, false, "99999999");
  if (sort == SortOrder::kDateDesc) by_date.add_value(schema::kDateSlot, true);
  enquire.set_sort_by_key_then_relevance(&by_date, false);
}

}  // namespace

namespace {

// The hits of ranked entries: metadata, and a snippet around the query's words.
std::vector<Hit> make_hits(const Xapian::Database& db, const std::vector<RankedOrder::Entry>& ranks,
                           const QueryTerms& terms, const std::vector<std::string>& located) {
  std::vector<Hit> hits;
  for (const RankedOrder::Entry& entry : ranks) {
    Xapian::Document xd = db.get_document(entry.docid);
    const std::string data = xd.get_data();
    Hit hit;
    hit.document = decode_metadata(data);
    hit.score = entry.weight;
    hit.snippet = make_snippet(stored_text(data), terms, locate(db, entry.docid, xd, located));
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace

// A page's hits, in its order.
std::vector<Hit> Searcher::hits(const std::vector<RankedOrder::Entry>& page,
                                const QueryTerms& terms) {
  return make_hits(db_, page, terms, terms.located_words());
}

SearchResult Searcher::run(const SearchRequest& request, WordMatch match) {
  const QueryRecipe recipe{request, match};
  QueryTerms terms;
  bool match_all = recipe.words(Ranking::kFull, &terms).get_type() == Xapian::Query::LEAF_MATCH_ALL;

  // Counting the matches (match_counts.hpp) needs no weights at all; its result is remembered for
  // the next page or sort of the same search, as are the first ranks for the next page. A page then
  // costs its documents and snippets.
  SearchResult result;
  const IndexRevision revision = current_revision();
  const std::string key = counts_key(request, match);
  std::optional<ResultCounts> counts = cache_->find(revision, key);
  const RememberedCounts remembered = [cache = cache_, revision](const QueryRecipe& other) {
    return cache->find(revision, counts_key(other.request, other.match));
  };

  // Browsing without a query: relevance means nothing, so newest first.
  SortOrder sort = request.sort;
  if (sort == SortOrder::kRelevance && match_all) sort = SortOrder::kDateDesc;
  const size_t offset = (request.page - 1) * request.size;
  const size_t end = offset + request.size;
  std::shared_ptr<const RankedOrder> order = ranks(ranks_key(key, sort), sort, recipe, end);
  std::vector<RankedOrder::Entry> page(order->ranks.begin() + std::min(offset, order->ranks.size()),
                                       order->ranks.begin() + std::min(end, order->ranks.size()));
  result.hits = hits(page, terms);

  if (!counts) {
    counts = count_matches(db_, recipe, *facet_columns(), remembered);
    if (!counts->basis.cut_short) cache_->remember(revision, key, *counts);
  }
  result.total = counts->total;
  result.count_basis = counts->basis;
  result.facets = std::move(counts->facets);
  return result;
}

std::shared_ptr<const RankedOrder> Searcher::ranks(const std::string& key, SortOrder sort,
                                                   const QueryRecipe& recipe, size_t depth) {
  const IndexRevision revision = current_revision();
  std::shared_ptr<const RankedOrder> known = cache_->order(revision, key);
  if (known && (known->complete || known->ranks.size() >= depth)) return known;
  auto order = std::make_shared<const RankedOrder>(
      sort == SortOrder::kRelevance
          ? by_relevance(recipe, depth)
          : by_date(recipe.build(Ranking::kWithoutProximity), sort, depth));
  cache_->remember_order(revision, key, order);
  return order;
}

namespace {

// Appends the MSet's entries from `from` on.
void append(const Xapian::MSet& mset, size_t from, std::vector<RankedOrder::Entry>& out) {
  for (auto it = mset[from]; it != mset.end(); ++it) out.push_back({*it, it.get_weight()});
}

// The candidates (ascending docids, with their first-pass weights) with what each part of
// `proximity` adds to them: Xapian checks word positions in these documents only, and reads
// none of their other terms again. One query per part (see proximity_parts).
std::vector<RankedOrder::Entry> add_proximity(const Xapian::Database& db,
                                              const std::vector<Xapian::Query>& proximity,
                                              std::vector<RankedOrder::Entry> candidates) {
  std::vector<Xapian::docid> ids;
  for (const RankedOrder::Entry& c : candidates) ids.push_back(c.docid);
  for (const Xapian::Query& part : proximity) {
    Xapian::Enquire enquire(db);
    auto* source = new CandidateSource(ids);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, part, Xapian::Query(source->release())));
    Xapian::MSet near = enquire.get_mset(0, ids.size());
    std::vector<std::pair<Xapian::docid, double>> added;
    for (auto it = near.begin(); it != near.end(); ++it) added.emplace_back(*it, it.get_weight());
    std::sort(added.begin(), added.end());
    auto next = added.begin();
    for (RankedOrder::Entry& c : candidates) {
      if (next != added.end() && next->first == c.docid) c.weight += (next++)->second;
    }
  }
  return candidates;
}

bool ranks_before(const RankedOrder::Entry& a, const RankedOrder::Entry& b) {
  return a.weight != b.weight ? a.weight > b.weight : a.docid < b.docid;
}

bool by_docid(const RankedOrder::Entry& a, const RankedOrder::Entry& b) {
  return a.docid < b.docid;
}

}  // namespace

// The candidates ranked again with proximity: position lists are read in docid order, so the
// candidates are weighed in that order, then sorted by their new weight.
std::vector<RankedOrder::Entry> Searcher::rerank(const std::vector<Xapian::Query>& proximity,
                                                 std::vector<RankedOrder::Entry> candidates) {
  std::sort(candidates.begin(), candidates.end(), by_docid);
  std::vector<RankedOrder::Entry> ranks = add_proximity(db_, proximity, std::move(candidates));
  std::sort(ranks.begin(), ranks.end(), ranks_before);
  return ranks;
}

// Relevance in two passes. Every match is ranked without proximity; the first kRescoreWindow
// are then ranked again with what proximity adds to them, which Xapian checks in those
// documents only. Ranks past the window keep the first pass's order, so paging never repeats
// or skips a document.
RankedOrder Searcher::by_relevance(const QueryRecipe& recipe, size_t depth) {
  const std::vector<Xapian::Query> proximity = recipe.proximity();
  RankedOrder order;
  Xapian::Enquire first(db_);
  first.set_query(recipe.build(Ranking::kWithoutProximity));
  const size_t asked = proximity.empty() ? depth : std::max(kRescoreWindow, depth);
  Xapian::MSet firsts = first.get_mset(0, asked);
  size_t window = proximity.empty() ? 0 : std::min<size_t>(kRescoreWindow, firsts.size());
  if (window > 0) {
    std::vector<RankedOrder::Entry> candidates;
    append(firsts, 0, candidates);
    candidates.resize(window);
    order.ranks = rerank(proximity, std::move(candidates));
  }
  append(firsts, order.ranks.size(), order.ranks);
  order.complete = firsts.size() < asked;
  return order;
}

RankedOrder Searcher::by_date(const Xapian::Query& query, SortOrder sort, size_t depth) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  Xapian::MultiValueKeyMaker by_date;
  sort_by_date(enquire, sort, by_date);
  RankedOrder order;
  Xapian::MSet mset = enquire.get_mset(0, depth);
  append(mset, 0, order.ranks);
  order.complete = mset.size() < depth;
  return order;
}

Searcher::Searcher(std::filesystem::path db, std::shared_ptr<RevisionCache> cache)
    : path_(std::move(db)), cache_(std::move(cache)) {
  attach(current_generation(path_));
}

void Searcher::attach(const std::filesystem::path& generation) {
  db_ = Xapian::Database(generation.string());
  generation_ = generation;
  uuid_ = db_.get_uuid();
}

void Searcher::move_to_latest() {
  const std::filesystem::path generation = current_generation(path_);
  if (generation == generation_) {
    db_.reopen();
    // A plain directory replaced by a rebuild's link under this handle: its reopen() read the
    // new generation's revision file, which its open tables do not belong to.
    if (db_.get_uuid() == uuid_) return;
  }
  attach(generation);
}

IndexRevision Searcher::current_revision() const { return {uuid_, db_.get_revision()}; }

Searcher::~Searcher() = default;

std::shared_ptr<const FacetColumns> Searcher::facet_columns() {
  const IndexRevision revision = current_revision();
  if (auto known = cache_->columns(revision)) return known;
  std::vector<Xapian::valueno> slots, multi;
  for (const FacetField& f : facet_fields()) {
    slots.push_back(f.slot);
    if (f.multi) multi.push_back(f.slot);
  }
  auto loaded = FacetColumns::load(db_, slots, multi, schema::kMultiValueSeparator);
  cache_->remember_columns(revision, loaded);
  return loaded;
}

std::shared_ptr<const WordSpellings> Searcher::word_spellings() {
  const IndexRevision revision = current_revision();
  if (auto known = cache_->spellings(revision)) return known;
  auto loaded = WordSpellings::load(db_);
  cache_->remember_spellings(revision, loaded);
  return loaded;
}

Result<DocumentView> Searcher::document(const std::string& id, const std::string& highlight_query) {
  return on_latest<DocumentView>([&]() -> Result<DocumentView> {
    std::string term = std::string(schema::kId) + id;
    if (id.empty() || term.size() > 240) return Status::not_found("no document with this id");
    auto p = db_.postlist_begin(term);
    if (p == db_.postlist_end(term)) return Status::not_found("no document with id " + id);
    DocumentView view;
    view.document = decode_document(db_.get_document(*p).get_data());
    for (const Directive& d : view.document.meta.directives) {
      view.cites.push_back({d, first_document_id(db_, std::string(schema::kNumber) + d.key)});
    }
    const std::string& key = view.document.meta.number_key;
    if (!key.empty()) {
      const std::string citing = std::string(schema::kCites) + key;
      view.cited_by = newest_with(db_, citing, 0, kCitedByShown);
      view.cited_by_count = db_.get_termfreq(citing);
    }
    if (!highlight_query.empty()) {
      QueryTerms terms;
      build_query(highlight_query, &terms);
      view.highlighted_text = highlight_all(view.document.text, terms);
    }
    return view;
  });
}

namespace {

// The content type a downloaded file is served as, by what its reader found it to be.
std::string content_type_of(const std::string& format) {
  static const std::map<std::string, std::string> types = {
      {"pdf", "application/pdf"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"odt", "application/vnd.oasis.opendocument.text"},
      {"doc", "application/msword"},
      {"rtf", "application/rtf"},
      {"html", "text/html; charset=utf-8"},
      {"edxml", "application/xml"},
      {"txt", "text/plain"}};
  auto it = types.find(format);
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

Result<OriginalFile> Searcher::original_file(const std::string& id) {
  // The document and its file's record, at one revision.
  using Indexed = std::pair<Document, std::string>;
  Result<Indexed> indexed = on_latest<Indexed>([&]() -> Result<Indexed> {
    std::string term = std::string(schema::kId) + id;
    if (id.empty() || term.size() > 240) return Status::not_found("no document with this id");
    auto p = db_.postlist_begin(term);
    if (p == db_.postlist_end(term)) return Status::not_found("no document with id " + id);
    Document doc = decode_metadata(db_.get_document(*p).get_data());
    std::string record =
        db_.get_metadata(schema::term(schema::kFileRecord, file_key(doc.source.path)));
    return Indexed{std::move(doc), record};
  });
  if (!indexed.is_ok()) return indexed.status();
  const Document& doc = indexed->first;
  // Where the file was read from, as its record says: documents show a path below their folder.
  const FileRecord record = FileRecord::parse(indexed->second);
  const std::string& recorded = record.hash;
  const std::string& path = record.path;
  std::error_code ec;
  if (path.empty() || !std::filesystem::is_regular_file(path, ec)) {
    return Status::not_found("the original file of " + id + " is no longer on the server");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in || in.bad()) return Status::unavailable("the original file of " + id + " cannot be read");
  OriginalFile file{bytes.str(), content_type_of(doc.source.format),
                    std::filesystem::path(path).filename().string()};
  if (recorded.empty() || content_hash(file.bytes) != recorded) {
    return Status::unavailable("the original file of " + id +
                               " has changed since it was indexed; reindex to serve it");
  }
  return file;
}

Result<DirectiveView> Searcher::directive(const std::string& id, size_t page, size_t size) {
  if (Status s = validate_paging(page, size, kMaxCitingPageSize); !s.is_ok()) return s;
  auto number = parse_document_number(to_nfc(id));
  if (!number) return Status::not_found("not a document number: " + id);
  return on_latest<DirectiveView>([&]() -> Result<DirectiveView> {
    DirectiveView view;
    view.id = number->display;
    const std::string citing = std::string(schema::kCites) + number->key;
    view.count = db_.get_termfreq(citing);
    view.documents = newest_with(db_, citing, (page - 1) * size, size);
    view.document_id = first_document_id(db_, std::string(schema::kNumber) + number->key);
    if (view.count == 0 && view.document_id.empty()) {
      return Status::not_found("no indexed document is or cites " + number->display);
    }
    // The number as the newest citing document writes it (how facets show it), and its kind.
    // Page 1 already holds it; a later page reads it alone rather than copy the page.
    const std::vector<Document> first =
        page == 1 ? std::vector<Document>{} : newest_with(db_, citing, 0, 1);
    for (const Document& d : page == 1 ? view.documents : first) {
      for (const Directive& cited : d.meta.directives) {
        if (cited.key != number->key) continue;
        if (view.kind.empty()) view.kind = cited.kind;
        view.id = cited.id;
      }
      if (!view.kind.empty()) break;
    }
    if (view.kind.empty() && !view.document_id.empty()) {
      auto p = db_.postlist_begin(std::string(schema::kNumber) + number->key);
      view.kind = decode_metadata(db_.get_document(*p).get_data()).meta.type;
    }
    return view;
  });
}

Result<std::vector<Suggestion>> Searcher::suggest(const std::string& prefix, size_t limit) {
  const std::string typed = to_nfc(prefix);
  const std::vector<Word> typed_words = words_of(typed);
  const std::string folded = folded_words(typed_words);
  if (folded.empty()) return std::vector<Suggestion>{};
  return on_latest<std::vector<Suggestion>>([&]() -> Result<std::vector<Suggestion>> {
    std::vector<Suggestion> out;
    // Issuers and cited directives, from the facet values of the whole index.
    ResultCounts everything =
        count_whole_index(db_, {"issuer", "directive"}, *facet_columns(), kMaxFacetSize);
    for (const char* field : {"issuer", "directive"}) {
      for (const FacetValue& v : everything.facets[field]) {
        if (out.size() >= limit) break;
        if (word_starts_with(facet_key(v.value), folded)) out.push_back({v.value, field, v.count});
      }
    }
    // Frequent words completing the last word typed, spelled as the documents spell them,
    // after the words typed before it as they were typed, those that follow the word before
    // first.
    const WordBeingTyped last = word_being_typed(typed, typed_words);
    if (last.folded.empty()) return out;
    bool marked = last.exact != last.folded;  // "bá": only completions that start so ("bán", "bác")
    std::vector<std::pair<Xapian::doccount, std::string>> words;
    for (auto t = db_.allterms_begin(last.folded);
         t != db_.allterms_end(last.folded) && words.size() < 2000; ++t) {
      words.emplace_back(t.get_termfreq(), *t);
    }
    std::sort(words.begin(), words.end(), std::greater<>());
    // After a word typed before it, the completions that follow that word in the documents come
    // first: "nong th" → "nong thôn" before the more frequent "thực".
    if (!last.previous.empty()) follow_first(db_, last.previous, words);
    std::shared_ptr<const WordSpellings> spellings = word_spellings();
    for (const auto& [count, word] : words) {
      if (out.size() >= limit) break;
      std::string spelled = spellings->spelling_of(word, count);
      if (marked && spelled.compare(0, last.exact.size(), last.exact) != 0) continue;
      out.push_back({last.head + spelled, "term", count});
    }
    return out;
  });
}

Result<size_t> Searcher::document_count() {
  return on_latest<size_t>([&]() -> Result<size_t> { return size_t{db_.get_doccount()}; });
}

}  // namespace tracuu
