// The .docx reader on fixtures made by tests/data/intake/make_docx.py.
#include <gtest/gtest.h>

#include <algorithm>

#include "intake/reader.hpp"
#include "test_support.hpp"
#include "tracuu/intake.hpp"

namespace tracuu {
namespace {

using Kind = TextBlock::Kind;

std::string fixture(const std::string& name) {
  return testing::read_file(std::filesystem::path(TRACUU_TEST_DATA_DIR) / "intake" / name);
}

ReadFile read_ok(const std::string& bytes, const std::string& name) {
  Result<ReadFile> read = read_file_bytes(bytes, name, ReadOptions{});
  EXPECT_TRUE(read.is_ok()) << read.status().message();
  return read.is_ok() ? read.value() : ReadFile{};
}

std::vector<const TextBlock*> of_kind(const ReadFile& file, Kind kind) {
  std::vector<const TextBlock*> out;
  for (const TextBlock& b : file.blocks) {
    if (b.kind == kind) out.push_back(&b);
  }
  return out;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(DocxReader, HeaderTableCellsStayApartInRowMajorOrder) {
  ReadFile file = read_ok(fixture("cong_van.docx"), "cong_van.docx");
  EXPECT_EQ(file.format, "docx");
  std::vector<const TextBlock*> cells = of_kind(file, Kind::kCell);
  ASSERT_GE(cells.size(), 5u);
  EXPECT_NE(cells[0]->text.find("HUYỆN ĐỨC TRỌNG"), std::string::npos);
  EXPECT_EQ(cells[0]->row, 0);
  EXPECT_EQ(cells[0]->col, 0);
  EXPECT_EQ(cells[1]->text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(cells[1]->row, 0);
  EXPECT_EQ(cells[1]->col, 1);
  EXPECT_EQ(cells[2]->text, "Số: 123/UBND-VP");
  EXPECT_EQ(cells[2]->row, 1);
  EXPECT_EQ(cells[3]->text, "Đức Trọng, ngày 05 tháng 3 năm 2025");
  EXPECT_EQ(cells[3]->col, 1);
  EXPECT_EQ(cells[4]->row, 2);
  EXPECT_EQ(cells[4]->col, 0);
}

TEST(DocxReader, WordsSplitAcrossRunsAreJoinedWithoutSpaces) {
  ReadFile file = read_ok(fixture("cong_van.docx"), "cong_van.docx");
  std::vector<const TextBlock*> cells = of_kind(file, Kind::kCell);
  ASSERT_GE(cells.size(), 5u);
  EXPECT_EQ(cells[4]->text, "V/v triển khai kế hoạch chuyển đổi số");
}

TEST(DocxReader, CombiningTonesMarksAreLeftForThePipeline) {
  ReadFile file = read_ok(fixture("cong_van.docx"), "cong_van.docx");
  // "Ủ" as U + combining hook above (U+0309): readers do not normalise.
  EXPECT_EQ(file.blocks.empty() ? "" : of_kind(file, Kind::kCell)[0]->text.substr(0, 3),
            "U\xCC\x89");
}

TEST(DocxReader, TextBoxIsReadOnceFromItsChoiceNotItsFallback) {
  ReadFile file = read_ok(fixture("cong_van.docx"), "cong_van.docx");
  std::vector<const TextBlock*> boxes = of_kind(file, Kind::kTextBox);
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_EQ(boxes[0]->text, "DỰ THẢO");
  EXPECT_EQ(count(text_of(file), "DỰ THẢO"), 1u);
}

TEST(DocxReader, Word2007CompatibilityPrefixIsFollowedToo) {
  ReadFile file = read_ok(fixture("word2007.docx"), "word2007.docx");
  std::vector<const TextBlock*> boxes = of_kind(file, Kind::kTextBox);
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_EQ(count(text_of(file), "DỰ THẢO"), 1u);
}

TEST(DocxReader, ParagraphsKeepTabsAndBreaksAndDropDeletedRevisions) {
  ReadFile file = read_ok(fixture("cong_van.docx"), "cong_van.docx");
  std::string text = text_of(file);
  EXPECT_NE(text.find("1.\tCác đơn vị khẩn trương báo cáo\ntrước ngày 15/3/2025.\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("BỎ ĐI"), std::string::npos);
  EXPECT_EQ(text.find("CHỮ ẨN"), std::string::npos);  // hidden text
  EXPECT_NE(text.find("Thực hiện Kế hoạch số 45/KH-UBND của UBND tỉnh"), std::string::npos);
}

TEST(DocxReader, NestedTableCellsAreBlocksOfTheirOwn) {
  ReadFile file = read_ok(fixture("cong_van.docx"), "cong_van.docx");
  std::vector<std::string> cells;
  for (const TextBlock* b : of_kind(file, Kind::kCell)) cells.push_back(b->text);
  std::vector<std::string> want = {"Nơi nhận:", "- Như trên;", "- Lưu: VT.",
                                   "CHỦ TỊCH\nNguyễn Văn An"};
  ASSERT_GE(cells.size(), want.size());
  EXPECT_EQ(std::vector<std::string>(cells.end() - 4, cells.end()), want);
}

TEST(DocxReader, HeadersFootersAndFootnotesAreKeptApart) {
  ReadFile file = read_ok(fixture("cong_van.docx"), "cong_van.docx");
  std::vector<const TextBlock*> headers = of_kind(file, Kind::kPageHeader);
  std::vector<const TextBlock*> footers = of_kind(file, Kind::kPageFooter);
  std::vector<const TextBlock*> notes = of_kind(file, Kind::kFootnote);
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers[0]->text, "Công văn 123/UBND-VP");
  ASSERT_EQ(footers.size(), 1u);
  EXPECT_EQ(footers[0]->text, "Trang 1");
  ASSERT_EQ(notes.size(), 1u);  // the separator "note" is not one
  EXPECT_EQ(notes[0]->text, "Kế hoạch ngày 10/01/2025 của UBND tỉnh Lâm Đồng.");
  std::string text = text_of(file);
  EXPECT_EQ(text.find("Trang 1"), std::string::npos);
  EXPECT_EQ(text.find("Công văn 123"), std::string::npos);
  EXPECT_TRUE(text.ends_with("của UBND tỉnh Lâm Đồng.\n"));
}

TEST(DocxReader, DocxNamedDocIsReadAsDocx) {
  ReadFile file = read_ok(fixture("cong_van.docx"), "CV 123.doc");
  EXPECT_EQ(file.format, "docx");
  EXPECT_NE(text_of(file).find("Số: 123/UBND-VP"), std::string::npos);
}

TEST(DocxReader, MissingMainPartIsDamaged) {
  Result<ReadFile> read = read_file_bytes(fixture("no_document.docx"), "x.docx", {});
  ASSERT_FALSE(read.is_ok());
  EXPECT_EQ(read.status().message(), "damaged .docx: no word/document.xml");
}

TEST(DocxReader, TruncatedZipIsDamaged) {
  std::string bytes = fixture("cong_van.docx");
  Result<ReadFile> read = read_file_bytes(bytes.substr(0, bytes.size() / 2), "x.docx", {});
  ASSERT_FALSE(read.is_ok());
  EXPECT_EQ(read.status().message().rfind("damaged .docx", 0), 0u) << read.status().message();
}

TEST(DocxReader, MalformedDocumentXmlIsDamaged) {
  const auto& readers = intake::readers();
  auto docx = std::find_if(readers.begin(), readers.end(),
                           [](const auto& r) { return r->format() == "docx"; });
  ASSERT_NE(docx, readers.end());
  Result<ReadFile> read = (*docx)->read(fixture("bad_xml.docx"), {});
  ASSERT_FALSE(read.is_ok());
  EXPECT_EQ(read.status().message(), "damaged .docx: word/document.xml is not well-formed XML");
}

TEST(DocxReader, PasswordProtectedPackageIsAnEncryptedWordDocument) {
  Result<ReadFile> read = read_file_bytes(fixture("encrypted.docx"), "encrypted.docx", {});
  ASSERT_FALSE(read.is_ok());
  EXPECT_EQ(read.status().message(), "encrypted Word document");
}

}  // namespace
}  // namespace tracuu
