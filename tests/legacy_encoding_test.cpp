// Legacy Vietnamese encodings: converted when the result clearly reads as Vietnamese, never
// otherwise. Fixtures in tests/data/legacy/ were made from a seed's opening (expected.txt).
#include "tracuu/legacy_encoding.hpp"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include "test_support.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {
namespace {

std::string fixture(const std::string& name) {
  return testing::read_file(std::filesystem::path(TRACUU_TEST_DATA_DIR) / "legacy" / name);
}

std::string lower(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toLower().toUTF8String(out);
  return out;
}

struct Case {
  std::string file, encoding;
};

TEST(LegacyEncodingTest, VietnameseInLegacyEncodingsIsConverted) {
  const std::string expected = fixture("expected.txt");
  for (const Case& c : {Case{"windows1258.txt", "windows-1258"}, Case{"tcvn3.txt", "tcvn3"},
                        Case{"tcvn3_in_utf8.txt", "tcvn3-in-utf8"}}) {
    auto decoded = decode_source(fixture(c.file));
    ASSERT_TRUE(decoded.is_ok()) << c.file << ": " << decoded.status().message();
    EXPECT_EQ(decoded->encoding, c.encoding) << c.file;
    // TCVN3 cannot tell "Việt" from "VIỆT" in a mixed line, so compare ignoring case there.
    if (c.encoding == "windows-1258") {
      EXPECT_EQ(decoded->text, expected) << c.file;
    } else {
      EXPECT_EQ(lower(decoded->text), lower(expected)) << c.file;
    }
  }
}

TEST(LegacyEncodingTest, TheFontsExampleReadsRight) {
  auto tcvn3 = repair_tcvn3_lookalikes(
      "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. Sè: 15/KH-UBND. "
      "Thùc hiÖn kÕ ho¹ch cña Uû ban nh©n d©n tØnh vÒ viÖc tuyªn truyÒn.");
  ASSERT_TRUE(tcvn3.has_value());
  EXPECT_EQ(tcvn3->text.rfind("Cộng hoà xã hội chủ nghĩa Việt Nam.", 0), 0u) << tcvn3->text;
  EXPECT_NE(tcvn3->text.find("Độc lập - Tự do - Hạnh phúc"), std::string::npos) << tcvn3->text;
}

TEST(LegacyEncodingTest, OtherLanguagesAreNeverGuessed) {
  for (const char* file : {"french_cp1252.txt", "russian_cp1251.txt", "english_latin1.txt"}) {
    auto decoded = decode_source(fixture(file));
    ASSERT_FALSE(decoded.is_ok()) << file << " was read as " << decoded->encoding;
    EXPECT_EQ(decoded.status().message().rfind("not valid UTF-8", 0), 0u);
  }
  auto french = decode_source(fixture("french_utf8.txt"));
  ASSERT_TRUE(french.is_ok());
  EXPECT_EQ(french->encoding, "utf-8") << "valid UTF-8 French stays as it is";
  std::string random;
  for (int i = 0; i < 4000; ++i) random.push_back(static_cast<char>(0x80 + (i * 37) % 128));
  EXPECT_FALSE(decode_source(random).is_ok());
}

TEST(LegacyEncodingTest, EverySeedIsUtf8AsItIs) {
  for (const auto& e : std::filesystem::directory_iterator(testing::corpus_dir())) {
    std::string bytes = testing::read_file(e.path());
    auto decoded = decode_source(bytes);
    ASSERT_TRUE(decoded.is_ok()) << e.path();
    EXPECT_EQ(decoded->encoding, "utf-8") << e.path();
    VietnameseScore s = vietnamese_score(decoded->text);
    EXPECT_TRUE(s.clearly_vietnamese()) << e.path() << " " << s.syllables << " " << s.marked;
  }
}

TEST(LegacyEncodingTest, ScoresTellVietnameseFromOtherText) {
  EXPECT_TRUE(vietnamese_score(fixture("expected.txt")).clearly_vietnamese());
  EXPECT_FALSE(vietnamese_score(fixture("french_utf8.txt")).clearly_vietnamese());
  EXPECT_FALSE(vietnamese_score("The quick brown fox jumps over the lazy dog again and again "
                                "while the cat sleeps on the mat near the door of the house")
                   .clearly_vietnamese());
  EXPECT_FALSE(vietnamese_score("Ủy ban").clearly_vietnamese()) << "too few words to judge";
}

}  // namespace
}  // namespace tracuu
