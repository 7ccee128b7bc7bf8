// The query side of the one analyzer: what users type is parsed forgivingly, and the same text
// gives the same terms whether it is indexed or searched for.
#include "tracuu/query.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tracuu/analyzer.hpp"
#include "tracuu/document_codec.hpp"
#include "tracuu/document_number.hpp"
#include "tracuu/index_writer.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {

std::ostream& operator<<(std::ostream& out, const QueryClause& c) {
  return out << (c.excluded ? "-" : "") << (c.phrase ? "\"" : "") << c.text
             << (c.or_with_next ? " OR" : "");
}

namespace {

struct ParseCase {
  std::string query;
  std::vector<QueryClause> expected;
};

TEST(QueryTest, ParsingIsForgiving) {
  const ParseCase cases[] = {
      {"bán hàng", {{"bán"}, {"hàng"}}},
      {"\"nông thôn\" mới", {{"nông thôn", true}, {"mới"}}},
      {"\"nông thôn", {{"nông thôn", true}}},  // an unbalanced quote closes at the end
      {"chợ -\"tại chợ\" -cũ", {{"chợ"}, {"tại chợ", true, true}, {"cũ", false, true}}},
      {"giao OR chợ", {{"giao", false, false, true}, {"chợ"}}},
      {"OR giao OR", {{"giao"}}},
      {"bán AND hàng", {{"bán"}, {"hàng"}}},
      {"a - b", {{"a"}, {"-"}, {"b"}}},
      {"03-CT/TW", {{"03-CT/TW"}}},
      {"", {}},
      {"   \t ", {}},
  };
  for (const ParseCase& c : cases) {
    EXPECT_EQ(parse_query(c.query), c.expected) << c.query;
  }
}

TEST(QueryTest, ClausesAreCapped) {
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "a OR ";
  EXPECT_LE(parse_query(many).size(), kMaxQueryClauses);
  Xapian::Query q = build_query(many);
  EXPECT_FALSE(q.empty());
}

TEST(QueryTest, NothingSearchableMatchesEverything) {
  for (const char* q : {"", "  ", "\"\"", "…", "AND", "OR", "- - -"}) {
    EXPECT_EQ(build_query(q).get_type(), Xapian::Query::LEAF_MATCH_ALL) << q;
  }
}

// The terms an indexed text gets (free-text ones: folded, exact and compound).
std::set<std::string> document_terms(const std::string& text) {
  Document doc;
  doc.id = "test-1";
  doc.text = to_nfc(text);
  Analyzer analyzer;
  Xapian::Document xd = build_index_document(doc, analyzer);
  std::set<std::string> out;
  for (auto t = xd.termlist_begin(); t != xd.termlist_end(); ++t) {
    const std::string term = *t;
    bool free_text = term.empty() || !std::isupper(static_cast<unsigned char>(term[0])) ||
                     term[0] == 'E' || term[0] == 'K';
    if (free_text) out.insert(term);
  }
  return out;
}

std::set<std::string> query_terms(const std::string& text) {
  Xapian::Query q = build_query(to_nfc(text));
  return {q.get_terms_begin(), q.get_terms_end()};
}

// Every term a text is indexed under is also a term of the same text typed as a query, whatever
// its normalisation form, tone placement or case: the one-analyzer guarantee.
TEST(QueryTest, TheSameTextGivesTheSameTermsOnBothSides) {
  const char* texts[] = {
      "Hòa bình",
      "Hoà bình",
      "HOÀ BÌNH",
      "Ho\xCC\x80"
      "a bi\xCC\x80nh" /* NFD */,
      "Đồng Nai",
      "thuỷ lợi",
      "khoẻ mạnh",
      "quý già",
      "vịêt nam chât lựơng",
      "Chỉ thị số 03-CT/TW ngày 19/5/2021",
      "634/QĐ-TTg",
      "89/2018/TT-BTC",
      "Sở GD&ĐT",
      "COVID-19",
      "U.B.N.D. tỉnh",
      "C++ và AT&T",
      "BCĐTWCVD",
      "số 06-KH-BCĐ",
      "36/TTr- MTTQTW-BTT",
      "ngày 10 tháng 5 năm 2022",
      "Nghị quyết số: 78/2025/UBTVQH15",
  };
  for (const char* text : texts) {
    std::set<std::string> indexed = document_terms(text);
    std::set<std::string> searched = query_terms(text);
    ASSERT_FALSE(indexed.empty()) << text;
    for (const std::string& term : indexed) {
      EXPECT_TRUE(searched.count(term))
          << "'" << text << "' is indexed under " << term << " but its query lacks it";
    }
  }
}

// Spelling variants of one text are one set of folded terms, so each finds the others.
TEST(QueryTest, VariantsShareTheirFoldedTerms) {
  const std::vector<std::vector<const char*>> groups = {
      {"hòa bình", "hoà bình", "HOA BINH",
       "Ho\xCC\x80"
       "a Bi\xCC\x80nh"},
      {"thủy lợi", "thuỷ lợi", "thuy loi"},
      {"Việt", "vịêt", "viet"},
      {"Đồng", "đồng", "dong", "ĐỒNG"},
  };
  for (const auto& group : groups) {
    std::set<std::string> first;
    for (const std::string& t : document_terms(group[0])) {
      if (!t.empty() && t[0] != 'E') first.insert(t);
    }
    for (const char* variant : group) {
      std::set<std::string> q = query_terms(variant);
      for (const std::string& t : first) EXPECT_TRUE(q.count(t)) << variant << " lacks " << t;
    }
  }
}

TEST(QueryTest, QueryTermsListWhatToHighlight) {
  QueryTerms terms;
  build_query("nông thôn \"hàng Việt\" 03-CT/TW -bỏ", &terms);
  EXPECT_EQ(terms.folded, (std::vector<std::string>{"nong", "thon"}));
  EXPECT_EQ(terms.phrases, (std::vector<std::vector<std::string>>{{"hang", "viet"}}));
  EXPECT_EQ(terms.compound, (std::vector<std::string>{"3/CT-TW"}));
  std::set<std::string> exact(terms.exact.begin(), terms.exact.end());
  EXPECT_TRUE(exact.count("nông") && exact.count("việt"));
  EXPECT_FALSE(exact.count("bỏ"));
}

// "tờ trình 156" as officials say a document: the tờ trình numbered 156 first, above longer
// texts that say "tờ trình" and "156" more often, and above a report numbered 156.
TEST(QueryTest, ATypeAndABareSerialPutThatDocumentFirst) {
  auto doc = [](const std::string& id, const std::string& type, const std::string& number,
                const std::string& text) {
    Document d;
    d.id = id;
    d.meta.type = type;
    if (auto n = parse_document_number(number)) {
      d.meta.number = n->display;
      d.meta.number_key = n->key;
    }
    d.text = text;
    return d;
  };
  std::string busy;
  for (int i = 0; i < 20; ++i) busy += "Tờ trình số 156 đã nêu; tờ trình 156 của Sở. ";
  Document docs[] = {
      doc("report-1", "Báo cáo", "156/BC-SNV", "Báo cáo về tờ trình và 156 hồ sơ."),
      doc("letter-1", "Công văn", "", busy),
      doc("submission-1", "Tờ trình", "156/TTr-SNV", "Về việc thành lập hội. Tờ trình số 156."),
      doc("submission-2", "Tờ trình", "1560/TTr-SNV", "Tờ trình số 1560 về việc 156 hội viên."),
  };
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Analyzer analyzer;
  for (const Document& d : docs) db.add_document(build_index_document(d, analyzer));
  for (const char* q : {"tờ trình 156", "to trinh 156", "TTr 156"}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(build_query(q));
    Xapian::MSet top = enquire.get_mset(0, 4);
    ASSERT_GE(top.size(), 1u) << q;
    Document first = decode_document(top.begin().get_document().get_data());
    EXPECT_EQ(first.id, "submission-1") << q;
  }
}

}  // namespace
}  // namespace tracuu
