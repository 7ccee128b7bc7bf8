#include "text_lines.hpp"

#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include "test_support.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

std::string utf8(char32_t cp) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, cp);
  return std::string(buf, len);
}

// The folded copy is fold_code_point of each code point, whichever path folds it (ASCII bytes
// are folded without decoding), with tabs and no-break spaces read as spaces and curly double
// quotes as straight ones.
TEST(TextLinesTest, FoldingIsFoldCodePointOfEachCodePoint) {
  for (char32_t cp = 1; cp < 0x80; ++cp) {
    if (cp == '\n') continue;
    const char32_t expected = cp == '\t' ? U' ' : fold_code_point(cp);
    EXPECT_EQ(fold_text(utf8(cp)), utf8(expected)) << "U+" << std::hex << static_cast<int>(cp);
  }
  for (char32_t cp : {U'Đ', U'đ', U'Ư', U'ở', U'Ắ', U'ệ', U'Ỳ', U'ý', U'Ð', U'ß', U'Ж'}) {
    EXPECT_EQ(fold_text(utf8(cp)), utf8(fold_code_point(cp)))
        << "U+" << std::hex << static_cast<int>(cp);
  }
  EXPECT_EQ(fold_text("A\u00a0B\t\u201cC\u201d"), "a b \"c\"");
  EXPECT_EQ(fold_text("Kế Hoạch SỐ 06/KH-BCĐ"), "ke hoach so 06/kh-bcd");
}

// Every folded byte maps back to the original bytes it came from.
TEST(TextLinesTest, FoldedBytesMapBackToTheOriginal) {
  const std::string text = "THỰC HIỆN Chỉ thị\tsố 03-CT/TW\nngày 19/5/2021 \xff end";
  std::vector<Line> lines = split_lines(text);
  ASSERT_EQ(lines.size(), 2u);
  const Line& first = lines[0];
  ASSERT_EQ(first.origin.size(), first.folded.size() + 1);
  EXPECT_EQ(first.folded, "thuc hien chi thi so 03-ct/tw");
  size_t at = first.folded.find("hien");
  EXPECT_EQ(first.original(at, at + 4), "HIỆN");
  at = first.folded.find("03-ct/tw");
  EXPECT_EQ(first.original(at, at + 8), "03-CT/TW");
  EXPECT_EQ(lines[1].offset, text.find('\n') + 1);
  at = lines[1].folded.find("end");
  EXPECT_EQ(lines[1].original(at, at + 3), "end");
}

// Folding is per code point, so the folded lines joined by '\n' are the whole text folded (the
// extractor relies on it to fold a text once).
TEST(TextLinesTest, FoldedLinesJoinedAreTheTextFolded) {
  for (const char* name : {"001", "002", "003", "004", "005"}) {
    const std::string text = testing::read_file(testing::corpus_file(name));
    std::vector<Line> lines = split_lines(text);
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) joined.push_back('\n');
      joined += lines[i].folded;
    }
    EXPECT_EQ(joined, fold_text(text)) << name;
  }
}

}  // namespace
}  // namespace tracuu
