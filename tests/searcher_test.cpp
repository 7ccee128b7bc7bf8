// The search engine without HTTP: relevance, query syntax, filters and facets (checked against
// counts made by hand from the seed documents), sorting, documents, directives, suggestions.
#include "tracuu/searcher.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "test_support.hpp"
#include "tracuu/index_writer.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/query.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {
namespace {

using testing::TempDir;
using testing::write_file;

// Builds an index of `roots` in `db`, failing the test on any error.
void build_index(const std::filesystem::path& db, const std::vector<std::filesystem::path>& roots) {
  auto writer = IndexWriter::open(db, /*rebuild=*/true);
  ASSERT_TRUE(writer.is_ok()) << writer.status().message();
  auto summary = writer.value()->index(roots);
  ASSERT_TRUE(summary.is_ok()) << summary.status().message();
  ASSERT_TRUE(summary->failed.empty()) << summary->failed[0].error;
}

// Three short letters that differ only in the tone of "ban" (the analyzer issue's example).
const char* kBanDocs[][2] = {
    {"ban_giao.txt", "Bàn giao hàng hóa cho các đơn vị trong tháng."},
    {"ban_hang.txt", "Bán hàng hóa tại chợ trung tâm của huyện."},
    {"ban_lau_nam.txt", "Bạn hàng lâu năm của hợp tác xã được khen thưởng."},
};

class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    for (const auto& [name, text] : kBanDocs) write_file(*dir_ / "ban" / name, text);
    build_index(*dir_ / "ban.db", {*dir_ / "ban"});
    build_index(*dir_ / "corpus.db", {testing::corpus_dir()});
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    auto ban = Searcher::open(*dir_ / "ban.db");
    auto corpus = Searcher::open(*dir_ / "corpus.db");
    ASSERT_TRUE(ban.is_ok() && corpus.is_ok());
    ban_ = std::move(ban.value());
    corpus_ = std::move(corpus.value());
  }

  static SearchResult search(Searcher& s, SearchRequest r) {
    auto result = s.search(r);
    EXPECT_TRUE(result.is_ok()) << result.status().message();
    return result.is_ok() ? result.value() : SearchResult{};
  }
  static SearchResult search(Searcher& s, const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.size = 100;
    return search(s, r);
  }
  // The source file name of each hit, in rank order.
  static std::vector<std::string> files(const SearchResult& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits)
      out.push_back(std::filesystem::path(h.document.source.path).filename().string());
    return out;
  }
  // The hit with this document number in the corpus index.
  Document by_number(const std::string& number) {
    SearchResult r = search(*corpus_, number);
    for (const Hit& h : r.hits) {
      if (h.document.meta.number == number) return h.document;
    }
    ADD_FAILURE() << "no document numbered " << number;
    return {};
  }

  static TempDir* dir_;
  std::unique_ptr<Searcher> ban_, corpus_;
};

TempDir* SearcherTest::dir_ = nullptr;

TEST_F(SearcherTest, TypedDiacriticsRankTheExactFormFirst) {
  EXPECT_EQ(files(search(*ban_, "bán hàng")).front(), "ban_hang.txt");
  EXPECT_EQ(files(search(*ban_, "bạn hàng")).front(), "ban_lau_nam.txt");
  EXPECT_EQ(files(search(*ban_, "bàn hàng")).front(), "ban_giao.txt");
  EXPECT_EQ(search(*ban_, "ban hang").total, 3u);
  EXPECT_EQ(search(*ban_, "BAN HANG").total, 3u);
}

TEST_F(SearcherTest, PhrasesKeepTheOrderOfSyllables) {
  std::vector<std::string> hang_hoa = files(search(*ban_, "\"hàng hóa\""));
  EXPECT_EQ(std::set<std::string>(hang_hoa.begin(), hang_hoa.end()),
            (std::set<std::string>{"ban_giao.txt", "ban_hang.txt"}));
  EXPECT_EQ(search(*ban_, "\"hoa hang\"").total, 0u);
  // Old tone placement in the query still matches the phrase.
  EXPECT_EQ(search(*ban_, "\"hàng hoá\"").total, 2u);
  std::vector<std::string> ban_hang = files(search(*ban_, "\"ban hang\""));
  EXPECT_EQ(std::set<std::string>(ban_hang.begin(), ban_hang.end()),
            (std::set<std::string>{"ban_hang.txt", "ban_lau_nam.txt"}));
}

TEST_F(SearcherTest, ExclusionAndOr) {
  // Without diacritics an excluded word excludes every form ("cho" and "chợ"); with them, only
  // the form typed.
  EXPECT_EQ(files(search(*ban_, "ban hang -cho")), std::vector<std::string>{"ban_lau_nam.txt"});
  for (const char* q : {"ban hang -chợ", "ban hang -\"tai cho\""}) {
    std::vector<std::string> kept = files(search(*ban_, q));
    EXPECT_EQ(std::set<std::string>(kept.begin(), kept.end()),
              (std::set<std::string>{"ban_giao.txt", "ban_lau_nam.txt"}))
        << q;
  }
  EXPECT_EQ(search(*ban_, "giao OR chợ").total, 2u);
  EXPECT_EQ(search(*ban_, "khen OR \"tại chợ\"").total, 2u);
}

// A query whose words no single document has all of (a title pasted with extra words) falls
// back to documents with some of them, most first, and says so.
TEST_F(SearcherTest, AQueryNoDocumentFullyMatchesIsRelaxedAndSaysSo) {
  SearchResult strict = search(*ban_, "bán hàng");
  EXPECT_FALSE(strict.relaxed);
  SearchResult r = search(*ban_, "bán hàng hóa tại chợ năm 2025 do Chủ tịch ban hành");
  EXPECT_TRUE(r.relaxed);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(files(r).front(), "ban_hang.txt");
  // Phrases and exclusions still hold when relaxed.
  SearchResult kept = search(*ban_, "\"hàng hóa\" giao khen -chợ");
  EXPECT_TRUE(kept.relaxed);
  EXPECT_EQ(files(kept), std::vector<std::string>{"ban_giao.txt"});
  // One word that matches nothing is not relaxed into anything.
  EXPECT_EQ(search(*ban_, "zzzkhongco").total, 0u);
}

TEST_F(SearcherTest, AnythingTypedGivesResultsNotErrors) {
  for (const char* q : {"\"bán hàng", "bán AND ( hàng", ")))", "\"", "-", "OR", "ban OR OR hang",
                        "AND (", "hàng\"hóa", "-\"\"", "***", "…"}) {
    SearchRequest request;
    request.query = q;
    auto r = ban_->search(request);
    EXPECT_TRUE(r.is_ok()) << q;
  }
  EXPECT_GE(search(*ban_, "\"bán hàng").total, 1u);
  EXPECT_GE(search(*ban_, "bán AND ( hàng").total, 1u);
}

TEST_F(SearcherTest, NoDiacriticsQueryFindsAndMarksTheText) {
  SearchResult r = search(*corpus_, "hang viet ve nong thon");
  ASSERT_GE(r.total, 1u);
  EXPECT_NE(r.hits[0].snippet.find("<mark>nông</mark> <mark>thôn</mark>"), std::string::npos)
      << r.hits[0].snippet;
}

TEST_F(SearcherTest, ADocumentNumberPutsThatDocumentFirstThenItsCiters) {
  for (const char* q : {"02-KH/BCĐ", "02/KH-BCĐ", "kế hoạch số 02-KH/BCD", "02-kh/bcđ"}) {
    SearchResult r = search(*corpus_, q);
    ASSERT_GE(r.hits.size(), 2u) << q;
    EXPECT_EQ(r.hits[0].document.meta.number, "02-KH/BCĐ") << q;
    // The cover letter 1512/UBND-KT forwards (cites) it.
    EXPECT_EQ(r.hits[1].document.meta.number, "1512/UBND-KT") << q;
  }
  // 03-CT/TW is not itself indexed: the documents citing it come first.
  for (const char* q : {"03-CT/TW", "chỉ thị 03/CT-TW", "chi thi so 03-CT/TW"}) {
    SearchResult r = search(*corpus_, q);
    ASSERT_GE(r.hits.size(), 5u) << q;
    for (size_t i = 0; i < 5; ++i) {
      const auto& ds = r.hits[i].document.meta.directives;
      EXPECT_TRUE(
          std::any_of(ds.begin(), ds.end(), [](const Directive& d) { return d.id == "03-CT/TW"; }))
          << q << " hit " << i;
    }
  }
}

TEST_F(SearcherTest, EveryTitleTypedWithoutDiacriticsFindsItsDocumentInTheTopThree) {
  SearchResult all = search(*corpus_, "");
  ASSERT_EQ(all.total, 8u);
  for (const Hit& h : all.hits) {
    const std::string& title = h.document.meta.title;
    if (title.empty()) continue;
    SearchResult r = search(*corpus_, fold_diacritics(title));
    std::vector<std::string> top;
    for (size_t i = 0; i < std::min<size_t>(3, r.hits.size()); ++i) {
      top.push_back(r.hits[i].document.id);
    }
    EXPECT_NE(std::find(top.begin(), top.end(), h.document.id), top.end()) << title;
  }
}

// The seed documents by hand (see corpus/): 004 is a bundle of four — the cover letter
// 1512/UBND-KT of UBND Tây Ninh (10/5/2022, Công văn), the Ban Chỉ đạo's plans of 15/4/2022 and
// 29/4/2022 (02-KH/BCĐ), and UBND Tây Ninh's plan of 2021; then Khoái Châu (2020), Quận 7 (2023),
// Cà Mau (2017) and Khánh Hòa's Liên đoàn Lao động (2022). Five cite Chỉ thị 03-CT/TW.
struct FilterCase {
  std::map<std::string, std::vector<std::string>> filters;
  std::string from, to;
  size_t expected;
};

TEST_F(SearcherTest, FiltersMatchAHandCountAndFacetsCountTheWholeResult) {
  const FilterCase cases[] = {
      {{{"year", {"2022"}}}, "", "", 4},
      {{{"year", {"2022", "2021"}}}, "", "", 5},
      {{{"province", {"Tây Ninh"}}}, "", "", 4},
      {{{"province", {"Tây Ninh"}}, {"type", {"Kế hoạch"}}}, "", "", 3},
      {{{"province", {"tay ninh"}}, {"type", {"ke hoach"}}}, "", "", 3},
      {{{"issuer", {"Ủy ban nhân dân tỉnh Tây Ninh"}}}, "", "", 2},
      {{{"type", {"Công văn"}}}, "", "", 2},
      {{{"directive", {"03-CT/TW"}}}, "", "", 5},
      {{{"directive", {"03/CT-TW"}}}, "", "", 5},
      {{{"directive", {"634/QĐ-TTg"}}, {"year", {"2017"}}}, "", "", 1},
      {{{"year", {"1999"}}}, "", "", 0},
      {{}, "2022-04-20", "2022-05-31", 2},
      {{}, "2022-04-15", "2022-04-15", 1},
      {{{"type", {"Kế hoạch"}}}, "2022-01-01", "", 2},
  };
  for (const FilterCase& c : cases) {
    SearchRequest r;
    r.filters = c.filters;
    r.from = c.from;
    r.to = c.to;
    r.size = 100;
    SearchResult result = search(*corpus_, r);
    EXPECT_EQ(result.total, c.expected) << c.from << ".." << c.to;
    EXPECT_EQ(result.hits.size(), c.expected);
    // Each facet counts the hits of the search without that field's own filter: the other
    // filters narrow it, its own does not, so its other values stay on offer.
    auto by_value = [](const SearchResult& hits, const std::string& field) {
      std::map<std::string, size_t> counts;
      for (const Hit& h : hits.hits) {
        const DocumentMetadata& m = h.document.meta;
        if (field == "year" && m.year > 0) ++counts[std::to_string(m.year)];
        if (field == "type" && !m.type.empty()) ++counts[m.type];
      }
      return counts;
    };
    for (const std::string field : {"year", "type"}) {
      SearchRequest others = r;
      others.filters.erase(field);
      std::map<std::string, size_t> facet;
      for (const FacetValue& v : result.facets[field]) facet[v.value] = v.count;
      EXPECT_EQ(facet, by_value(search(*corpus_, others), field)) << field;
    }
  }
  // Picking a second year widens the result to either year, by what its facet promised.
  SearchRequest one;
  one.filters = {{"year", {"2022"}}};
  SearchResult first = search(*corpus_, one);
  ASSERT_EQ(first.total, 4u);
  ASSERT_GE(first.facets["year"].size(), 2u) << "the other years stay on offer";
  const FacetValue& other =
      first.facets["year"][0].value == "2022" ? first.facets["year"][1] : first.facets["year"][0];
  one.filters["year"].push_back(other.value);
  EXPECT_EQ(search(*corpus_, one).total, first.total + other.count);
}

TEST_F(SearcherTest, FacetCountsCoverEveryMatchNotJustThePage) {
  SearchRequest r;
  r.size = 1;
  SearchResult result = search(*corpus_, r);
  EXPECT_EQ(result.total, 8u);
  EXPECT_EQ(result.hits.size(), 1u);
  std::map<std::string, size_t> years;
  for (const FacetValue& v : result.facets["year"]) years[v.value] = v.count;
  EXPECT_EQ(years, (std::map<std::string, size_t>{
                       {"2017", 1}, {"2020", 1}, {"2021", 1}, {"2022", 4}, {"2023", 1}}));
  ASSERT_FALSE(result.facets["directive"].empty());
  EXPECT_EQ(result.facets["directive"][0].value, "03-CT/TW");
  EXPECT_EQ(result.facets["directive"][0].count, 5u);
  r.facets = {"year"};
  r.facet_size = 2;
  result = search(*corpus_, r);
  EXPECT_EQ(result.facets.size(), 1u);
  EXPECT_EQ(result.facets["year"].size(), 2u);
  EXPECT_EQ(result.facets["year"][0].value, "2022");
}

TEST_F(SearcherTest, DateSortsPutUndatedDocumentsLast) {
  for (SortOrder order : {SortOrder::kDateDesc, SortOrder::kDateAsc}) {
    SearchRequest r;
    r.query = "cuộc vận động";
    r.sort = order;
    r.size = 100;
    SearchResult result = search(*corpus_, r);
    ASSERT_GE(result.hits.size(), 3u);
    std::vector<std::string> dates;
    for (const Hit& h : result.hits) dates.push_back(h.document.meta.date);
    auto dated_end = std::stable_partition(dates.begin(), dates.end(),
                                           [](const std::string& d) { return !d.empty(); });
    EXPECT_TRUE(std::all_of(dated_end, dates.end(), [](auto& d) { return d.empty(); }));
    std::vector<std::string> dated(dates.begin(), dated_end);
    ASSERT_GE(dated.size(), 3u);
    std::vector<std::string> got;
    for (const Hit& h : result.hits) got.push_back(h.document.meta.date);
    got.resize(dated.size());
    EXPECT_EQ(got, dated) << "undated documents must come after dated ones";
    if (order == SortOrder::kDateDesc) {
      EXPECT_TRUE(std::is_sorted(dated.rbegin(), dated.rend()));
    } else {
      EXPECT_TRUE(std::is_sorted(dated.begin(), dated.end()));
    }
  }
}

TEST_F(SearcherTest, PagesPartitionTheResults) {
  std::set<std::string> seen;
  for (size_t page = 1; page <= 3; ++page) {
    SearchRequest r;
    r.page = page;
    r.size = 3;
    SearchResult result = search(*corpus_, r);
    EXPECT_EQ(result.total, 8u);
    EXPECT_EQ(result.hits.size(), page < 3 ? 3u : 2u);
    for (const Hit& h : result.hits) EXPECT_TRUE(seen.insert(h.document.id).second);
  }
  SearchRequest beyond;
  beyond.page = 50;
  EXPECT_TRUE(search(*corpus_, beyond).hits.empty());
}

TEST_F(SearcherTest, DocumentsLinkWhatTheyCiteAndWhoCitesThem) {
  Document plan = by_number("02-KH/BCĐ");
  Document letter = by_number("1512/UBND-KT");
  auto plan_view = corpus_->document(plan.id, "nong thon");
  ASSERT_TRUE(plan_view.is_ok());
  ASSERT_EQ(plan_view->cited_by.size(), 1u);
  EXPECT_EQ(plan_view->cited_by[0].id, letter.id);
  EXPECT_FALSE(plan_view->document.text.empty());
  EXPECT_NE(plan_view->highlighted_text.find("<mark>nông</mark>"), std::string::npos);

  auto letter_view = corpus_->document(letter.id);
  ASSERT_TRUE(letter_view.is_ok());
  EXPECT_TRUE(letter_view->highlighted_text.empty());
  bool linked = false;
  for (const Citation& c : letter_view->cites) {
    if (c.directive.id == "02-KH/BCĐ") linked = c.document_id == plan.id;
    if (c.directive.id == "03-CT/TW") {
      EXPECT_TRUE(c.document_id.empty());
    }
  }
  EXPECT_TRUE(linked);

  for (const char* id : {"", "nope", "d43f6c674657-99", "../../etc/passwd"}) {
    auto missing = corpus_->document(id);
    ASSERT_FALSE(missing.is_ok());
    EXPECT_EQ(missing.status().code(), Status::Code::kNotFound) << id;
  }
}

TEST_F(SearcherTest, DirectivesListWhoImplementsThem) {
  for (const char* spelling : {"03-CT/TW", "03/CT-TW", "3-ct/tw", "03 - CT/TW"}) {
    auto view = corpus_->directive(spelling);
    ASSERT_TRUE(view.is_ok()) << spelling << ": " << view.status().message();
    EXPECT_EQ(view->id, "03-CT/TW");
    EXPECT_EQ(view->kind, "Chỉ thị");
    EXPECT_EQ(view->documents.size(), 5u);
    EXPECT_TRUE(view->document_id.empty());
    for (size_t i = 1; i < view->documents.size(); ++i) {
      const std::string& newer = view->documents[i - 1].meta.date;
      const std::string& older = view->documents[i].meta.date;
      if (!older.empty()) {
        EXPECT_GE(newer, older);
      }
    }
  }
  auto plan = corpus_->directive("06-KH-BCĐ");  // a slip for 02's sibling plan, cited once
  ASSERT_TRUE(plan.is_ok());
  EXPECT_EQ(plan->documents.size(), 1u);
  auto indexed = corpus_->directive("02/KH-BCĐ");
  ASSERT_TRUE(indexed.is_ok());
  EXPECT_EQ(indexed->document_id, by_number("02-KH/BCĐ").id);
  for (const char* id : {"999/QĐ-XYZ", "hello", "", "03"}) {
    auto missing = corpus_->directive(id);
    ASSERT_FALSE(missing.is_ok()) << id;
    EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  }
}

// A directive cited by thousands must not make a page or an answer list them all: the cited
// document shows its newest kCitedByShown citers and how many there are; the directive's answer
// comes a page at a time, newest first, undated last, each citer exactly once.
TEST_F(SearcherTest, CitingDocumentsComeAPageAtATime) {
  TempDir work;
  write_file(work / "docs" / "ct.txt",
             "BAN CHẤP HÀNH TRUNG ƯƠNG\nSố: 03-CT/TW\nHà Nội, ngày 19 tháng 5 năm 2021\nCHỈ THỊ\n"
             "Về tăng cường sự lãnh đạo của Đảng đối với cuộc vận động\n");
  const size_t dated = 40, undated = 5;
  for (size_t i = 0; i < dated + undated; ++i) {
    std::string date = i < dated ? "Đông Anh, ngày " + std::to_string(1 + i % 28) + " tháng " +
                                       std::to_string(1 + i % 12) + " năm " +
                                       std::to_string(2021 + i % 4) + "\n"
                                 : "";
    write_file(work / "docs" / ("kh" + std::to_string(100 + i) + ".txt"),
               "ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG ANH\nSố: " + std::to_string(100 + i) + "/KH-UBND\n" +
                   date +
                   "KẾ HOẠCH\nTriển khai cuộc vận động\nThực hiện Chỉ thị số 03-CT/TW ngày "
                   "19/5/2021 của Ban Bí thư, Ủy ban nhân dân huyện xây dựng kế hoạch.\n");
  }
  build_index(work / "db", {work / "docs"});
  auto searcher = Searcher::open(work / "db");
  ASSERT_TRUE(searcher.is_ok());

  std::vector<Document> all;
  for (size_t page = 1; page <= 6; ++page) {
    auto view = searcher.value()->directive("03/CT-TW", page, 10);
    ASSERT_TRUE(view.is_ok()) << view.status().message();
    EXPECT_EQ(view->count, dated + undated);
    EXPECT_EQ(view->id, "03-CT/TW");
    EXPECT_EQ(view->kind, "Chỉ thị");
    EXPECT_FALSE(view->document_id.empty());
    EXPECT_LE(view->documents.size(), 10u);
    all.insert(all.end(), view->documents.begin(), view->documents.end());
  }
  ASSERT_EQ(all.size(), dated + undated);
  std::set<std::string> ids;
  for (const Document& d : all) ids.insert(d.id);
  EXPECT_EQ(ids.size(), all.size()) << "a citer listed twice";
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].meta.date.empty(), i >= dated) << "undated last, rank " << i;
    if (i > 0 && i < dated) {
      EXPECT_GE(all[i - 1].meta.date, all[i].meta.date) << "newest first, rank " << i;
    }
  }

  auto cited = searcher.value()->document(searcher.value()->directive("03-CT/TW")->document_id);
  ASSERT_TRUE(cited.is_ok());
  EXPECT_EQ(cited->cited_by_count, dated + undated);
  ASSERT_EQ(cited->cited_by.size(), kCitedByShown);
  for (size_t i = 0; i < kCitedByShown; ++i) EXPECT_EQ(cited->cited_by[i].id, all[i].id);

  for (auto [page, size] :
       {std::pair<size_t, size_t>{0, 10}, {1, 0}, {1, kMaxCitingPageSize + 1}}) {
    auto bad = searcher.value()->directive("03-CT/TW", page, size);
    ASSERT_FALSE(bad.is_ok());
    EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  }
}

TEST_F(SearcherTest, SuggestionsCompleteIssuersDirectivesAndWords) {
  auto has = [](const std::vector<Suggestion>& list, const std::string& text) {
    return std::any_of(list.begin(), list.end(), [&](auto& s) { return s.text == text; });
  };
  auto issuers = corpus_->suggest("tay n");
  ASSERT_TRUE(issuers.is_ok());
  EXPECT_TRUE(has(issuers.value(), "Ủy ban nhân dân tỉnh Tây Ninh"));
  auto directives = corpus_->suggest("03-c");
  ASSERT_TRUE(directives.is_ok());
  EXPECT_TRUE(has(directives.value(), "03-CT/TW"));
  // Words complete as the documents spell them, after the words typed as typed.
  auto words = corpus_->suggest("nong th");
  ASSERT_TRUE(words.is_ok());
  EXPECT_LE(words->size(), 10u);
  EXPECT_TRUE(has(words.value(), "nong thôn"));
  EXPECT_TRUE(has(corpus_->suggest("Nông th").value(), "Nông thôn"));
  // The word that follows the one typed before comes first, ahead of more frequent ones
  // ("thực", "thủ"): in the seed documents "nông" is followed by "thôn" and never by them.
  auto term_texts = [](const std::vector<Suggestion>& list) {
    std::vector<std::string> out;
    for (const Suggestion& s : list) {
      if (s.kind == "term") out.push_back(s.text);
    }
    return out;
  };
  ASSERT_FALSE(term_texts(words.value()).empty());
  EXPECT_EQ(term_texts(words.value())[0], "nong thôn");
  EXPECT_EQ(term_texts(corpus_->suggest("uy ban nhan d").value())[0], "uy ban nhan dân");
  EXPECT_EQ(term_texts(corpus_->suggest("hang v").value())[0], "hang việt");
  auto marked = corpus_->suggest("thô");  // typed with marks: only words that start so
  ASSERT_TRUE(marked.is_ok());
  ASSERT_FALSE(marked->empty());
  for (const Suggestion& s : marked.value()) {
    if (s.kind == "term") {
      EXPECT_EQ(s.text.rfind("thô", 0), 0u) << s.text;
    }
  }
  EXPECT_TRUE(corpus_->suggest("").value().empty());
  EXPECT_TRUE(corpus_->suggest("zzzzqqq").value().empty());
}

// The request is cut into words by the analyzer, as queries and documents are: punctuation typed
// around words (a phrase's quote, a parenthesis, a number's joiners) neither hides the word being
// typed nor the word before it.
TEST_F(SearcherTest, SuggestionsReadTheRequestAsTheAnalyzerCutsIt) {
  auto term_texts_of = [](const std::vector<Suggestion>& list) {
    std::vector<std::string> out;
    for (const Suggestion& s : list) {
      if (s.kind == "term") out.push_back(s.text);
    }
    return out;
  };
  auto first_term = [&](const std::string& typed) -> std::string {
    auto list = corpus_->suggest(typed);
    EXPECT_TRUE(list.is_ok()) << typed;
    for (const Suggestion& s : list.value()) {
      if (s.kind == "term") return s.text;
    }
    return "";
  };
  EXPECT_EQ(first_term("\"nong th"), "\"nong thôn");
  EXPECT_EQ(first_term("(nông th"), "(nông thôn");
  EXPECT_EQ(first_term("hàng, v"), "hàng, việt");
  // Ending between words, nothing is being typed: no word completes.
  EXPECT_EQ(first_term("nong,"), "");
  EXPECT_EQ(first_term("nong "), "");
  // A number typed with other joiners still finds the directive; inside it, no word completes.
  auto number = corpus_->suggest("03/CT-T");
  ASSERT_TRUE(number.is_ok());
  ASSERT_FALSE(number->empty());
  EXPECT_EQ(number->front().text, "03-CT/TW");
  for (const Suggestion& s : number.value()) EXPECT_NE(s.kind, "term") << s.text;
  // A number's parts are not words of their own: "kh" completes words, not every "…-KH/…".
  auto kh = corpus_->suggest("kh");
  ASSERT_TRUE(kh.is_ok());
  ASSERT_FALSE(term_texts_of(kh.value()).empty());
  for (const Suggestion& s : kh.value()) EXPECT_NE(s.kind, "directive") << s.text;
}

TEST_F(SearcherTest, BadRequestsAreInvalidArguments) {
  std::vector<SearchRequest> bad(9);
  bad[8].from = "2024-02-30";
  bad[0].size = 0;
  bad[1].size = kMaxPageSize + 1;
  bad[2].page = 0;
  bad[3].from = "2022-13-01";
  bad[4].to = "10/5/2022";
  bad[5].facets = {"colour"};
  bad[6].filters["colour"] = {"red"};
  bad[7].facet_size = 0;
  for (const SearchRequest& r : bad) {
    auto result = corpus_->search(r);
    ASSERT_FALSE(result.is_ok());
    EXPECT_EQ(result.status().code(), Status::Code::kInvalidArgument);
    EXPECT_FALSE(result.status().message().empty());
  }
}

// Counts are remembered across pages and sorts, and forgotten when the index changes.
TEST_F(SearcherTest, RememberedCountsFollowTheIndex) {
  TempDir work;
  for (const auto& [name, text] : kBanDocs) write_file(work / "docs" / name, text);
  build_index(work / "db", {work / "docs"});
  auto searcher = Searcher::open(work / "db");
  ASSERT_TRUE(searcher.is_ok());
  SearchRequest r;
  r.query = "hang";
  r.size = 1;
  EXPECT_EQ(search(*searcher.value(), r).total, 3u);
  r.page = 2;
  r.sort = SortOrder::kDateDesc;
  EXPECT_EQ(search(*searcher.value(), r).total, 3u);
  EXPECT_TRUE(search(*searcher.value(), r).facets["year"].empty());
  r.page = 1;
  ASSERT_EQ(search(*searcher.value(), r).hits.size(), 1u);
  const std::string newest_before = search(*searcher.value(), r).hits[0].document.id;
  write_file(work / "docs" / "more.txt", "Hà Nội, ngày 3 tháng 4 năm 2024\nHàng mới về kho.");
  auto writer = IndexWriter::open(work / "db", false);
  ASSERT_TRUE(writer.is_ok());
  ASSERT_TRUE(writer.value()->index({work / "docs"}).is_ok());
  writer.value().reset();  // releases the lock
  SearchResult after = search(*searcher.value(), r);
  EXPECT_EQ(after.total, 4u);
  ASSERT_EQ(after.hits.size(), 1u);
  EXPECT_NE(after.hits[0].document.id, newest_before) << "the remembered page is not served";
  EXPECT_EQ(after.hits[0].document.meta.date, "2024-04-03");
  ASSERT_EQ(after.facets["year"].size(), 1u) << "facet columns are read again";
  EXPECT_EQ(after.facets["year"][0].value, "2024");
  EXPECT_EQ(after.facets["year"][0].count, 1u);
}

// A request seen before at the same revision is answered as it was, and only that request:
// every page, sort, size and filter is an answer of its own.
TEST_F(SearcherTest, RememberedAnswersAreTheAnswersOfTheirOwnRequest) {
  auto cache = std::make_shared<RevisionCache>();
  auto remembering = Searcher::open(*dir_ / "corpus.db", cache);
  auto fresh = Searcher::open(
      *dir_ / "corpus.db",
      std::make_shared<RevisionCache>(RevisionCache::Limits{.counts = 0, .answer_bytes = 0}));
  ASSERT_TRUE(remembering.is_ok() && fresh.is_ok());
  std::vector<SearchRequest> requests;
  for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kDateDesc, SortOrder::kDateAsc}) {
    for (size_t page : {1, 2, 3}) {
      SearchRequest r;
      r.query = "kế hoạch";
      r.sort = sort;
      r.page = page;
      r.size = 2;
      requests.push_back(r);
      r.size = 3;
      requests.push_back(r);
      r.filters["year"] = {"2022"};
      requests.push_back(r);
    }
  }
  auto ids = [](const SearchResult& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.document.id + "|" + h.snippet);
    return out;
  };
  for (int round = 0; round < 2; ++round) {  // the second round is answered from the cache
    for (const SearchRequest& r : requests) {
      SearchResult expected = search(*fresh.value(), r);
      SearchResult got = search(*remembering.value(), r);
      EXPECT_EQ(ids(got), ids(expected)) << r.page << " " << r.size << " " << int(r.sort);
      EXPECT_EQ(got.total, expected.total);
      EXPECT_EQ(got.facets.at("year").size(), expected.facets.at("year").size());
    }
  }
}

// Ranking never changes what matches: the total counted without boosts is the set ranked with
// them, for every kind of clause the syntax has.
TEST_F(SearcherTest, EveryRankingMatchesTheSameDocuments) {
  Xapian::Database db((*dir_ / "corpus.db").string());
  const char* queries[] = {"hàng Việt về nông thôn",    "hang viet ve nong thon",
                           "\"cuộc vận động\"",         "03-CT/TW",
                           "ủy ban nhân dân tỉnh",      "ubnd tinh",
                           "kế hoạch -covid",           "tuyên truyền OR khen thưởng",
                           "-\"ban chỉ đạo\" kế hoạch", "Kế hoạch tổ chức các hoạt động"};
  auto matches = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    std::set<Xapian::docid> ids;
    Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    for (auto it = all.begin(); it != all.end(); ++it) ids.insert(*it);
    return ids;
  };
  for (const char* q : queries) {
    std::set<Xapian::docid> full = matches(build_query(q, nullptr));
    EXPECT_FALSE(full.empty()) << q;
    EXPECT_EQ(matches(build_query(q, nullptr, WordMatch::kEveryWord, Ranking::kWithoutProximity)),
              full)
        << q;
    EXPECT_EQ(matches(build_query(q, nullptr, WordMatch::kEveryWord, Ranking::kMatchOnly)), full)
        << q;
    EXPECT_EQ(search(*corpus_, q).total, full.size()) << q;
  }
}

// Re-ranking adds to each of the best candidates what proximity weighs in it, pair by pair:
// each part of proximity_parts matches exactly the documents where its two words stand side by
// side (read from their positions here), and a hit's score is its weight without proximity
// plus the weights of the parts that match it. Nothing here trusts Xapian with phrases under an
// OR: Xapian 1.4.22 sometimes miscounts their weight (on real documents an OR of the pairs
// filtered to the candidates credited a document with a pair it does not have).
TEST_F(SearcherTest, ProximityAddsWhatEachPairStandingTogetherWeighs) {
  Xapian::Database db((*dir_ / "corpus.db").string());
  auto weights = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    std::map<Xapian::docid, double> out;
    Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    for (auto it = all.begin(); it != all.end(); ++it) out[*it] = it.get_weight();
    return out;
  };
  auto side_by_side = [&](Xapian::docid d, const std::string& a, const std::string& b) {
    std::set<Xapian::termpos> before;
    for (auto p = db.positionlist_begin(d, a); p != db.positionlist_end(d, a); ++p) {
      before.insert(*p);
    }
    for (auto p = db.positionlist_begin(d, b); p != db.positionlist_end(d, b); ++p) {
      if (before.count(*p - 1)) return true;
    }
    return false;
  };
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  const std::pair<const char*, Pairs> cases[] = {
      {"hàng Việt về nông thôn",
       {{"hang", "viet"}, {"viet", "ve"}, {"ve", "nong"}, {"nong", "thon"}}},
      {"ủy ban nhân dân tỉnh", {{"uy", "ban"}, {"ban", "nhan"}, {"nhan", "dan"}, {"dan", "tinh"}}},
      {"\"cuộc vận động\" hàng Việt", {{"hang", "viet"}}},
      {"kế hoạch tổ chức -covid", {{"ke", "hoach"}, {"hoach", "to"}, {"to", "chuc"}}}};
  size_t lifted = 0;
  for (const auto& [query, pairs] : cases) {
    std::vector<Xapian::Query> parts = proximity_parts(query);
    ASSERT_EQ(parts.size(), pairs.size()) << query;
    std::map<Xapian::docid, double> plain =
        weights(build_query(query, nullptr, WordMatch::kEveryWord, Ranking::kWithoutProximity));
    ASSERT_FALSE(plain.empty()) << query;
    std::map<Xapian::docid, double> expected = plain;
    for (size_t i = 0; i < parts.size(); ++i) {
      std::map<Xapian::docid, double> added = weights(parts[i]);
      for (const auto& [id, weight] : plain) {
        bool together = side_by_side(id, pairs[i].first, pairs[i].second);
        EXPECT_EQ(added.count(id) == 1, together) << query << " document " << id;
        if (!together) continue;
        expected[id] += added.at(id);
        ++lifted;
      }
    }
    SearchRequest request;
    request.query = query;
    request.size = 50;
    SearchResult result = search(*corpus_, request);
    ASSERT_EQ(result.hits.size(), plain.size()) << query;
    for (size_t k = 0; k < result.hits.size(); ++k) {
      auto p = db.postlist_begin(std::string(schema::kId) + result.hits[k].document.id);
      EXPECT_NEAR(result.hits[k].score, expected.at(*p), 1e-9) << query << " hit " << k;
      if (k > 0) {
        EXPECT_GE(result.hits[k - 1].score, result.hits[k].score) << query;
      }
    }
  }
  EXPECT_GT(lifted, 10u);  // proximity was weighed, not absent

  // One side of an OR with its words side by side in a document matched by the other side
  // only: the full query never weighs that side's proximity there.
  TempDir work;
  write_file(work / "docs" / "other_side.txt", "Nông thôn được khen thưởng.");
  write_file(work / "docs" / "this_side.txt", "Xây dựng nông thôn mới.");
  build_index(work / "db", {work / "docs"});
  db = Xapian::Database((work / "db").string());
  std::vector<Xapian::Query> parts = proximity_parts("nông,thôn,mới OR khen");
  ASSERT_EQ(parts.size(), 2u);
  for (const Xapian::Query& part : parts) EXPECT_EQ(weights(part).size(), 1u);
  EXPECT_EQ(weights(build_query("nông,thôn,mới OR khen", nullptr)).size(), 2u);
  EXPECT_TRUE(proximity_parts("\"nông thôn\" -covid").empty());
}

// The whole re-ranked window, over two pages and with the idle core's help: every score is the
// first pass's weight plus exactly the pairs that stand together in the document, each pair
// weighed by a phrase query of its own over every document. Documents of shuffled syllables,
// so that most pairs stand together in some documents and apart in others.
TEST_F(SearcherTest, ReRankingCountsOnlyPairsThatStandTogether) {
  TempDir work;
  std::mt19937 shuffle(7);
  const std::vector<std::string> syllables = {"an",  "bình", "cao", "dân", "em", "gia", "hà",
                                              "khu", "lâm",  "mỹ",  "nam", "ô",  "phú", "quy"};
  for (int d = 0; d < 400; ++d) {
    std::string text;
    for (int w = 0, n = 20 + static_cast<int>(shuffle() % 60); w < n; ++w) {
      text += syllables[shuffle() % syllables.size()] + " ";
    }
    // Appended, not "d" + ... + ".txt": g++ 12 -O3 warns on that (-Wrestrict, a false positive).
    std::string name = "d";
    name += std::to_string(d);
    name += ".txt";
    write_file(work / "docs" / name, text);
  }
  build_index(work / "db", {work / "docs"});
  Xapian::Database db((work / "db").string());
  const std::string query = "an bình cao dân em";
  const std::vector<std::string> words = {"an", "binh", "cao", "dan", "em"};
  std::map<Xapian::docid, double> expected;
  Xapian::Enquire plain(db);
  plain.set_query(build_query(query, nullptr, WordMatch::kEveryWord, Ranking::kWithoutProximity));
  Xapian::MSet all = plain.get_mset(0, db.get_doccount());
  for (auto it = all.begin(); it != all.end(); ++it) expected[*it] = it.get_weight();
  ASSERT_GT(expected.size(), 20u);
  size_t lifted = 0;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    Xapian::Query both[] = {Xapian::Query(words[i]), Xapian::Query(words[i + 1])};
    Xapian::Enquire pair(db);  // a phrase alone, over every document, is weighed right
    pair.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, both, both + 2, 2));
    Xapian::MSet together = pair.get_mset(0, db.get_doccount());
    for (auto it = together.begin(); it != together.end(); ++it) {
      if (!expected.count(*it)) continue;
      expected[*it] += it.get_weight();
      ++lifted;
    }
  }
  ASSERT_GT(lifted, 20u);
  auto searcher = Searcher::open(work / "db");
  ASSERT_TRUE(searcher.is_ok());
  SearchRequest request;
  request.query = query;
  request.size = 100;
  size_t checked = 0;
  for (request.page = 1; request.page <= 2; ++request.page) {
    SearchResult result = search(*searcher.value(), request);
    for (const Hit& hit : result.hits) {
      auto p = db.postlist_begin(std::string(schema::kId) + hit.document.id);
      EXPECT_NEAR(hit.score, expected.at(*p), 1e-9) << "document " << hit.document.id;
      ++checked;
    }
  }
  EXPECT_EQ(checked, std::min<size_t>(expected.size(), 200));
}

// An abbreviation finds its expansion spelled out and the reverse; words of the expansion
// standing apart are not the expansion (typed out, they still match, after it).
TEST_F(SearcherTest, AbbreviationsMatchTheirExpansionsBothWays) {
  TempDir work;
  write_file(work / "docs" / "spelled.txt", "Ủy ban nhân dân huyện ban hành kế hoạch.");
  write_file(work / "docs" / "short.txt", "UBND huyện ban hành kế hoạch.");
  write_file(work / "docs" / "apart.txt",
             "Ban chấp hành ủy quyền cho nhân viên và dân quân huyện.");
  write_file(work / "docs" / "education.txt", "Sở Giáo dục và Đào tạo tổ chức kỳ thi.");
  write_file(work / "docs" / "education_short.txt", "Sở GD&ĐT tổ chức kỳ thi.");
  build_index(work / "db", {work / "docs"});
  auto searcher = Searcher::open(work / "db");
  ASSERT_TRUE(searcher.is_ok());
  auto files = [&](const std::string& q) {
    SearchRequest r;
    r.query = q;
    std::set<std::string> names;
    for (const Hit& h : search(*searcher.value(), r).hits) {
      names.insert(std::filesystem::path(h.document.source.path).stem().string());
    }
    return names;
  };
  const std::set<std::string> both{"short", "spelled"};
  EXPECT_EQ(files("UBND huyện"), both);
  EXPECT_EQ(files("ubnd"), both);
  for (const char* q : {"ủy ban nhân dân", "uy ban nhan dan huyen"}) {
    SearchRequest r;
    r.query = q;
    SearchResult result = search(*searcher.value(), r);
    ASSERT_EQ(result.hits.size(), 3u) << q;
    std::set<std::string> first_two;
    for (size_t i = 0; i < 2; ++i) {
      first_two.insert(std::filesystem::path(result.hits[i].document.source.path).stem());
    }
    EXPECT_EQ(first_two, both) << q;
  }
  EXPECT_EQ(files("GD&ĐT"), (std::set<std::string>{"education", "education_short"}));
  EXPECT_EQ(files("giáo dục và đào tạo"), (std::set<std::string>{"education", "education_short"}));
}

// Relevance ranks every match without proximity, then re-ranks the first kRescoreWindow with
// it. Here the short letters with the words apart rank first without proximity, then the
// medium ones with "nông thôn" together, then long ones with the words apart, past the window:
// proximity must lift the medium letters to the top, and pages straddling the window's edge
// must give every match exactly once.
TEST_F(SearcherTest, RelevanceRerankedWithinTheWindowPagesNeitherRepeatNorSkip) {
  TempDir work;
  const size_t short_apart = kRescoreWindow - 20, together = 20, long_apart = 37;
  auto letter = [&](const std::string& name, size_t i, const std::string& body) {
    write_file(work / "docs" / (name + std::to_string(1000 + i) + ".txt"),
               "Công văn số " + std::to_string(i) + " " + body);
  };
  const std::string padding =
      " Các phòng ban chuyên môn của huyện, các xã và thị trấn phối hợp "
      "thực hiện nghiêm túc, báo cáo kết quả đúng thời hạn quy định.";
  for (size_t i = 0; i < short_apart; ++i) letter("a", i, "nông nghiệp, thôn xóm.");
  for (size_t i = 0; i < together; ++i) letter("b", i, "về nông thôn mới trong huyện nhà.");
  for (size_t i = 0; i < long_apart; ++i) letter("c", i, "nông nghiệp, thôn xóm." + padding);
  build_index(work / "db", {work / "docs"});
  // The same pages whether ranked afresh each time, from a remembered order (deeper pages rank
  // again, deeper), or as remembered answers; read forwards or backwards.
  auto open = [&](RevisionCache::Limits limits) {
    auto s = Searcher::open(work / "db", std::make_shared<RevisionCache>(limits));
    EXPECT_TRUE(s.is_ok());
    return std::move(s.value());
  };
  auto fresh = open({.counts = 0, .answer_bytes = 0});
  auto orders = open({.answer_bytes = 0}), answers = open({});
  const size_t total = short_apart + together + long_apart;
  const size_t pages = (total + 8) / 9;  // pages 22 and 23 straddle the window's edge at 200
  auto read = [&](Searcher& searcher, bool backwards) {
    std::vector<std::vector<std::string>> by_page(pages + 1);
    SearchRequest r;
    r.query = "nông thôn";
    r.size = 9;
    r.facets = {};
    for (size_t k = 1; k <= pages + 1; ++k) {
      r.page = backwards ? pages + 2 - k : k;
      SearchResult page = search(searcher, r);
      EXPECT_EQ(page.total, total);
      for (const Hit& h : page.hits) {
        by_page[r.page - 1].push_back(
            std::filesystem::path(h.document.source.path).filename().string());
      }
    }
    EXPECT_TRUE(by_page[pages].empty()) << "a page past the end";
    std::vector<std::string> seen;
    for (const auto& page : by_page) seen.insert(seen.end(), page.begin(), page.end());
    return seen;
  };
  std::vector<std::string> seen = read(*fresh, false);
  ASSERT_EQ(seen.size(), total);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size()) << "repeated";
  for (size_t i = 0; i < seen.size(); ++i) {
    char group = i < together ? 'b' : i < together + short_apart ? 'a' : 'c';
    EXPECT_EQ(seen[i][0], group) << "rank " << i << ": " << seen[i];
  }
  EXPECT_EQ(read(*orders, false), seen);
  EXPECT_EQ(read(*orders, true), seen);
  EXPECT_EQ(read(*answers, true), seen);
  EXPECT_EQ(read(*answers, false), seen);
}

// tracuu-index --rebuild over the index a searcher reads writes a new generation and switches
// the path to it; the old index is never answered from again, although the rebuilt one has
// reached the same revision number (one commit each) and the searcher remembers the old
// answers, counts and facet columns by revision. Its answers are those of a searcher opened on
// the new index, and the old generation is gone from the disk.
TEST_F(SearcherTest, AnIndexRebuiltUnderASearcherDoesNotBringItDown) {
  TempDir work;
  build_index(work / "db", {testing::corpus_dir()});
  auto s = Searcher::open(work / "db");
  ASSERT_TRUE(s.is_ok());
  const std::vector<std::string> queries = {"nông thôn", "hàng hóa", "kế hoạch", "03-CT/TW", ""};
  SearchRequest r;
  for (const std::string& q : queries) {
    r.query = q;
    search(*s.value(), r);  // remembered at the old index's revision
  }
  for (const auto& [name, text] : kBanDocs) write_file(work / "ban" / name, text);
  build_index(work / "db", {work / "ban"});
  auto fresh = Searcher::open(work / "db");
  ASSERT_TRUE(fresh.is_ok());
  std::set<std::string> ban_ids;
  for (const Hit& h : search(*fresh.value(), SearchRequest{}).hits) ban_ids.insert(h.document.id);
  ASSERT_EQ(ban_ids.size(), 3u);
  for (const std::string& q : queries) {
    r.query = q;
    const SearchResult old_searcher = search(*s.value(), r),
                       new_searcher = search(*fresh.value(), r);
    EXPECT_EQ(old_searcher.total, new_searcher.total) << q;
    EXPECT_EQ(old_searcher.facets, new_searcher.facets) << q;
    for (const Hit& h : old_searcher.hits) EXPECT_TRUE(ban_ids.count(h.document.id)) << q;
  }
  auto count = s.value()->document_count();
  ASSERT_TRUE(count.is_ok());
  EXPECT_EQ(count.value(), 3u);
  size_t generations = 0;
  for (const auto& entry : std::filesystem::directory_iterator(work.path())) {
    generations += entry.path().filename().string().rfind("db.gen-", 0) == 0;
  }
  EXPECT_EQ(generations, 1u) << "the old generation is removed";
}

// Requests that differ only in how a filter's values are cut never share an answer, counts or
// ranks: one issuer named "X\x1fY" (which the HTTP layer refuses, but the engine must not
// confuse) matches nothing, where the issuers X and Y match both of theirs.
TEST_F(SearcherTest, CacheKeysOfDifferentRequestsNeverMeet) {
  SearchRequest all;
  all.facets = {"issuer"};
  const std::vector<FacetValue> issuers = search(*corpus_, all).facets.at("issuer");
  ASSERT_GE(issuers.size(), 2u);
  SearchRequest two = all, joined = all;
  two.filters["issuer"] = {issuers[0].value, issuers[1].value};
  joined.filters["issuer"] = {issuers[0].value + '\x1f' + issuers[1].value};
  EXPECT_EQ(search(*corpus_, two).total, issuers[0].count + issuers[1].count);
  EXPECT_EQ(search(*corpus_, joined).total, 0u);
  joined.page = 2;  // the remembered counts and ranks, not the answer
  EXPECT_EQ(search(*corpus_, joined).total, 0u);
}

// A damaged table is reported as unavailable (after the retries a lost revision gets), never
// a crash, a hang or a result from garbage.
TEST_F(SearcherTest, ADamagedDatabaseIsUnavailable) {
  TempDir work;
  for (const auto& [name, text] : kBanDocs) write_file(work / "docs" / name, text);
  build_index(work / "db", {work / "docs"});
  const auto table = work / "db" / "postlist.glass";
  const std::string garbage(std::filesystem::file_size(table), '\x5a');
  write_file(table, garbage);
  auto s = Searcher::open(work / "db");
  if (s.is_ok()) {
    SearchRequest r;
    r.query = "hàng";
    auto result = s.value()->search(r);
    ASSERT_FALSE(result.is_ok());
    EXPECT_EQ(result.status().code(), Status::Code::kUnavailable);
    EXPECT_NE(result.status().message().find("damaged"), std::string::npos)
        << result.status().message();
  } else {
    EXPECT_EQ(s.status().code(), Status::Code::kUnavailable);
    const std::string& why = s.status().message();
    EXPECT_TRUE(why.find("cannot open index") != std::string::npos ||
                why.find("is damaged") != std::string::npos)
        << why;
  }
}

// An index of another schema version, or made with other analysis tables (data/), would be
// searched with terms it does not hold: the searcher refuses to open it (so tracuu-server
// refuses to start) and says to rebuild it.
TEST_F(SearcherTest, AnIndexOfAnotherSchemaOrAnalysisIsRefused) {
  TempDir work;
  for (const auto& [name, text] : kBanDocs) write_file(work / "docs" / name, text);
  build_index(work / "db", {work / "docs"});
  ASSERT_TRUE(Searcher::open(work / "db").is_ok());
  const std::pair<std::string_view, const char*> stamps[] = {{schema::kSchemaVersionKey, "schema"},
                                                             {schema::kAnalysisKey, "analysis"}};
  for (const auto& [key, what] : stamps) {
    for (const char* wrong : {"", "0123456789abcdef"}) {
      std::string kept;
      {
        Xapian::WritableDatabase db((work / "db").string());
        kept = db.get_metadata(std::string(key));
        db.set_metadata(std::string(key), wrong);
        db.commit();
      }
      auto refused = Searcher::open(work / "db");
      ASSERT_FALSE(refused.is_ok()) << what << " " << wrong;
      EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
      EXPECT_NE(refused.status().message().find(what), std::string::npos)
          << refused.status().message();
      EXPECT_NE(refused.status().message().find("--rebuild"), std::string::npos)
          << refused.status().message();
      Xapian::WritableDatabase db((work / "db").string());
      db.set_metadata(std::string(key), kept);
      db.commit();
    }
  }
  EXPECT_TRUE(Searcher::open(work / "db").is_ok());
}

TEST_F(SearcherTest, AMissingDatabaseIsUnavailable) {
  TempDir empty;
  auto s = Searcher::open(empty / "nothing-here");
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), Status::Code::kUnavailable);
}

}  // namespace
}  // namespace tracuu
