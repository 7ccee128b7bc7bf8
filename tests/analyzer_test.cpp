#include "tracuu/analyzer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

struct Seen {
  TokenKind kind;
  uint32_t position;
  std::string text;  // the token's source text
  std::string exact;
  std::string folded;
};

std::vector<Seen> tokens(const std::string& text) {
  std::vector<Seen> out;
  Analyzer analyzer;
  analyzer.analyze(text, 1, [&](const Token& t) {
    out.push_back({t.kind, t.position, text.substr(t.start, t.end - t.start), t.exact, t.folded});
  });
  return out;
}

std::vector<std::string> compound_keys(const std::string& text) {
  std::vector<std::string> keys;
  for (const Seen& s : tokens(text)) {
    if (s.kind == TokenKind::kCompound) keys.push_back(s.folded);
  }
  return keys;
}

TEST(AnalyzerTest, WordsHaveExactAndFoldedFormsAndPositions) {
  auto t = tokens("Bán hàng hoá, tại chợ.");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].exact, "bán");
  EXPECT_EQ(t[0].folded, "ban");
  EXPECT_EQ(t[2].exact, "hóa");
  EXPECT_EQ(t[2].text, "hoá");  // offsets point at the text as written
  for (size_t i = 0; i < t.size(); ++i) EXPECT_EQ(t[i].position, i + 1);
}

TEST(AnalyzerTest, CompoundsKeepTheirCanonicalKey) {
  struct Case {
    const char* text;
    const char* key;
  } cases[] = {
      {"03-CT/TW", "3/CT-TW"},
      {"03/CT-TW", "3/CT-TW"},
      {"634/QĐ-TTg", "634/QD-TTG"},
      {"634/qd-ttg", "634/QD-TTG"},
      {"89/2018/TT-BTC", "89/2018/TT-BTC"},
      {"06-KH-BCĐ", "6/KH-BCD"},
      {"GD&ĐT", "gd&dt"},
      {"gd&dt", "gd&dt"},
      {"COVID-19", "covid-19"},
      {"19/5/2021", "2021-05-19"},
      {"19/05/2021", "2021-05-19"},
  };
  for (const Case& c : cases) {
    auto keys = compound_keys(c.text);
    ASSERT_EQ(keys.size(), 1u) << c.text;
    EXPECT_EQ(keys[0], c.key) << c.text;
  }
}

TEST(AnalyzerTest, CompoundWordsAreAlsoWords) {
  auto t = tokens("Chỉ thị 03-CT/TW ban hành");
  // chỉ, thị, [compound], 03, ct, tw, ban, hành
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[2].kind, TokenKind::kCompound);
  EXPECT_EQ(t[2].position, t[3].position);
  EXPECT_EQ(t[3].folded, "03");
  EXPECT_EQ(t[4].folded, "ct");
  EXPECT_EQ(t[7].position, 7u);  // the compound took no position of its own
}

TEST(AnalyzerTest, FullStopDoesNotJoinWords) {
  EXPECT_TRUE(compound_keys("nông thôn.Tiếp tục").empty());
  EXPECT_EQ(compound_keys("1.000.000 đồng").size(), 1u);
}

TEST(AnalyzerTest, NfdAndNfcGiveTheSameTerms) {
  std::string nfc = "Cộng hòa xã hội chủ nghĩa Việt Nam";
  std::string nfd =
      "C\x6F\xCC\xA3\xCC\x82ng ho\xCC\x80"
      "a";  // "Cộng hòa" decomposed
  auto a = tokens(to_nfc(nfd));
  auto b = tokens(nfc);
  ASSERT_GE(b.size(), 2u);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].exact, b[0].exact);
  EXPECT_EQ(a[1].exact, b[1].exact);
}

TEST(AnalyzerTest, LongRunsAreCut) {
  std::string blob(5000, 'x');
  auto t = tokens(blob + " tail");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_LE(t[0].folded.size(), kMaxWordBytes);
  EXPECT_EQ(t[1].folded, "tail");
}

TEST(AnalyzerTest, PunctuationAndEmptyInput) {
  EXPECT_TRUE(tokens("").empty());
  EXPECT_TRUE(tokens(" ... — “” ;; ").empty());
  EXPECT_EQ(tokens("“Người Việt Nam”").size(), 3u);
}

// No text makes a term Xapian refuses: every token's forms are non-empty (a compound's exact
// form aside), valid UTF-8 and at most kMaxTermBytes. Invisible code points (variation
// selectors, zero-width joiners, soft hyphens, byte order marks), invalid bytes and marks
// standing alone separate words or vanish.
TEST(AnalyzerTest, NoTextMakesAnEmptyLongOrInvalidTerm) {
  const std::string cases[] = {
      "\U000E01C9K\u1EBF ho\u1EA1ch",  // a line opening with a variation selector
      "\U000E01C9",
      "\uFE0F\u200D\u200B\u2060\uFEFF\u00AD",
      " \u0301 \u0300\u0309 ",
      "n\u00F4ng\u00ADth\u00F4n",
      "ab\xFF\xFE"
      "cd \xC3",
      std::string(300, 'a'),
      [] {
        std::string s;
        for (int i = 0; i < 120; ++i) s += "\u0130";  // İ lowers to three bytes
        return s;
      }(),
      [] {
        std::string s;
        for (int i = 0; i < 40; ++i) s += "\u4E2D\u6587-";
        return s + "x";
      }(),
  };
  for (const std::string& text : cases) {
    for (const Seen& t : tokens(text)) {
      EXPECT_FALSE(t.folded.empty()) << text;
      EXPECT_TRUE(t.kind == TokenKind::kCompound || !t.exact.empty()) << text;
      EXPECT_LE(t.folded.size(), kMaxTermBytes) << text;
      EXPECT_LE(t.exact.size(), kMaxTermBytes) << text;
      EXPECT_TRUE(is_valid_utf8(t.folded) && is_valid_utf8(t.exact)) << text;
    }
  }
  auto words = [](const std::string& text) {
    std::vector<std::string> out;
    for (const Seen& t : tokens(text)) out.push_back(t.folded);
    return out;
  };
  EXPECT_EQ(words("\U000E01C9K\u1EBF ho\u1EA1ch"), (std::vector<std::string>{"ke", "hoach"}));
  EXPECT_TRUE(words("\U000E01C9 \u200D\uFE0F \u0301").empty());
  EXPECT_EQ(words("n\u00F4ng\u00ADth\u00F4n"), (std::vector<std::string>{"nong", "thon"}));
  EXPECT_EQ(words("ab\xFF"
                  "cd"),
            (std::vector<std::string>{"ab", "cd"}));
}

}  // namespace
}  // namespace tracuu
