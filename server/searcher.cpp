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

#include "did_you_mean.hpp"
#include "document_views.hpp"
#include "facet_columns.hpp"
#include "facet_fields.hpp"
#include "hits.hpp"
#include "match_counts.hpp"
#include "original_file.hpp"
#include "ranking.hpp"
#include "read_errors.hpp"
#include "request_keys.hpp"
#include "search_request.hpp"
#include "suggestions.hpp"
#include "tracuu/document_number.hpp"
#include "tracuu/index_generation.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/schema.hpp"
#include "word_spellings.hpp"

namespace tracuu {

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
      searcher->facet_columns();  // read now, not in the first search
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
    size_t with_every_word = result.total;
    if (result.total == 0 && has_several_words(request.query)) {
      result = run(request, WordMatch::kAnyWord);
      result.relaxed = true;
    }
    if (with_every_word < kFewMatches && !request.query.empty()) {
      result.did_you_mean = did_you_mean(db_, request, with_every_word, *word_spellings());
    }
    if (!result.count_basis.cut_short) {
      auto answer = std::make_shared<const SearchResult>(result);
      cache_->remember_answer(revision, key, answer, approximate_bytes(result));
    }
    return result;
  });
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
  result.hits = make_hits(db_, page, terms);

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
          ? rank_by_relevance(db_, recipe, depth)
          : rank_by_date(db_, recipe.build(Ranking::kWithoutProximity), sort, depth));
  cache_->remember_order(revision, key, order);
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
  return on_latest<DocumentView>([&] { return document_view(db_, id, highlight_query); });
}

Result<OriginalFile> Searcher::original_file(const std::string& id) {
  // The document and its file's record are read at one revision; the file after.
  Result<IndexedFile> indexed = on_latest<IndexedFile>([&] { return indexed_file(db_, id); });
  if (!indexed.is_ok()) return indexed.status();
  return read_original_file(indexed.value());
}

Result<DirectiveView> Searcher::directive(const std::string& id, size_t page, size_t size) {
  if (Status s = validate_paging(page, size, kMaxCitingPageSize); !s.is_ok()) return s;
  auto number = parse_document_number(to_nfc(id));
  if (!number) return Status::not_found("not a document number: " + id);
  return on_latest<DirectiveView>([&] { return directive_view(db_, *number, page, size); });
}

Result<std::vector<Suggestion>> Searcher::suggest(const std::string& prefix, size_t limit) {
  return on_latest<std::vector<Suggestion>>([&]() -> Result<std::vector<Suggestion>> {
    return suggestions_for(db_, prefix, limit, *facet_columns(), *word_spellings());
  });
}

Result<size_t> Searcher::document_count() {
  return on_latest<size_t>([&]() -> Result<size_t> { return size_t{db_.get_doccount()}; });
}

}  // namespace tracuu
