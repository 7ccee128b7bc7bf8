// The .odt reader on LibreOffice's conversion of cong_van.docx and fixtures derived from it
// (make_odt.py).
#include <gtest/gtest.h>

#include "intake/reader.hpp"
#include "test_support.hpp"
#include "tracuu/intake.hpp"

namespace tracuu {
namespace {

using Kind = TextBlock::Kind;

std::string fixture(const std::string& name) {
  return testing::read_file(std::filesystem::path(TRACUU_TEST_DATA_DIR) / "intake" / name);
}

ReadFile read_odt(const std::string& name) {
  Result<ReadFile> read = read_file_bytes(fixture(name), name, {});
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

TEST(OdtReader, HeaderTableCellsInRowMajorOrder) {
  ReadFile file = read_odt("cong_van.odt");
  EXPECT_EQ(file.format, "odt");
  std::vector<TextBlock> cells;
  for (const TextBlock& b : file.blocks) {
    if (b.kind == Kind::kCell) cells.push_back(b);
  }
  ASSERT_GE(cells.size(), 5u);
  EXPECT_EQ(cells[1].text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(cells[1].row, 0);
  EXPECT_EQ(cells[1].col, 1);
  EXPECT_EQ(cells[2].text, "Số: 123/UBND-VP");
  EXPECT_EQ(cells[2].row, 1);
  EXPECT_EQ(cells[2].col, 0);
  EXPECT_EQ(cells[3].text, "Đức Trọng, ngày 05 tháng 3 năm 2025");
  EXPECT_EQ(cells[4].text, "V/v triển khai kế hoạch chuyển đổi số");  // spans joined
  std::vector<std::string> all = texts(file, Kind::kCell);
  std::vector<std::string> tail = {"Nơi nhận:", "- Như trên;", "- Lưu: VT.",
                                   "CHỦ TỊCH\nNguyễn Văn An"};
  EXPECT_EQ(std::vector<std::string>(all.end() - 4, all.end()), tail);
}

TEST(OdtReader, TextBoxOnceNotesAndRunningPartsApart) {
  ReadFile file = read_odt("cong_van.odt");
  EXPECT_EQ(texts(file, Kind::kTextBox), std::vector<std::string>{"DỰ THẢO"});
  EXPECT_EQ(texts(file, Kind::kPageHeader), std::vector<std::string>{"Công văn 123/UBND-VP"});
  EXPECT_EQ(texts(file, Kind::kPageFooter), std::vector<std::string>{"Trang 1"});
  EXPECT_EQ(texts(file, Kind::kFootnote),
            std::vector<std::string>{"Kế hoạch ngày 10/01/2025 của UBND tỉnh Lâm Đồng."});
  std::string text = text_of(file);
  EXPECT_NE(text.find("Thực hiện Kế hoạch số 45/KH-UBND của UBND tỉnh"), std::string::npos) << text;
  EXPECT_NE(text.find("1.\tCác đơn vị khẩn trương báo cáo\ntrước ngày 15/3/2025.\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("BỎ ĐI"), std::string::npos);  // a tracked deletion
  EXPECT_EQ(text.find("Trang 1"), std::string::npos);
}

TEST(OdtReader, SpacesHeadingsListsAndNoTableOfContents) {
  ReadFile file = read_odt("spaces.odt");
  std::vector<std::string> paragraphs = texts(file, Kind::kParagraph);
  ASSERT_GE(paragraphs.size(), 3u);
  EXPECT_EQ(paragraphs[0], "THÔNG BÁO");
  EXPECT_EQ(paragraphs[1], "Hội   nghị toàn\tthể được mời");
  EXPECT_EQ(paragraphs[2], "Mục một");
  EXPECT_EQ(text_of(file).find("MỤC LỤC LẶP"), std::string::npos);
}

TEST(OdtReader, EncryptedAndDamaged) {
  Result<ReadFile> encrypted = read_file_bytes(fixture("encrypted.odt"), "encrypted.odt", {});
  ASSERT_FALSE(encrypted.is_ok());
  EXPECT_EQ(encrypted.status().message(), "encrypted OpenDocument text");
  std::string bytes = fixture("cong_van.odt");
  Result<ReadFile> cut = read_file_bytes(bytes.substr(0, bytes.size() - 200), "cut.odt", {});
  ASSERT_FALSE(cut.is_ok());
  EXPECT_EQ(cut.status().message().rfind("damaged .odt", 0), 0u) << cut.status().message();
}

}  // namespace
}  // namespace tracuu
