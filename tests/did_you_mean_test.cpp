// "Có phải bạn muốn tìm …": a query with a slip or without diacritics that finds little gets
// the query it may have meant, from the index's own words, and keeps its own answer.
#include "did_you_mean.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tracuu/index_writer.hpp"
#include "tracuu/searcher.hpp"

namespace tracuu {
namespace {

using testing::TempDir;
using testing::write_file;

class DidYouMeanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    for (int i = 0; i < 6; ++i) {
      write_file(*dir_ / "docs" / ("kh" + std::to_string(i) + ".txt"),
                 "KẾ HOẠCH\nTuyên truyền công đoàn năm " + std::to_string(2020 + i) +
                     "\nCông đoàn cơ sở tổ chức tuyên truyền cho đoàn viên theo Chỉ thị số "
                     "03-CT/TW.\n");
    }
    write_file(*dir_ / "docs" / "ban.txt", "Bàn giao hàng hóa cho các đơn vị trong tháng.");
    auto writer = IndexWriter::open(*dir_ / "db", /*rebuild=*/true);
    ASSERT_TRUE(writer.is_ok());
    ASSERT_TRUE(writer.value()->index({*dir_ / "docs"}).is_ok());
    auto searcher = Searcher::open(*dir_ / "db");
    ASSERT_TRUE(searcher.is_ok()) << searcher.status().message();
    searcher_ = searcher.value().release();
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
  }

  static SearchResult search(const std::string& q) {
    SearchRequest r;
    r.query = q;
    auto result = searcher_->search(r);
    EXPECT_TRUE(result.is_ok()) << result.status().message();
    return result.is_ok() ? result.value() : SearchResult{};
  }

  static TempDir* dir_;
  static Searcher* searcher_;
};

TempDir* DidYouMeanTest::dir_ = nullptr;
Searcher* DidYouMeanTest::searcher_ = nullptr;

TEST_F(DidYouMeanTest, ASlipWithoutDiacriticsIsMendedAndSpelledOut) {
  SearchResult r = search("tuyen truyn cong doan");
  EXPECT_EQ(r.did_you_mean, "tuyên truyền công đoàn");
  // The user's query is answered as typed: no document has "truyn", so some of the words.
  EXPECT_TRUE(r.relaxed);
}

TEST_F(DidYouMeanTest, WordsTypedWithMarksStayAsTyped) {
  EXPECT_EQ(search("Tuyên truyn").did_you_mean, "Tuyên truyền");
  EXPECT_EQ(search("tuyên truyền công đoàn").did_you_mean, "");
}

TEST_F(DidYouMeanTest, AFewMatchesWithoutMarksGetTheirMarks) {
  SearchResult r = search("ban giao hang hoa");
  EXPECT_EQ(r.total, 1u);
  EXPECT_EQ(r.did_you_mean, "bàn giao hàng hóa");
}

TEST_F(DidYouMeanTest, AQueryThatFindsEnoughGetsNone) {
  SearchResult r = search("cong doan");
  EXPECT_GE(r.total, kFewMatches);
  EXPECT_EQ(r.did_you_mean, "");
}

TEST_F(DidYouMeanTest, NumbersAndUnmendableWordsAreLeftAsTyped) {
  EXPECT_EQ(search("chi thi 03-CT/TW tuyen truyn").did_you_mean, "chỉ thị 03-CT/TW tuyên truyền");
  EXPECT_EQ(search("qqqqqq zzzzzz").did_you_mean, "");
}

}  // namespace
}  // namespace tracuu
