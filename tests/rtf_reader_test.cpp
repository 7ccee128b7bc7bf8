// The own RTF reader on hand-made fixtures (make_rtf.py) and LibreOffice's RTF of
// cong_van.docx.
#include <gtest/gtest.h>

#include "intake/reader.hpp"
#include "test_support.hpp"
#include "tracuu/intake.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {
namespace {

using Kind = TextBlock::Kind;

std::string fixture(const std::string& name) {
  return testing::read_file(std::filesystem::path(TRACUU_TEST_DATA_DIR) / "intake" / name);
}

ReadFile read_rtf(const std::string& bytes) {
  Result<ReadFile> read = read_file_bytes(bytes, "x.rtf", {});
  EXPECT_TRUE(read.is_ok()) << read.status().message();
  return read.is_ok() ? read.value() : ReadFile{};
}

std::vector<std::string> texts(const ReadFile& file, Kind kind) {
  std::vector<std::string> out;
  for (const TextBlock& b : file.blocks) {
    if (b.kind == kind) out.push_back(b.text);
  }
  return out;
}

TEST(RtfReader, UnicodeEscapesSkipExactlyTheirFallback) {
  ReadFile file = read_rtf(fixture("unicode.rtf"));
  EXPECT_EQ(file.format, "rtf");
  std::string text = text_of(file);
  EXPECT_NE(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos) << text;
  // \uc2 skips two fallback bytes, \uc1 again one.
  EXPECT_NE(text.find("\nKế hoạch\n"), std::string::npos) << text;
}

TEST(RtfReader, LiteralQuestionMarkFallbackKeepsTheNextLetter) {
  ReadFile file = read_rtf("{\\rtf1\\ansi C\\u7896?NG H\\u210?A\\par}");
  EXPECT_EQ(text_of(file), "CỘNG HÒA\n");
}

TEST(RtfReader, HiddenAndDeletedTextIsLeftOut) {
  ReadFile file = read_rtf("{\\rtf1 a{\\v \\u7849?n}b\\v c\\v0 d{\\deleted x}e\\par}");
  EXPECT_EQ(text_of(file), "abde\n");
}

TEST(RtfReader, SurrogatePairsAndUcZero) {
  ReadFile file = read_rtf("{\\rtf1\\uc0 a\\u-10179\\u-8704 b\\u7871 c\\par}");
  EXPECT_EQ(text_of(file),
            "a\xF0\x9F\x98\x80"
            "bếc\n");
}

TEST(RtfReader, HeaderTableCellsInRowMajorOrder) {
  ReadFile file = read_rtf(fixture("unicode.rtf"));
  std::vector<TextBlock> cells;
  for (const TextBlock& b : file.blocks) {
    if (b.kind == Kind::kCell) cells.push_back(b);
  }
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0].text, "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG");
  EXPECT_EQ(cells[1].text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(cells[2].text, "Số: 45/KH-UBND");
  EXPECT_EQ(cells[3].text, "Đức Trọng, ngày 10 tháng 01 năm 2025");
  EXPECT_EQ(cells[1].row, 0);
  EXPECT_EQ(cells[1].col, 1);
  EXPECT_EQ(cells[2].row, 1);
  EXPECT_EQ(cells[2].col, 0);
}

TEST(RtfReader, HeadersFootersApartAndDestinationsSkipped) {
  ReadFile file = read_rtf(fixture("unicode.rtf"));
  EXPECT_EQ(texts(file, Kind::kPageHeader), std::vector<std::string>{"Kế hoạch 45/KH-UBND"});
  EXPECT_EQ(texts(file, Kind::kPageFooter), std::vector<std::string>{"Trang 1"});
  std::string text = text_of(file);
  for (const char* absent :
       {"Times", "Normal", "Hand 1.0", "HYPERLINK", "0102", "8950", "Trang 1"}) {
    EXPECT_EQ(text.find(absent), std::string::npos) << absent << " in " << text;
  }
  // A field's result and an object's result are the document's text.
  EXPECT_NE(text.find("Rố"), std::string::npos) << text;
  EXPECT_NE(text.find("Xem tại"), std::string::npos) << text;
}

TEST(RtfReader, BytesFollowTheFontsCharset) {
  ReadFile file = read_rtf(fixture("unicode.rtf"));
  // \fcharset163 is Windows-1258: 0xEA is ê, 0xF2 the combining dot below (kept decomposed).
  EXPECT_NE(text_of(file).find("Vi\xC3\xAA\xCC\xA3t Nam\tngay\xC2\xA0nay\xE2\x80\x94xử{1}"),
            std::string::npos)
      << text_of(file);
}

TEST(RtfReader, VnTimeBytesBecomeVietnameseThroughThePipeline) {
  ReadFile file = read_rtf(fixture("vntime.rtf"));
  std::string text = text_of(file);
  EXPECT_NE(text.find("Céng hoµ x· héi chñ nghÜa ViÖt Nam"), std::string::npos) << text;
  Result<SourceText> decoded = decode_source(text);
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  EXPECT_NE(decoded->text.find("Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
                               "Đảng bộ cơ quan ủy ban nhân dân huyện báo cáo kết quả"),
            std::string::npos)
      << decoded->text;
  EXPECT_EQ(decoded->text.find("Công văn"), std::string::npos);  // \info\title is not text
}

TEST(RtfReader, LibreOfficeRtfKeepsCellsHeadersAndNotes) {
  ReadFile file = read_rtf(fixture("cong_van.rtf"));
  std::vector<std::string> cells = texts(file, Kind::kCell);
  ASSERT_GE(cells.size(), 4u);
  EXPECT_EQ(cells[1], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(cells[2], "Số: 123/UBND-VP");
  EXPECT_EQ(cells[3], "Đức Trọng, ngày 05 tháng 3 năm 2025");
  std::vector<std::string> headers = texts(file, Kind::kPageHeader);
  ASSERT_FALSE(headers.empty());
  EXPECT_EQ(headers[0], "Công văn 123/UBND-VP");
  std::string text = text_of(file);
  EXPECT_EQ(text.find("BỎ ĐI"), std::string::npos) << text;
  EXPECT_NE(text.find("Kính gửi: Các phòng, ban thuộc Ủy ban nhân dân huyện."), std::string::npos);
  EXPECT_EQ(texts(file, Kind::kFootnote),
            std::vector<std::string>{"Kế hoạch ngày 10/01/2025 của UBND tỉnh Lâm Đồng."});
}

TEST(RtfReader, WordTextBoxIsReadOnceAndUnicodeCopiesWin) {
  ReadFile file = read_rtf(
      "{\\rtf1\\ansi\\uc1 Tr\\u432?\\u7899?c"
      "{\\shp{\\*\\shpinst{\\sp{\\sn shapeType}{\\sv 202}}{\\shptxt \\pard D\\u7920?"
      " TH\\u7842?O\\par}}{\\shprslt{\\*\\do\\dobxcolumn{\\dptxbx{\\dptxbxtext D? TH?O}}}}}"
      " sau\\par{\\upr{K? ho?ch}{\\*\\ud{K\\u7871?ho\\u7841?ch}}}\\par}");
  std::vector<std::string> boxes = texts(file, Kind::kTextBox);
  EXPECT_EQ(boxes, std::vector<std::string>{"DỰ THẢO"});
  // The box ends before the paragraph that anchors it.
  EXPECT_EQ(text_of(file), "DỰ THẢO\nTrước sau\nKếhoạch\n");
}

TEST(RtfReader, NotRtfIsDamagedAndHostileInputEnds) {
  const auto& all = intake::readers();
  const intake::Reader* rtf = nullptr;
  for (const auto& r : all) {
    if (r->format() == "rtf") rtf = r.get();
  }
  ASSERT_NE(rtf, nullptr);
  Result<ReadFile> bad = rtf->read("PK\x03\x04", {});
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().message(), "damaged RTF document: it does not start as RTF");
  std::string deep = "{\\rtf1 " + std::string(100000, '{') + "x" + "\\bin999999999";
  Result<ReadFile> read = rtf->read(deep, {});
  EXPECT_TRUE(read.is_ok());
}

}  // namespace
}  // namespace tracuu
