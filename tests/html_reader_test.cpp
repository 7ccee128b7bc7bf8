// The HTML reader on a Word-2003-style Windows-1258 page (make_html.py) and LibreOffice's
// HTML of cong_van.docx.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "intake/reader.hpp"
#include "test_support.hpp"
#include "tracuu/intake.hpp"

namespace tracuu {
namespace {

using Kind = TextBlock::Kind;

std::string fixture(const std::string& name) {
  return testing::read_file(std::filesystem::path(TRACUU_TEST_DATA_DIR) / "intake" / name);
}

ReadFile read_html(const std::string& bytes, const std::string& name = "x.html") {
  Result<ReadFile> read = read_file_bytes(bytes, name, {});
  EXPECT_TRUE(read.is_ok()) << read.status().message();
  return read.is_ok() ? read.value() : ReadFile{};
}

// Windows-1258 gives base letters and combining tones; comparisons are on NFC.
std::string nfc(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  n->normalize(icu::UnicodeString::fromUTF8(s), status).toUTF8String(out);
  return out;
}

std::vector<std::string> cells(const ReadFile& file) {
  std::vector<std::string> out;
  for (const TextBlock& b : file.blocks) {
    if (b.kind == Kind::kCell) {
      out.push_back(std::to_string(b.row) + "," + std::to_string(b.col) + ":" + nfc(b.text));
    }
  }
  return out;
}

TEST(HtmlReader, Windows1258PageHeaderTableInRowMajorOrder) {
  ReadFile file = read_html(fixture("word_1258.html"));
  EXPECT_EQ(file.format, "html");
  std::vector<std::string> got = cells(file);
  ASSERT_GE(got.size(), 4u);
  EXPECT_EQ(got[0], "0,0:SỞ NỘI VỤ\nPHÒNG TỔ CHỨC");
  EXPECT_EQ(got[1], "0,1:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(got[2], "1,0:Số: 07/TB-PTC");
  EXPECT_EQ(got[3], "1,1:Lâm Đồng, ngày 02 tháng 12 năm 2010");
}

TEST(HtmlReader, EntitiesAndWhiteSpace) {
  ReadFile file = read_html(fixture("word_1258.html"));
  std::string text = nfc(text_of(file));
  EXPECT_NE(text.find("Phòng Tổ chức thông báo & mời các đơn vị dự hội nghị <sáng> "
                      "\xE2\x80\x9Cthứ hai\xE2\x80\x9D \xE2\x80\x93 8\xC2\xA0giờ &unknown; "
                      "\xE2\x80\x93 A&B."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("THÔNG BÁO\nVề việc tổ chức hội nghị\n"), std::string::npos) << text;
}

TEST(HtmlReader, HeadScriptStyleAndVmlCopyAreNotText) {
  ReadFile file = read_html(fixture("word_1258.html"));
  std::string text = nfc(text_of(file));
  for (const char* absent : {"Tiêu đề", "MsoNormal", "không phải", "VP\n", "Author"}) {
    EXPECT_EQ(text.find(absent), std::string::npos) << absent << " in " << text;
  }
  size_t first = text.find("DỰ THẢO");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(text.find("DỰ THẢO", first + 1), std::string::npos) << text;
}

TEST(HtmlReader, NestedTablesKeepTheirCells) {
  ReadFile file = read_html(fixture("word_1258.html"));
  std::vector<std::string> got = cells(file);
  std::vector<std::string> want = {"0,0:Nơi nhận:", "0,0:- Như trên;", "1,0:- Lưu: VT.",
                                   "0,1:TRƯỞNG PHÒNG"};
  ASSERT_GE(got.size(), want.size());
  EXPECT_EQ(std::vector<std::string>(got.end() - 4, got.end()), want);
}

TEST(HtmlReader, HtmlNamedDocIsReadAsHtml) {
  ReadFile file = read_html(fixture("cong_van.html"), "Ke hoach.doc");
  EXPECT_EQ(file.format, "html");
  std::vector<std::string> got = cells(file);
  ASSERT_GE(got.size(), 4u);
  EXPECT_EQ(got[0], "0,0:ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG");
  EXPECT_EQ(got[2], "1,0:Số: 123/UBND-VP");
  EXPECT_NE(text_of(file).find("Kính gửi: Các phòng, ban thuộc Ủy ban nhân dân huyện."),
            std::string::npos);
}

TEST(HtmlReader, RunningPartsAndNotesAsLibreOfficeAndWordMarkThem) {
  ReadFile file = read_html(fixture("cong_van.html"));
  std::vector<std::string> headers, footers, notes;
  for (const TextBlock& b : file.blocks) {
    if (b.kind == Kind::kPageHeader) headers.push_back(b.text);
    if (b.kind == Kind::kPageFooter) footers.push_back(b.text);
    if (b.kind == Kind::kFootnote) notes.push_back(b.text);
  }
  EXPECT_EQ(headers, std::vector<std::string>{"Công văn 123/UBND-VP"});
  EXPECT_EQ(footers, std::vector<std::string>{"Trang 1"});
  EXPECT_EQ(notes, std::vector<std::string>{"Kế hoạch ngày 10/01/2025 của UBND tỉnh Lâm Đồng."});
  EXPECT_NE(text_of(file).find("45/KH-UBND của UBND tỉnh"), std::string::npos) << text_of(file);

  ReadFile word = read_html(
      "<html><body><div style='mso-element:header' id=h1><p>Đầu trang</p></div>"
      "<p>Theo Nghị định<a style='mso-footnote-id:ftn1' href=\"#_ftn1\" name=\"_ftnref1\">"
      "<span>[1]</span></a> số 30</p><div style='mso-element:footnote-list'>"
      "<div style='mso-element:footnote' id=ftn1><p><a href=\"#_ftnref1\">[1]</a> Năm 2020."
      "</p></div></div></body></html>");
  std::string text = text_of(word);
  EXPECT_EQ(text, "Theo Nghị định số 30\nNăm 2020.\n");
  ASSERT_FALSE(word.blocks.empty());
  EXPECT_EQ(word.blocks[0].kind, Kind::kPageHeader);
}

TEST(HtmlReader, XhtmlPrologNamesTheEncoding) {
  std::string page =
      "<?xml version=\"1.0\" encoding=\"windows-1258\"?><html><body><p>Vi\xEA\xF2t"
      "</p><p>&nbsp;&nbsp;</p></body></html>";
  ReadFile file = read_html(page, "x.xhtml");
  ASSERT_EQ(file.blocks.size(), 1u);  // the blank paragraph is dropped
  EXPECT_EQ(file.blocks[0].text, "Vi\xC3\xAA\xCC\xA3t");
}

TEST(HtmlReader, UnclosedMarkupEnds) {
  ReadFile file = read_html("<html><body><p>Một <b>hai<script>var x; <td> a < b &#99999999");
  EXPECT_NE(text_of(file).find("Một hai"), std::string::npos) << text_of(file);
}

}  // namespace
}  // namespace tracuu
