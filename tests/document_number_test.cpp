#include "tracuu/document_number.hpp"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

struct Case {
  const char* written;
  const char* display;
  const char* key;
};

// Every way the seed documents and real documents write a number.
const Case kCases[] = {
    {"03-CT/TW", "03-CT/TW", "3/CT-TW"},
    {"3-CT/TW", "03-CT/TW", "3/CT-TW"},
    {"03/CT-TW", "03-CT/TW", "3/CT-TW"},  // ambiguous style: TW is a party body
    {"634/QĐ-TTg", "634/QĐ-TTg", "634/QD-TTG"},
    {"634/QD-TTG", "634/QĐ-TTg", "634/QD-TTG"},
    {"06-KH-BCĐ", "06/KH-BCĐ", "6/KH-BCD"},
    {"06/KH-BCĐ", "06/KH-BCĐ", "6/KH-BCD"},
    {"02-KH/BCĐ", "02-KH/BCĐ", "2/KH-BCD"},
    {"36/TTr- MTTQTW-BTT", "36/TTr-MTTQTW-BTT", "36/TTR-MTTQTW-BTT"},
    {"326/KH-MTTW-BCĐTWCVD", "326/KH-MTTW-BCĐTWCVĐ", "326/KH-MTTW-BCDTWCVD"},
    {"326/KH-MTTW-BCĐTWCVĐ", "326/KH-MTTW-BCĐTWCVĐ", "326/KH-MTTW-BCDTWCVD"},
    {"89/2018/TT-BTC", "89/2018/TT-BTC", "89/2018/TT-BTC"},
    {"1512 /UBND-KT", "1512/UBND-KT", "1512/UBND-KT"},
    {"1830 QĐ-UBND", "1830/QĐ-UBND", "1830/QD-UBND"},
    {"2533/QÐ-UBND", "2533/QĐ-UBND", "2533/QD-UBND"},  // U+00D0 for Đ
    {"78/2025/UBTVQH15", "78/2025/UBTVQH15", "78/2025/UBTVQH15"},
    {"07-CTr/TU", "07-CTr/TU", "7/CTR-TU"},
    {"184/KH-SGD&ĐT", "184/KH-SGD&ĐT", "184/KH-SGD&DT"},
};

TEST(DocumentNumberTest, CanonicalKeyAndDisplay) {
  for (const Case& c : kCases) {
    auto n = parse_document_number(c.written);
    ASSERT_TRUE(n.has_value()) << c.written;
    EXPECT_EQ(n->display, c.display) << c.written;
    EXPECT_EQ(n->key, c.key) << c.written;
  }
}

TEST(DocumentNumberTest, NotNumbers) {
  for (const char* s : {"9042", "19/5/2021", "6 tháng", "", "/GDĐT-VP", "abc", "2021 năm"}) {
    EXPECT_FALSE(parse_document_number(s).has_value()) << s;
  }
}

TEST(DocumentNumberTest, StopsAtTheEndOfTheNumber) {
  size_t consumed = 0;
  std::string text = "03-CT/TW, ngày 19/5/2021";
  auto n = parse_document_number(text, &consumed);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(text.substr(0, consumed), "03-CT/TW");
  EXPECT_EQ(canonical_number("06/KH-BCĐ nêu trên"), "6/KH-BCD");
}

}  // namespace
}  // namespace tracuu
