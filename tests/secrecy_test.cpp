#include "tracuu/secrecy.hpp"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

TEST(SecrecyTest, StampsAtTheTopAreRead) {
  EXPECT_EQ(secrecy_mark("MẬT\nỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n"), "Mật");
  EXPECT_EQ(secrecy_mark("ỦY BAN NHÂN DÂN\nTỐI MẬT\nSố: 12/KH-UBND\n"), "Tối mật");
  EXPECT_EQ(secrecy_mark("BỘ CÔNG AN\n  TUYỆT MẬT  \n"), "Tuyệt mật");
  EXPECT_EQ(secrecy_mark("Độ mật: Tối mật\nBỘ QUỐC PHÒNG\n"), "Tối mật");
  // Combining marks and old tone placement are one spelling (the pipeline gives NFC, but a
  // stamp in OCR'd text may place marks its own way).
  EXPECT_EQ(secrecy_mark("MA\xCC\x82\xCC\xA3T\n"), "Mật");
}

TEST(SecrecyTest, OtherWordsAndUrgencyAreNoStamp) {
  EXPECT_EQ(secrecy_mark("MẶT TRẬN TỔ QUỐC VIỆT NAM\n"), "");
  EXPECT_EQ(secrecy_mark("MẶT\n"), "");
  EXPECT_EQ(secrecy_mark("KHẨN\nỦY BAN NHÂN DÂN\n"), "");
  EXPECT_EQ(secrecy_mark("HỎA TỐC\nTHƯỢNG KHẨN\n"), "");
  EXPECT_EQ(secrecy_mark("Về bảo mật thông tin\nMật khẩu\n"), "");
  EXPECT_EQ(secrecy_mark(""), "");
}

TEST(SecrecyTest, OnlyTheTopOfThePageCounts) {
  std::string page;
  for (int i = 0; i < 20; ++i) page += "Dòng nội dung số " + std::to_string(i) + "\n";
  EXPECT_EQ(secrecy_mark(page + "MẬT\n"), "");
  EXPECT_EQ(secrecy_mark("\n\n\nMẬT\n" + page), "Mật");
}

}  // namespace
}  // namespace tracuu
