// The Word 97-2003 reader (antiword) on fixtures converted from cong_van.docx, and antiword's
// table rows as it prints them.
#include <gtest/gtest.h>

#include "intake/antiword_text.hpp"
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

std::vector<std::string> cells_of(const std::vector<TextBlock>& blocks) {
  std::vector<std::string> out;
  for (const TextBlock& b : blocks) {
    if (b.kind == Kind::kCell) {
      out.push_back(std::to_string(b.row) + "," + std::to_string(b.col) + ":" + b.text);
    }
  }
  return out;
}

TEST(DocReader, ReadsTheHeaderTableAsCellsInRowMajorOrder) {
  Result<ReadFile> read = read_file_bytes(fixture("cong_van.doc"), "cong_van.doc", {});
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  EXPECT_EQ(read->format, "doc");
  EXPECT_EQ(read->mime, "application/msword");
  std::vector<std::string> cells = cells_of(read->blocks);
  ASSERT_GE(cells.size(), 7u);
  // antiword prints a cell's paragraphs on rows of their own.
  // Decomposed, as the .docx wrote it.
  EXPECT_EQ(cells[0], "0,0:U\xCC\x89Y BAN NHA\xCC\x82N DA\xCC\x82N");
  EXPECT_EQ(cells[1], "0,1:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(cells[2], "1,0:HUYỆN ĐỨC TRỌNG");
  EXPECT_EQ(cells[3], "1,1:Độc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(cells[4], "2,0:Số: 123/UBND-VP");
  EXPECT_EQ(cells[5], "2,1:Đức Trọng, ngày 05 tháng 3 năm 2025");
  EXPECT_EQ(cells[6], "3,0:V/v triển khai kế hoạch chuyển đổi số");
  std::string text = text_of(read.value());
  EXPECT_NE(text.find("\nKính gửi: Các phòng, ban thuộc Ủy ban nhân dân huyện.\n"),
            std::string::npos);
  EXPECT_EQ(text.find('|'), std::string::npos) << text;
}

TEST(DocReader, RowsWhoseCellsSpanLinesAreSplitAtTheirBars) {
  // As antiword prints the header table of Word's own files.
  std::vector<TextBlock> blocks = intake::blocks_from_antiword(
      "\nBỘ NỘI VỤ\n------- |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Độc lập - Tự do - Hạnh phúc\n--------------- | |\n"
      "|Số: 01/2011/TT-BNV        |Hà Nội, ngày 19 tháng 01 năm 2011     |\n\n\n"
      "THÔNG TƯ\n\nCăn cứ Nghị định số 48/2008/NĐ-CP;\nCăn cứ Nghị định số 110/2004/NĐ-CP;\n");
  std::vector<std::string> want = {
      "0,0:BỘ NỘI VỤ\n-------",
      "0,1:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------",
      "1,0:Số: 01/2011/TT-BNV", "1,1:Hà Nội, ngày 19 tháng 01 năm 2011"};
  EXPECT_EQ(cells_of(blocks), want);
  ASSERT_EQ(blocks.size(), 7u);
  EXPECT_EQ(blocks[4].kind, Kind::kParagraph);
  EXPECT_EQ(blocks[4].text, "THÔNG TƯ");
  EXPECT_EQ(blocks[6].text, "Căn cứ Nghị định số 110/2004/NĐ-CP;");
}

TEST(DocReader, NotesAndTextBoxesAfterTheBodyKeepTheirKinds) {
  Result<ReadFile> read = read_file_bytes(fixture("cong_van.doc"), "cong_van.doc", {});
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  std::vector<std::string> notes, boxes;
  for (const TextBlock& b : read->blocks) {
    if (b.kind == Kind::kFootnote) notes.push_back(b.text);
    if (b.kind == Kind::kTextBox) boxes.push_back(b.text);
  }
  EXPECT_EQ(notes, std::vector<std::string>{"Kế hoạch ngày 10/01/2025 của UBND tỉnh Lâm Đồng."});
  EXPECT_EQ(boxes, std::vector<std::string>{"DỰ THẢO"});
  EXPECT_EQ(text_of(read.value()).find("-----"), std::string::npos);
}

TEST(DocReader, EncryptedDocumentSaysSo) {
  Result<ReadFile> read = read_file_bytes(fixture("encrypted.doc"), "encrypted.doc", {});
  ASSERT_FALSE(read.is_ok());
  EXPECT_EQ(read.status().message(), "encrypted Word document");
}

TEST(DocReader, TruncatedDocumentIsDamaged) {
  std::string bytes = fixture("cong_van.doc").substr(0, 3000);
  Result<ReadFile> read = read_file_bytes(bytes, "cut.doc", {});
  ASSERT_FALSE(read.is_ok());
  EXPECT_EQ(read.status().message().rfind("damaged Word document", 0), 0u)
      << read.status().message();
}

TEST(DocReader, TcvnTextComesOutAsLookAlikesThePipelineRepairs) {
  Result<ReadFile> read = read_file_bytes(fixture("vntime.doc"), "vntime.doc", {});
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  std::string text = text_of(read.value());
  EXPECT_NE(text.find("Céng hoµ"), std::string::npos) << text;
  Result<SourceText> decoded = decode_source(text);
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  EXPECT_NE(decoded->text.find("Cộng hoà xã hội chủ nghĩa Việt Nam"), std::string::npos)
      << decoded->text;
}

}  // namespace
}  // namespace tracuu
