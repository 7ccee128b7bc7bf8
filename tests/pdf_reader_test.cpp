// The PDF reader on fixtures made here (tests/data/intake, see make_fixtures.sh): a two-page
// decision made by LibreOffice with the Official Gazette's running header and page numbers,
// its scan, a text page followed by a scanned page, a letter whose number and date were
// stamped last, an encrypted file.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <tuple>

#include "intake/page_layout.hpp"
#include "intake/page_ocr.hpp"
#include "intake/reader.hpp"
#include "test_support.hpp"
#include "tracuu/intake.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

using intake::LaidOutPage;
using intake::PageLine;
using testing::TempDir;

std::string fixture(const std::string& name) {
  return testing::read_file(std::filesystem::path(TRACUU_TEST_DATA_DIR) / "intake" / name);
}

Result<ReadFile> read_pdf(const std::string& bytes, const ReadOptions& options = {}) {
  for (const auto& reader : intake::readers()) {
    if (reader->accepts("application/pdf", ".pdf")) return reader->read(bytes, options);
  }
  return Status::internal("no PDF reader");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const std::string& l : lines_of(text)) {
    if (l == line) return true;
  }
  return false;
}

// Whether some line of the text holds the phrase: a phrase split by the page's wrapping is
// not on one line.
bool on_one_line(const std::string& text, const std::string& phrase) {
  for (const std::string& l : lines_of(text)) {
    if (l.find(phrase) != std::string::npos) return true;
  }
  return false;
}

ReadOptions ocr_options(const TempDir& dir) {
  ReadOptions o;
  o.ocr_cache = dir / "ocr";
  return o;
}

size_t cache_files(const std::filesystem::path& dir) {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    n += e.path().extension() == ".ocr";
  return n;
}

TEST(PdfReader, IsAskedBeforeTheTextReader) {
  const std::string bytes = fixture("quyet_dinh.pdf");
  Result<ReadFile> r = read_file_bytes(bytes, "quyet_dinh.txt", ReadOptions{});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->format, "pdf");
  EXPECT_EQ(r->mime, "application/pdf");
  EXPECT_EQ(r->pages, 2);
}

TEST(PdfReader, JoinsLinesThePageWrapped) {
  Result<ReadFile> r = read_pdf(fixture("quyet_dinh.pdf"));
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const std::string text = text_of(r.value());
  EXPECT_TRUE(has_line(text,
                       "Quy chế này quy định việc tiếp nhận, phân loại, bảo quản và khai thác "
                       "tài liệu lưu trữ điện tử của các sở, ban, ngành và ủy ban nhân dân các "
                       "xã, phường trên địa bàn tỉnh, bảo đảm tài liệu được tra cứu nhanh chóng, "
                       "chính xác và an toàn trong suốt thời hạn bảo quản theo quy định của pháp "
                       "luật về lưu trữ."))
      << text;
  EXPECT_TRUE(on_one_line(text, "của cơ quan nhà nước;")) << text;
  EXPECT_TRUE(on_one_line(text, "ngày 02 tháng 5 năm 2026.")) << text;
  EXPECT_EQ(r->warnings.size(), 0u);
  EXPECT_TRUE(r->ocr_pages.empty());
}

TEST(PdfReader, JoinsAParagraphOverThePageBreak) {
  Result<ReadFile> r = read_pdf(fixture("quyet_dinh.pdf"));
  ASSERT_TRUE(r.is_ok());
  EXPECT_TRUE(on_one_line(text_of(r.value()), "qua cổng dịch vụ công của tỉnh; cơ quan lưu trữ"));
  EXPECT_TRUE(
      on_one_line(text_of(r.value()), "kể từ ngày nhận được phiếu yêu cầu hợp lệ, trường hợp"));
  for (const TextBlock& b : r->blocks) {
    if (b.text.rfind("Cá nhân, tổ chức có nhu cầu", 0) == 0) {
      EXPECT_EQ(b.page, 1);
    }
    if (b.text.rfind("Điều 5.", 0) == 0) {
      EXPECT_EQ(b.page, 2);
    }
  }
}

TEST(PdfReader, KeepsHeadingsListItemsAndHeaderLinesApart) {
  Result<ReadFile> r = read_pdf(fixture("quyet_dinh.pdf"));
  ASSERT_TRUE(r.is_ok());
  const std::string text = text_of(r.value());
  for (const char* line :
       {"Điều 1. Phạm vi điều chỉnh", "Điều 5. Hiệu lực thi hành", "QUYẾT ĐỊNH:",
        "a) Lập danh mục hồ sơ, tài liệu cần số hóa theo thứ tự ưu tiên;", "Số: 123/QĐ-UBND",
        "Lâm Đồng, ngày 15 tháng 5 năm 2026", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Về việc ban hành Quy chế quản lý tài liệu lưu trữ điện tử", "CHỦ TỊCH",
        "Nguyễn Văn Bình"}) {
    EXPECT_TRUE(has_line(text, line)) << line << "\n" << text;
  }
}

// Reading order interleaves the header table's columns; its cells come out row by row.
TEST(PdfReader, GivesTheHeaderTableAsCellsRowByRow) {
  Result<ReadFile> r = read_pdf(fixture("quyet_dinh.pdf"));
  ASSERT_TRUE(r.is_ok());
  std::vector<std::tuple<int, int, std::string>> cells;
  for (const TextBlock& b : r->blocks) {
    if (b.kind == TextBlock::Kind::kCell) cells.emplace_back(b.row, b.col, b.text);
  }
  const std::vector<std::tuple<int, int, std::string>> expected = {
      {0, 0, "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"},
      {0, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"},
      {1, 0, "Số: 123/QĐ-UBND"},
      {1, 1, "Lâm Đồng, ngày 15 tháng 5 năm 2026"}};
  EXPECT_EQ(cells, expected);
  EXPECT_EQ(text_of(r.value()).rfind("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA", 0), 0u);
}

TEST(PdfReader, RunningHeaderAndPageNumbersStayOutOfTheBody) {
  Result<ReadFile> r = read_pdf(fixture("quyet_dinh.pdf"));
  ASSERT_TRUE(r.is_ok());
  const std::string text = text_of(r.value());
  EXPECT_EQ(text.find("CÔNG BÁO"), std::string::npos) << text;
  EXPECT_FALSE(has_line(text, "1"));
  EXPECT_FALSE(has_line(text, "2"));
  int headers = 0, footers = 0;
  for (const TextBlock& b : r->blocks) {
    headers += b.kind == TextBlock::Kind::kPageHeader && b.text.find("CÔNG BÁO") == 0;
    footers += b.kind == TextBlock::Kind::kPageFooter && (b.text == "1" || b.text == "2");
  }
  EXPECT_EQ(headers, 2);
  EXPECT_EQ(footers, 2);
  EXPECT_EQ(text_of(r.value()).find("CÔNG BÁO"), std::string::npos);
}

TEST(PdfReader, PutsANumberStampedAfterSigningInItsPlace) {
  Result<ReadFile> r = read_pdf(fixture("cong_van_stamped.pdf"));
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const std::string text = text_of(r.value());
  EXPECT_TRUE(has_line(text, "So: 8977/BNV-TCPCP")) << text;
  EXPECT_TRUE(has_line(text, "Ha Noi, ngay 06 thang 10 nam 2025")) << text;
  EXPECT_EQ(lines_of(text).back(),
            "Bo Noi vu de nghi cac dia phuong bao cao ket qua sap xep to chuc bo may.");
}

TEST(PdfReader, ReadsAScanByOcrOnceThenFromTheCache) {
  TempDir dir;
  const std::string bytes = fixture("quyet_dinh_scan.pdf");
  const uint64_t before = intake::ocr_runs();
  Result<ReadFile> first = read_pdf(bytes, ocr_options(dir));
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  EXPECT_EQ(intake::ocr_runs(), before + 1);
  EXPECT_EQ(first->pages, 1);
  EXPECT_EQ(first->ocr_pages, std::vector<int>{1});
  for (const TextBlock& b : first->blocks) EXPECT_TRUE(b.ocr) << b.text;
  const std::string folded = fold_diacritics(text_of(first.value()));
  for (const char* words : {"quyet dinh", "tinh lam dong", "pham vi dieu chinh",
                            "quy che nay quy dinh viec tiep nhan", "bao quan du lieu"}) {
    EXPECT_NE(folded.find(words), std::string::npos) << words << "\n" << folded;
  }
  // Wrapped lines of the image are joined too.
  EXPECT_TRUE(on_one_line(folded, "khai thac tai lieu luu tru dien tu cua cac so")) << folded;
  EXPECT_EQ(folded.find("cong bao"), std::string::npos) << folded;
  EXPECT_EQ(cache_files(dir / "ocr"), 1u);

  const auto start = std::chrono::steady_clock::now();
  Result<ReadFile> second = read_pdf(bytes, ocr_options(dir));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(intake::ocr_runs(), before + 1);  // nothing read again
  EXPECT_EQ(text_of(second.value()), text_of(first.value()));
  EXPECT_EQ(second->ocr_pages, std::vector<int>{1});
  EXPECT_LT(seconds, 5.0);  // a render and a hash, no OCR; lenient for a busy machine
}

TEST(PdfReader, OcrsOnlyTheScannedPageOfAMixedFile) {
  TempDir dir;
  Result<ReadFile> r = read_pdf(fixture("quyet_dinh_mixed.pdf"), ocr_options(dir));
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->pages, 2);
  EXPECT_EQ(r->ocr_pages, std::vector<int>{2});
  bool page2 = false;
  for (const TextBlock& b : r->blocks) {
    if (b.page == 1 && b.kind == TextBlock::Kind::kParagraph) {
      EXPECT_FALSE(b.ocr) << b.text;
    }
    if (b.page == 2) {
      EXPECT_TRUE(b.ocr) << b.text;
      page2 = true;
    }
  }
  EXPECT_TRUE(page2);
  const std::string folded = fold_diacritics(text_of(r.value()));
  EXPECT_NE(folded.find("hieu luc thi hanh"), std::string::npos) << folded;
  EXPECT_NE(folded.find("nguyen van binh"), std::string::npos) << folded;
}

TEST(PdfReader, ReadsAgainAPageWhoseOcrLayerLostTheVietnameseLetters) {
  const std::string bytes = fixture("quyet_dinh_winansi.pdf");
  ReadOptions no_ocr;
  no_ocr.ocr = false;
  Result<ReadFile> left = read_pdf(bytes, no_ocr);
  ASSERT_TRUE(left.is_ok());
  EXPECT_EQ(left->warnings, std::vector<std::string>{"page 1 is a scan: not read (--no-ocr)"});
  EXPECT_EQ(text_of(left.value()), "");  // never "CØNG HOÀXÃ HØI"

  TempDir dir;
  Result<ReadFile> read = read_pdf(bytes, ocr_options(dir));
  ASSERT_TRUE(read.is_ok());
  EXPECT_EQ(read->ocr_pages, std::vector<int>{1});
  const std::string text = text_of(read.value());
  EXPECT_EQ(text.find("CØNG"), std::string::npos) << text;
  EXPECT_NE(fold_diacritics(text).find("cong hoa xa hoi chu nghia viet nam"), std::string::npos)
      << text;
}

TEST(PdfReader, WithoutOcrAScanIsLeftWithAWarning) {
  ReadOptions options;
  options.ocr = false;
  const uint64_t before = intake::ocr_runs();
  Result<ReadFile> r = read_pdf(fixture("quyet_dinh_mixed.pdf"), options);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(intake::ocr_runs(), before);
  EXPECT_TRUE(r->ocr_pages.empty());
  EXPECT_EQ(r->warnings, std::vector<std::string>{"page 2 is a scan: not read (--no-ocr)"});
  EXPECT_NE(text_of(r.value()).find("Điều 1. Phạm vi điều chỉnh"), std::string::npos);
}

TEST(PdfReader, SaysWhyItCannotRead) {
  Result<ReadFile> encrypted = read_pdf(fixture("mat.pdf"));
  ASSERT_FALSE(encrypted.is_ok());
  EXPECT_EQ(encrypted.status().message(), "encrypted PDF");

  const std::string whole = fixture("quyet_dinh.pdf");
  for (const std::string& bytes :
       {whole.substr(0, whole.size() / 2), std::string("%PDF-1.4\n1 0 obj\n<< /Type"),
        std::string("%PDF-1.7\n") + std::string(5000, 'x')}) {
    Result<ReadFile> damaged = read_pdf(bytes);
    ASSERT_FALSE(damaged.is_ok());
    EXPECT_EQ(damaged.status().message().rfind("damaged PDF", 0), 0u) << damaged.status().message();
  }
}

TEST(PageLayout, TellsABrokenVietnameseLayerFromVietnameseAndTcvn3) {
  EXPECT_TRUE(intake::is_broken_vietnamese(
      "CØNG HOÀXÃ HØI CHæNGH(AVIÆT NAM Ðöc lâp - Tø do - Hænh phúc Lâm ông, ngày 12"));
  EXPECT_FALSE(intake::is_broken_vietnamese(
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Lâm Đồng"));
  EXPECT_FALSE(intake::is_broken_vietnamese("§¶ng bé c¬ quan UBND huyÖn ®¶ng céng s¶n viÖt nam"));
  EXPECT_FALSE(intake::is_broken_vietnamese("Report of the meeting held in Hanoi on Monday"));
}

TEST(PageLayout, StampTextIsFurniture) {
  for (const char* stamp : {"Ký bởi: Sở Nội vụ", "Thời gian ký: 07/10/2025 20:43:19 +07:00",
                            "SAO Y; CÔNG AN TỈNH LÂM ĐỒNG; 06/01/2026; 16:42:26; +07:00"}) {
    EXPECT_TRUE(intake::is_stamp_line(stamp)) << stamp;
  }
  EXPECT_FALSE(intake::is_stamp_line("Sở Nội vụ kính trình Chủ tịch Ủy ban nhân dân tỉnh"));

  LaidOutPage page;
  page.number = 1;
  page.width = 600;
  page.height = 800;
  auto line = [](std::string text, double top) {
    PageLine l;
    l.text = std::move(text);
    l.left = 80;
    l.right = 300;
    l.top = top;
    l.bottom = top + 14;
    l.first_word_width = 30;
    return l;
  };
  page.lines = {line("SAO Y", 300), line("Bộ Công an", 316),
                line("Thời gian ký: 2025-10-01T17:08:18+07:00", 332), line("CHƯƠNG TRÌNH", 400)};
  std::vector<TextBlock> blocks = intake::layout_blocks({page});
  ReadFile file;
  file.blocks = blocks;
  EXPECT_EQ(text_of(file), "CHƯƠNG TRÌNH\n");
  // A scan with only its signature stamp as text has no real text.
  EXPECT_EQ(intake::real_text_chars(
                {line("SAO Y; CÔNG AN TỈNH LÂM ĐỒNG; 06/01/2026", 10), line("Điều 1", 30)}),
            5u);
}

// A file of two letters from one issuer: the issuer at the top of each page is each letter's
// own, not a running header; the page numbers are.
TEST(PageLayout, TheIssuerOfEachLetterInABundleIsNoRunningHeader) {
  auto page = [](int number) {
    LaidOutPage p;
    p.number = number;
    p.width = 600;
    p.height = 840;
    auto line = [](std::string text, double left, double top) {
      PageLine l;
      l.text = std::move(text);
      l.left = left;
      l.right = left + 150;
      l.top = top;
      l.bottom = top + 14;
      l.first_word_width = 40;
      return l;
    };
    p.lines = {line("ỦY BAN NHÂN DÂN", 80, 50), line("TỈNH LÂM ĐỒNG", 90, 66),
               line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 50),
               line("Thư số " + std::to_string(number), 80, 300),
               line(std::to_string(number), 290, 800)};
    return p;
  };
  ReadFile file;
  file.blocks = intake::layout_blocks({page(1), page(2)});
  EXPECT_EQ(text_of(file),
            "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nThư số 1\n"
            "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nThư số 2\n");
}

// Lines as OCR gives them, in pixels: tesseract's paragraph start before a lower-case line
// of a wrapped sentence is outweighed; a heading and a capitals line stay apart.
TEST(PageLayout, JoinsWrappedLinesOfAnOcrPage) {
  LaidOutPage page;
  page.number = 1;
  page.width = 2480;
  page.height = 3508;
  page.ocr = true;
  auto line = [](std::string text, double left, double right, double top, bool para) {
    PageLine l;
    l.text = std::move(text);
    l.left = left;
    l.right = right;
    l.top = top;
    l.bottom = top + 70;
    l.first_word_width = 120;
    l.starts_paragraph = para;
    return l;
  };
  page.lines = {
      line("QUYẾT ĐỊNH CỦA ỦY BAN", 900, 1600, 800, true),
      line("Thực hiện Kết luận số 132-KL/TW của Bộ Chính trị về", 520, 2280, 1000, true),
      line("việc tiếp tục thực hiện Chỉ thị số 36-CT/TW về tăng cường", 400, 2282, 1090, true),
      line("hiệu quả công tác phòng, chống ma túy.", 400, 1500, 1180, false),
      line("Điều 1. Thành lập Hội đồng", 520, 1400, 1300, true)};
  ReadFile file;
  file.blocks = intake::layout_blocks({page});
  EXPECT_EQ(text_of(file),
            "QUYẾT ĐỊNH CỦA ỦY BAN\n"
            "Thực hiện Kết luận số 132-KL/TW của Bộ Chính trị về việc tiếp tục thực hiện Chỉ thị "
            "số 36-CT/TW về tăng cường hiệu quả công tác phòng, chống ma túy.\n"
            "Điều 1. Thành lập Hội đồng\n");
  for (const TextBlock& b : file.blocks) EXPECT_TRUE(b.ocr);
}

}  // namespace
}  // namespace tracuu
