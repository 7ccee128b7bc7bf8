// Snippets and the document view's highlighting: matches found by the analyzer (so a query
// without diacritics marks the text as written), HTML escaped, phrases marked only whole.
#include "tracuu/highlighter.hpp"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

QueryTerms terms_of(const std::string& query) {
  QueryTerms terms;
  build_query(query, &terms);
  return terms;
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

struct MarkCase {
  std::string query;
  std::string text;
  std::string expected;  // highlight_all's output
};

TEST(HighlighterTest, MarksWhatTheSearchMatched) {
  const MarkCase cases[] = {
      {"nong thon", "Đưa hàng về nông thôn.", "Đưa hàng về <mark>nông</mark> <mark>thôn</mark>."},
      {"hoà bình", "Xã Hòa Bình và xã Hoà Bình",
       "Xã <mark>Hòa</mark> <mark>Bình</mark> và xã <mark>Hoà</mark> <mark>Bình</mark>"},
      {"dong", "ĐỒNG NAI, Đồng Tháp", "<mark>ĐỒNG</mark> NAI, <mark>Đồng</mark> Tháp"},
      {"\"hàng hóa\"", "hàng Việt, hóa đơn, hàng hóa",
       "hàng Việt, hóa đơn, <mark>hàng</mark> <mark>hóa</mark>"},
      {"03/CT-TW", "Chỉ thị số 03-CT/TW ngày 19/5/2021",
       "Chỉ thị số <mark>03-CT/TW</mark> ngày 19/5/2021"},
      {"ubnd", "Ủy ban nhân dân tỉnh; UBND huyện",
       "<mark>Ủy</mark> <mark>ban</mark> <mark>nhân</mark> <mark>dân</mark> tỉnh; "
       "<mark>UBND</mark> huyện"},
      {"bán hàng", "Ủy ban nhân dân; bán hàng; địa bàn",
       "Ủy ban nhân dân; <mark>bán</mark> <mark>hàng</mark>; địa bàn"},
      {"bàn hàng", "Ủy ban; bán hàng", "Ủy <mark>ban</mark>; <mark>bán</mark> <mark>hàng</mark>"},
      {"viet -nam", "Việt Nam", "<mark>Việt</mark> Nam"},
      {"c", "a <b> & \"c\"", "a &lt;b&gt; &amp; &quot;<mark>c</mark>&quot;"},
      {"x", "<script>alert('x')</script>",
       "&lt;script&gt;alert(&#39;<mark>x</mark>&#39;)&lt;/script&gt;"},
  };
  for (const MarkCase& c : cases) {
    EXPECT_EQ(highlight_all(c.text, terms_of(c.query)), c.expected) << c.query;
  }
}

TEST(HighlighterTest, SnippetCentresOnTheDensestMatches) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "lời mở đầu không liên quan ";
  text += "đưa hàng Việt về nông thôn, vùng sâu, vùng xa. ";
  for (int i = 0; i < 60; ++i) text += "đoạn kết cũng không liên quan ";
  std::string snippet = make_snippet(text, terms_of("hang viet ve nong thon"));
  EXPECT_NE(snippet.find("<mark>nông</mark> <mark>thôn</mark>"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.rfind("… ", 0), 0u) << "a fragment from the middle starts with an ellipsis";
  EXPECT_LT(snippet.size(), 600u);
}

TEST(HighlighterTest, SnippetGivesAtMostTwoFragmentsAndNeverTheSameTwice) {
  std::string sentence = "chương trình đưa hàng Việt về nông thôn. ";
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "nội dung khác của kế hoạch ";
  std::string text = filler + sentence + filler + sentence + filler + "nông nghiệp " + filler;
  std::string snippet = make_snippet(text, terms_of("nong thon"));
  EXPECT_EQ(count(snippet, "<mark>nông</mark> <mark>thôn</mark>"), 1u) << snippet;
  // A second fragment appears when it shows other matched words.
  snippet = make_snippet(text + " phát triển thôn xã " + filler, terms_of("nong thon phat trien"));
  EXPECT_EQ(count(snippet, "…"), 3u) << snippet;  // … first … second …
  EXPECT_NE(snippet.find("<mark>phát</mark> <mark>triển</mark>"), std::string::npos);
}

TEST(HighlighterTest, WithoutAMatchTheSnippetIsTheOpening) {
  std::string snippet = make_snippet("Kế hoạch tuyên truyền năm 2022", terms_of("zzz"));
  EXPECT_EQ(snippet, "Kế hoạch tuyên truyền năm 2022");
  EXPECT_EQ(make_snippet("", terms_of("zzz")), "");
}

}  // namespace
}  // namespace tracuu
