// Snippets and the document view's highlighting: matches found by the analyzer (so a query
// without diacritics marks the text as written), HTML escaped, phrases marked only whole.
#include "tracuu/highlighter.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "tracuu/analyzer.hpp"
#include "tracuu/schema.hpp"

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

TEST(HighlighterTest, SnippetsShowWordsNotLeadersOrTableRules) {
  const std::string form =
      "Họ và tên: ……………………………… Mã số: ....................... [04.1] Mã số thuế "
      "________ Địa chỉ ---------- +=====+=====+ Ngày 1.000.000 đồng, 03-CT/TW… xong.";
  std::string snippet = make_snippet(form, terms_of("ma so"));
  EXPECT_EQ(snippet,
            "Họ và tên: … <mark>Mã</mark> <mark>số</mark>: … [04.1] <mark>Mã</mark> "
            "<mark>số</mark> thuế … Địa chỉ … Ngày 1.000.000 đồng, 03-CT/TW… xong");
  EXPECT_EQ(make_snippet("a | b + c", terms_of("b")), "a | <mark>b</mark> + c");
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

// What the index would hold for `text`: word checkpoints and the positions of the query's words,
// computed the way the indexer and the searcher compute them.
MatchLocations locations(const std::string& text, const QueryTerms& terms) {
  MatchLocations where;
  std::vector<std::string> words = terms.located_words();
  Analyzer analyzer;
  analyzer.analyze(text, schema::kFirstPosition, [&](const Token& t) {
    if (t.kind != TokenKind::kWord) return;
    if ((t.position - schema::kFirstPosition) % schema::kOffsetStride == 0) {
      where.offsets.push_back(t.start);
    }
    auto k = std::find(words.begin(), words.end(), t.folded);
    if (k != words.end()) where.words.emplace_back(t.position, k - words.begin());
  });
  // Round trip through the stored form, as the searcher reads it.
  where.offsets = schema::decode_word_offsets(schema::encode_word_offsets(where.offsets));
  return where;
}

// The located snippet of `text`, read as the index stores it (in compressed blocks), after
// checking it is the snippet of the plain text.
std::string located_snippet(const std::string& text, const QueryTerms& terms) {
  const std::string stored = encode_text_blocks(text);
  std::string from_blocks = make_snippet(StoredText::blocks(stored), terms, locations(text, terms));
  EXPECT_EQ(from_blocks, make_snippet(StoredText::plain(text), terms, locations(text, terms)));
  return from_blocks;
}

TEST(HighlighterTest, LocatedSnippetsReadOnlyAroundTheMatches) {
  std::string filler;
  for (int i = 0; i < 50; ++i) filler += "nội dung khác của kế hoạch ";
  const std::string text = "Kế hoạch năm 2022. " + filler + "Đưa hàng Việt về nông thôn. " +
                           filler + "Phát triển thôn xã bền vững. " + filler;
  QueryTerms terms = terms_of("nong thon phat trien");
  std::string snippet = located_snippet(text, terms);
  EXPECT_EQ(snippet.rfind("… ", 0), 0u) << snippet;
  EXPECT_NE(snippet.find("về <mark>nông</mark> <mark>thôn</mark>."), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("<mark>Phát</mark> <mark>triển</mark> <mark>thôn</mark>"),
            std::string::npos)
      << snippet;
  EXPECT_EQ(count(snippet, "…"), 3u) << snippet;
  EXPECT_LT(snippet.size(), 800u);

  // Matches at the very start and the very end; a phrase marked only where whole.
  QueryTerms first = terms_of("\"kế hoạch\" 2022");
  EXPECT_EQ(located_snippet(text, first)
                .rfind("<mark>Kế</mark> <mark>hoạch</mark> năm <mark>2022</mark>", 0),
            0u);
  const std::string ending = filler + "kết thúc nông thôn";
  QueryTerms end = terms_of("nong thon");
  std::string last = located_snippet(ending, end);
  EXPECT_EQ(last.substr(last.size() - std::string("<mark>thôn</mark>").size()), "<mark>thôn</mark>")
      << last;

  // Nothing to locate: the opening, read without analysing the rest.
  QueryTerms none = terms_of("");
  std::string opening = located_snippet(text, none);
  EXPECT_EQ(opening.rfind("Kế hoạch năm 2022.", 0), 0u) << opening;
  EXPECT_EQ(opening.find("<mark>"), std::string::npos);
}

TEST(HighlighterTest, AFragmentAcrossTextBlocksReadsWhole) {
  // The boundary of the first two blocks cuts "nông" after "nô"; the text runs on for blocks.
  std::string text;
  while (text.size() < kTextBlockBytes - 40) text += "nội dung ";
  text.append(kTextBlockBytes - 3 - text.size(), ' ');
  text += "nông thôn";
  ASSERT_EQ(text.substr(kTextBlockBytes - 3, 3), "nô");
  for (int i = 0; i < 400; ++i) text += " nội dung khác";
  QueryTerms terms = terms_of("nong thon");
  std::string snippet = located_snippet(text, terms);
  EXPECT_NE(snippet.find("nội dung <mark>nông</mark> <mark>thôn</mark> nội dung khác"),
            std::string::npos)
      << snippet;
  EXPECT_EQ(snippet.substr(snippet.size() - 4), " …") << snippet;
}

TEST(HighlighterTest, WithoutAMatchTheSnippetIsTheOpening) {
  std::string snippet = make_snippet("Kế hoạch tuyên truyền năm 2022", terms_of("zzz"));
  EXPECT_EQ(snippet, "Kế hoạch tuyên truyền năm 2022");
  EXPECT_EQ(make_snippet("", terms_of("zzz")), "");
}

}  // namespace
}  // namespace tracuu
