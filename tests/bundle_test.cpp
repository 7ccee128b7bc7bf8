#include "tracuu/bundle.hpp"

#include <gtest/gtest.h>

#include "extraction.hpp"
#include "test_support.hpp"
#include "tracuu/metadata.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {
namespace {

std::string seed(const std::string& prefix) {
  return decode_source(testing::read_file(testing::corpus_file(prefix))).value().text;
}

// The indexer cuts a file into lines once and hands each part its share: they must be the lines
// split_lines would cut from the part alone (offsets from the part's start, and the empty line
// after a part's last '\n'), and read the same metadata as the part's text.
TEST(BundleTest, PartsKeepTheLinesTheirTextWouldBeCutInto) {
  for (const char* prefix : {"000", "001", "002", "003", "004"}) {
    const std::string text = seed(prefix);
    std::vector<BundlePart> parts = split_bundle_parts(text);
    std::vector<std::string_view> texts = split_bundle(text);
    ASSERT_EQ(parts.size(), texts.size()) << prefix;
    for (size_t k = 0; k < parts.size(); ++k) {
      EXPECT_EQ(parts[k].text.data(), texts[k].data()) << prefix << " part " << k;
      EXPECT_EQ(parts[k].text.size(), texts[k].size()) << prefix << " part " << k;
      std::vector<Line> expected = split_lines(parts[k].text);
      ASSERT_EQ(parts[k].lines.size(), expected.size()) << prefix << " part " << k;
      for (size_t i = 0; i < expected.size(); ++i) {
        const Line& got = parts[k].lines[i];
        EXPECT_EQ(got.text.data(), expected[i].text.data()) << prefix << " line " << i;
        EXPECT_EQ(got.text.size(), expected[i].text.size()) << prefix << " line " << i;
        EXPECT_EQ(got.offset, expected[i].offset) << prefix << " line " << i;
        EXPECT_EQ(got.folded, expected[i].folded) << prefix << " line " << i;
        EXPECT_EQ(got.origin, expected[i].origin) << prefix << " line " << i;
      }
      DocumentMetadata from_lines = extract_metadata_from_lines(parts[k].lines, {});
      DocumentMetadata from_text = extract_metadata(parts[k].text);
      EXPECT_EQ(from_lines.number, from_text.number) << prefix << " part " << k;
      EXPECT_EQ(from_lines.title, from_text.title) << prefix << " part " << k;
      EXPECT_EQ(from_lines.issuer, from_text.issuer) << prefix << " part " << k;
      EXPECT_EQ(from_lines.date, from_text.date) << prefix << " part " << k;
      EXPECT_EQ(from_lines.signer, from_text.signer) << prefix << " part " << k;
      EXPECT_EQ(from_lines.directives.size(), from_text.directives.size()) << prefix;
    }
  }
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
