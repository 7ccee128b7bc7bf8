// Counting a search's matches: exact up to the bound, estimated from a sample of the archive
// beyond, and saying which.
#include "match_counts.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include "facet_fields.hpp"
#include "tracuu/analyzer.hpp"
#include "tracuu/index_writer.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {
namespace {

constexpr size_t kDocuments = 4000;

// kDocuments plans: every one "tuyên truyền", every other one "nông thôn" too; years 2015–2024
// in turn, one in four from Sở Tư pháp and the rest from Sở Nội vụ.
class MatchCountsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Analyzer analyzer;
    for (size_t i = 0; i < kDocuments; ++i) {
      Document d;
      d.id = "plan-" + std::to_string(i);
      d.source.path = "plans/" + d.id + ".txt";
      d.meta.year = 2015 + static_cast<int>(i % 10);
      d.meta.issuer = i % 4 == 0 ? "Sở Tư pháp" : "Sở Nội vụ";
      d.meta.type = "Kế hoạch";
      d.text = i % 2 == 0 ? "Kế hoạch tuyên truyền về nông thôn mới." : "Kế hoạch tuyên truyền.";
      db_->add_document(build_index_document(d, analyzer));
    }
    db_->commit();
    std::vector<Xapian::valueno> slots, multi;
    for (const FacetField& f : facet_fields()) {
      slots.push_back(f.slot);
      if (f.multi) multi.push_back(f.slot);
    }
    held_ = new std::shared_ptr<const FacetColumns>(
        FacetColumns::load(*db_, slots, multi, schema::kMultiValueSeparator));
    columns_ = held_->get();
  }
  static void TearDownTestSuite() {
    delete held_;
    delete db_;
  }

  static ResultCounts count(const std::string& query, size_t bound,
                            std::map<std::string, std::vector<std::string>> filters = {}) {
    SearchRequest r;
    r.query = query;
    r.filters = std::move(filters);
    auto nothing = [](const QueryRecipe&) { return std::optional<ResultCounts>(); };
    return count_matches(*db_, {r, WordMatch::kEveryWord}, *columns_, nothing, bound);
  }

  static size_t count_of(const ResultCounts& c, const std::string& field,
                         const std::string& value) {
    for (const FacetValue& v : c.facets.at(field)) {
      if (v.value == value) return v.count;
    }
    return 0;
  }

  static Xapian::WritableDatabase* db_;
  static std::shared_ptr<const FacetColumns>* held_;
  static const FacetColumns* columns_;
};

Xapian::WritableDatabase* MatchCountsTest::db_ = nullptr;
std::shared_ptr<const FacetColumns>* MatchCountsTest::held_ = nullptr;
const FacetColumns* MatchCountsTest::columns_ = nullptr;

TEST_F(MatchCountsTest, WithinTheBoundEveryMatchIsCounted) {
  ResultCounts c = count("nông thôn", kDocuments);
  EXPECT_TRUE(c.basis.exact);
  EXPECT_EQ(c.total, kDocuments / 2);
  EXPECT_EQ(count_of(c, "year", "2015"), kDocuments / 10);  // even plans: 2015, 2017, … only
  EXPECT_EQ(count_of(c, "year", "2016"), 0u);
  EXPECT_EQ(count_of(c, "issuer", "Sở Tư pháp"), kDocuments / 4);
}

TEST_F(MatchCountsTest, PastTheBoundCountsAreEstimatedFromASampleAndSaySo) {
  ResultCounts c = count("tuyên truyền", 500);
  ASSERT_FALSE(c.basis.exact);
  EXPECT_FALSE(c.basis.cut_short);
  // 4,000 matches: level 2 (1 in 16 by design, 1 in the measured share here) holds about 250.
  EXPECT_GE(c.basis.sample_every, 12u);
  EXPECT_LE(c.basis.sample_every, 20u);
  EXPECT_GT(c.basis.sampled, 150u);
  EXPECT_LE(c.basis.sampled, 500u);
  EXPECT_NEAR(static_cast<double>(c.total), kDocuments, kDocuments * 0.2);
  EXPECT_GE(c.total, 500u) << "never fewer than the matches already seen";
  // Spread over the whole archive, not its first documents: every year is there, about a tenth.
  for (int year = 2015; year <= 2024; ++year) {
    EXPECT_NEAR(static_cast<double>(count_of(c, "year", std::to_string(year))), kDocuments / 10,
                kDocuments / 10 * 0.5)
        << year;
  }
  EXPECT_NEAR(static_cast<double>(count_of(c, "issuer", "Sở Nội vụ")), kDocuments * 3 / 4,
              kDocuments * 3 / 4 * 0.2);
}

TEST_F(MatchCountsTest, AWordsTotalStaysExactWhenItsFacetsAreSampled) {
  ResultCounts c = count("nông", 500);  // Xapian knows the word's documents without checking them
  EXPECT_FALSE(c.basis.exact);
  EXPECT_TRUE(c.basis.total_exact);
  EXPECT_EQ(c.total, kDocuments / 2);
  EXPECT_GT(c.basis.sampled, 0u);
}

TEST_F(MatchCountsTest, AFilteredFieldIsEstimatedWithoutItsOwnFilter) {
  ResultCounts c = count("tuyên truyền", 100, {{"year", {"2015"}}});
  // 400 plans of 2015 are past a bound of 100; the year facet still offers every year.
  EXPECT_FALSE(c.basis.exact);
  EXPECT_NEAR(static_cast<double>(c.total), kDocuments / 10, kDocuments / 10 * 0.5);
  size_t years = 0;
  for (const FacetValue& v : c.facets.at("year")) years += v.count > 0;
  EXPECT_EQ(years, 10u);
}

TEST_F(MatchCountsTest, BrowsingEverythingIsExactWithoutMatching) {
  ResultCounts c = count("", 10);
  EXPECT_TRUE(c.basis.exact);
  EXPECT_EQ(c.total, kDocuments);
  EXPECT_EQ(count_of(c, "year", "2020"), kDocuments / 10);
  EXPECT_EQ(count_of(c, "issuer", "Sở Tư pháp"), kDocuments / 4);
}

TEST(SampleLevelTest, EachLevelHoldsAboutAQuarterOfTheOneAbove) {
  std::vector<size_t> at_least(schema::kSampleLevels + 1, 0);
  const size_t ids = 200000;
  for (size_t i = 0; i < ids; ++i) {
    unsigned level = schema::sample_level("a1b2c3d4e5f6-" + std::to_string(i));
    ASSERT_LE(level, schema::kSampleLevels);
    for (unsigned l = 0; l <= level; ++l) ++at_least[l];
  }
  EXPECT_EQ(at_least[0], ids);
  for (unsigned l = 1; l <= 4; ++l) {
    double expected = ids / static_cast<double>(1u << (2 * l));
    EXPECT_NEAR(at_least[l], expected, expected * 0.1) << "level " << l;
  }
  EXPECT_EQ(schema::sample_term(2), "XZ2");
}

}  // namespace
}  // namespace tracuu
