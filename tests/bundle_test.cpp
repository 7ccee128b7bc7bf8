#include "tracuu/bundle.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {
namespace {

std::string seed(const std::string& prefix) {
  return decode_source(testing::read_file(testing::corpus_file(prefix))).value().text;
}

TEST(BundleTest, CoverLetterAndThreePlans) {
  std::string text = seed("004");
  auto parts = split_bundle(text);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_NE(parts[0].find("Số: 1512 /UBND-KT"), std::string_view::npos);
  EXPECT_EQ(parts[1].rfind("TỈNH ỦY TÂY NINH", 0), 0u);
  EXPECT_NE(parts[2].find("Số 02 -KH/BCĐ"), std::string_view::npos);
  EXPECT_EQ(parts[3].rfind("KẾ HOẠCH", 0), 0u);
  // The parts cover the whole file, in order.
  size_t total = 0;
  for (auto p : parts) total += p.size();
  EXPECT_EQ(total, text.size());
  // Each signer stays with its own document.
  EXPECT_NE(parts[1].find("Nguyễn Văn Hợp"), std::string_view::npos);
  EXPECT_NE(parts[2].find("Nguyễn Mạnh Hùng"), std::string_view::npos);
}

TEST(BundleTest, SingleDocumentsStayWhole) {
  for (const char* prefix : {"000", "001", "002", "003"}) {
    EXPECT_EQ(split_bundle(seed(prefix)).size(), 1u) << prefix;
  }
  EXPECT_EQ(split_bundle("").size(), 1u);
}

// An appendix repeats the motto after the signature: it belongs to the decision.
TEST(BundleTest, AppendixIsNotSplitOff) {
  std::string text =
      "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-UBND\n"
      "QUYẾT ĐỊNH\nVề việc ban hành danh mục\nĐiều 1. Ban hành.\nNơi nhận:\n- Như trên;\n"
      "CHỦ TỊCH\nNguyễn Văn An\n"
      "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "PHỤ LỤC I\n(Kèm theo Quyết định số 12/QĐ-UBND)\nDanh mục\n";
  EXPECT_EQ(split_bundle(text).size(), 1u);
}

// A decision that "ban hành Kế hoạch" carries the plan after its signature.
TEST(BundleTest, IssuedPlanStaysWithItsDecision) {
  std::string text =
      "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH XUẤT KHẨU\nĐiều 1. Ban hành.\nNơi nhận: - Như trên;\n"
      "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Thành Công\nKẾ HOẠCH\nXUẤT KHẨU SẢN PHẨM\nI. MỤC TIÊU\n";
  EXPECT_EQ(split_bundle(text).size(), 1u);
}

// Two letters one after the other, each complete: two documents.
TEST(BundleTest, TwoLettersBackToBack) {
  std::string letter =
      "ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5/UBND-VX\n"
      "V/v một việc\nKính gửi: Các sở.\nNội dung.\nNơi nhận:\n- Như trên;\nCHỦ TỊCH\n"
      "Trần Văn Bình\n";
  const std::string both = letter + letter;  // the parts are views into it
  auto parts = split_bundle(both);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1], letter);
}

}  // namespace
}  // namespace tracuu
