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

TEST(SourceTextTest, DebrisIsRemoved) {
  std::string in =
      "[bookmark: bookmark0][bookmark: bookmark1]tỉnh Hưng Yên\n**KT. CHỦ TỊCH**\n"
      "[Handwritten signature]\nDương Văn Thắng";
  EXPECT_EQ(remove_debris(in), "tỉnh Hưng Yên\nKT. CHỦ TỊCH\n\nDương Văn Thắng");
}

TEST(SourceTextTest, ReadMissingFile) {
  testing::TempDir dir;
  auto r = read_source(dir / "nope.txt");
  EXPECT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace tracuu
