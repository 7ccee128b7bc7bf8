// The query side of the engine: search with filters and facets, documents, directives and
// suggestions, over a database tracuu-index writes. No HTTP here; server/ wraps it.
//
// Not thread-safe: Xapian handles share state through non-atomic reference counts, so each
// thread owns its Searcher (the HTTP server keeps one per worker). Every call first moves to the
// latest committed revision of the index the path names now (a rebuild's new generation
// included: index_generation.hpp), so a reindex running alongside is picked up without a
// restart; a call that races a commit is retried on the new revision.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tracuu/document.hpp"
#include "tracuu/query.hpp"
#include "tracuu/result_counts.hpp"
#include "tracuu/revision_cache.hpp"
#include "tracuu/status.hpp"

namespace tracuu {

enum class SortOrder { kRelevance, kDateDesc, kDateAsc };

// The facet fields, in display order.
inline const std::vector<std::string> kFacetFields = {"issuer", "year", "type", "province",
                                                      "directive"};

struct SearchRequest {
  std::string query;
  // Filters: OR within a field, AND across fields. Values as facets display them.
  std::map<std::string, std::vector<std::string>> filters;  // field → values
  std::string from, to;                                     // ISO dates, inclusive; empty for open
  SortOrder sort = SortOrder::kRelevance;
  size_t page = 1;   // from 1
  size_t size = 10;  // at most kMaxPageSize
  std::vector<std::string> facets = kFacetFields;
  size_t facet_size = 20;
};

inline constexpr size_t kMaxPageSize = 100;
inline constexpr size_t kMaxFacetSize = 1000;

struct Hit {
  Document document;  // metadata and source; text is left empty in hits
  double score = 0;
  std::string snippet;  // HTML: escaped text with <mark> around matches
};

// Counts are exact while a search matches at most this many documents: every match is counted.
// Beyond, they are estimated from the smallest sample of the archive (schema::kSample) expected
// to hold at most this many matches, so a search costs about the same in an archive of 50,000
// documents and of millions.
inline constexpr size_t kExactCountBound = 10000;
// Counting stops after this long whatever the bound; the page of hits is still the best found,
// and the counts are what was counted by then.
inline constexpr double kCountSeconds = 1.0;

struct SearchResult {
  size_t total = 0;  // matching documents: exact, or an estimate as count_basis says
  CountBasis count_basis;
  bool relaxed = false;  // no document had every word: these have some (WordMatch::kAnyWord)
  // When the query finds little: the query the user may have meant (did_you_mean.hpp), offered
  // and never applied; empty otherwise.
  std::string did_you_mean;
  std::vector<Hit> hits;
  std::map<std::string, std::vector<FacetValue>> facets;  // field → values by count
};

struct Citation {
  Directive directive;
  std::string document_id;  // the cited document when it is itself indexed, else empty
};

// A document cited by thousands (a Central Committee directive) must not make its page or a
// directive's answer list them all: lists of citing documents come a page at a time, newest
// first, with the number of them all.
inline constexpr size_t kCitedByShown = 20;    // on a document's page
inline constexpr size_t kCitingPageSize = 20;  // a directive's page, unless asked otherwise
inline constexpr size_t kMaxCitingPageSize = 100;

struct DocumentView {
  Document document;             // with its full text
  std::string highlighted_text;  // HTML of the text with the query's matches marked, if asked
  std::vector<Citation> cites;
  std::vector<Document> cited_by;  // the newest kCitedByShown citing this one (metadata only)
  size_t cited_by_count = 0;       // every document citing this one
};

// The file a document was read from, as it was indexed, for download.
struct OriginalFile {
  std::string bytes;
  std::string content_type;   // "application/pdf"
  std::string download_name;  // the file's own name
};

struct DirectiveView {
  std::string id;                   // display form
  std::string kind;                 // as the citing documents name it
  std::vector<Document> documents;  // a page of who cites it, newest first (metadata only)
  size_t count = 0;                 // every document citing it
  std::string document_id;          // the directive itself when indexed
};

struct Suggestion {
  std::string text;
  std::string kind;  // "issuer", "directive", "term"
  size_t count = 0;
};

// Relevance ranks every match without proximity, then re-ranks this many of the best with it.
inline constexpr size_t kRescoreWindow = 200;

struct QueryRecipe;

class Searcher {
 public:
  // kUnavailable when the database cannot be opened; kInvalidArgument when it was built by
  // another schema version or with other analysis tables (schema::stamp_mismatch).
  // `cache`, when given, is shared with the other Searchers of the same database (the HTTP
  // server passes one per database to every worker).
  static Result<std::unique_ptr<Searcher>> open(const std::filesystem::path& db,
                                                std::shared_ptr<RevisionCache> cache = nullptr);

  // kInvalidArgument for bad dates, sizes or facet names; kUnavailable when the database
  // cannot be read.
  Result<SearchResult> search(const SearchRequest& request);
  // kNotFound for an unknown id.
  Result<DocumentView> document(const std::string& id, const std::string& highlight_query = {});
  // The bytes of the file document `id` was read from, found by the id alone (never by a path
  // a request names). kNotFound for an unknown id or a file gone from disk; kUnavailable when
  // the file changed since it was indexed, so what is served is always what was indexed.
  Result<OriginalFile> original_file(const std::string& id);
  // `id` in any spelling that canonicalises to it; kNotFound when nothing cites or bears it;
  // kInvalidArgument for a page outside 1..100000 or a size outside 1..kMaxCitingPageSize.
  Result<DirectiveView> directive(const std::string& id, size_t page = 1,
                                  size_t size = kCitingPageSize);
  Result<std::vector<Suggestion>> suggest(const std::string& prefix, size_t limit = 10);
  Result<size_t> document_count();

  ~Searcher();

 private:
  Searcher(std::filesystem::path db, std::shared_ptr<RevisionCache> cache);
  // Opens a fresh handle on `generation` (index_generation.hpp).
  void attach(const std::filesystem::path& generation);
  // Moves to the latest revision of the index `path_` names now: a reopen() of the handle
  // when the index is the same, a fresh handle when a rebuild switched it (another generation
  // directory, another UUID), which reopen() would never see.
  void move_to_latest();
  // Whether a revision newer than db_'s, or another generation, has been committed.
  bool newer_index_exists();
  // The index and revision db_ is at, which everything the cache holds is keyed by.
  IndexRevision current_revision() const;
  SearchResult run(const SearchRequest& request, WordMatch match);
  // Ranks [0, depth) of a search in `sort` (at least: a remembered order may hold more), from
  // the cache under `key` or ranked now.
  std::shared_ptr<const RankedOrder> ranks(const std::string& key, SortOrder sort,
                                           const QueryRecipe& recipe, size_t depth);
  // The facet columns of db_'s revision, from the cache or read now.
  std::shared_ptr<const FacetColumns> facet_columns();
  // The usual spellings of words at db_'s revision, from the cache or read now.
  std::shared_ptr<const WordSpellings> word_spellings();
  // Runs `body` on the latest revision, retrying once if a commit lands meanwhile.
  template <typename T, typename F>
  Result<T> on_latest(F&& body);

  std::filesystem::path path_;        // as configured (--db)
  std::filesystem::path generation_;  // the directory db_ reads
  std::string uuid_;                  // db_'s index
  Xapian::Database db_;
  std::shared_ptr<RevisionCache> cache_;
};

}  // namespace tracuu
