#include "tracuu/source_text.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tracuu {
namespace {

TEST(SourceTextTest, BomCrlfAndNfd) {
  auto r = decode_source(
      "\xEF\xBB\xBFHo\xCC\x80"
      "a\r\nb\rc\n");
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->text, "Hòa\nb\nc\n");
  EXPECT_EQ(r->encoding, "utf-8");
}

TEST(SourceTextTest, BadFilesSayWhy) {
  EXPECT_EQ(decode_source("").status().message(), "empty file");
  EXPECT_EQ(decode_source(" \n\r\n").status().message(), "empty file");
  EXPECT_EQ(decode_source(std::string("ab\0cd", 5)).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(decode_source("caf\xE9").status().message().rfind("not valid UTF-8", 0), 0u);
}

// Legacy encodings in detail: legacy_encoding_test.cpp. Here: the encoding is recorded, and
// bytes that are no known encoding say so.
TEST(SourceTextTest, LegacyEncodingIsRecorded) {
  // "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc…" in VNI-Windows bytes.
  auto r = decode_source(
      "Co\xE4ng ho\xF8"
      "a xa\xF5 ho\xE4i chu\xFB ngh\xF3"
      "a Vie\xE4t Nam. \xD1o\xE4\x63 la\xE4p - "
      "T\xF6\xEF do - Ha\xEFnh phu\xF9\x63. Th\xF6\xEF\x63 hie\xE4n ke\xE1 hoa\xEF\x63h cu\xFB\x61 "
      "\xF1\xF6\xF4\xF8ng l\xF4\xF9i nha\xE2n da\xE2n t\xE6nh ve\xE0 vie\xE4\x63 tuye\xE2n "
      "truye\xE0n.");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->encoding, "vni-windows");
  EXPECT_EQ(r->text.rfind("Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.", 0),
            0u)
      << r->text;
  EXPECT_EQ(decode_source("caf\xE9 cr\xE8me br\xFBl\xE9\x65").status().message(),
            "not valid UTF-8, and not Vietnamese in Windows-1258, TCVN3 or VNI either");
}

TEST(SourceTextTest, DebrisIsRemoved) {
  std::string in =
      "[bookmark: bookmark0][bookmark: bookmark1]tỉnh Hưng Yên\n**KT. CHỦ TỊCH**\n"
      "[Handwritten signature]\nDương Văn Thắng";
  EXPECT_EQ(remove_debris(in), "tỉnh Hưng Yên\nKT. CHỦ TỊCH\n\nDương Văn Thắng");
}

TEST(SourceTextTest, OiLettersOfPdfFontsReadAsUHorn) {
  auto s = decode_source("CH\xC6\xA2\xC6\xA0NG I. Ng\xC6\xA3\xE1\xBB\x9Di lao \xC4\x91\xE1\xBB\x99ng");
  ASSERT_TRUE(s.is_ok());
  EXPECT_EQ(s->text, "CHƯƠNG I. Người lao động");
}

TEST(SourceTextTest, ReadMissingFile) {
  testing::TempDir dir;
  auto r = read_source(dir / "nope.txt");
  EXPECT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace tracuu
