// The reader process as the indexer sees it: an answer, or a failure with its reason, whatever
// the reader does. A stand-in reader (a shell script) plays each behaviour; the real
// tracuu-read is checked on a text file and an image.
#include <gtest/gtest.h>

#include "intake/read_file_json.hpp"
#include "test_support.hpp"
#include "tracuu/intake.hpp"

namespace tracuu {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// A reader (tracuu-read --serve's protocol: a path a line in, an answer a line out) that
// answers with each file's own content, or misbehaves as the content says.
fs::path fake_reader(const TempDir& dir) {
  fs::path script = dir / "fake-reader";
  testing::write_file(
      script,
      "#!/bin/sh\n"
      "while IFS= read -r f; do\n"
      "case $(head -c 5 \"$f\") in\n"
      "  CRASH) kill -SEGV $$ ;;\n"
      "  HANG_) exec sleep 30 ;;\n"
      "  NOANS) echo 'tesseract: cannot allocate' >&2; exit 3 ;;\n"
      "  PAGES) for i in 1 2 3; do echo \"tracuu-read: OCR page $i/3\" >&2; done\n"
      "         echo '{\"format\":\"pdf\",\"pages\":3}'; continue ;;\n"
      "  PIDIS) echo \"{\\\"format\\\":\\\"txt\\\",\\\"mime\\\":\\\"$$\\\"}\"; continue ;;\n"
      "esac\n"
      "cat \"$f\"; echo\n"
      "done\n");
  fs::permissions(script, fs::perms::owner_all);
  return script;
}

TextBlock block(TextBlock::Kind kind, std::string text, int page, int row = -1, int col = -1,
                bool ocr = false) {
  TextBlock b;
  b.kind = kind;
  b.text = std::move(text);
  b.page = page;
  b.row = row;
  b.col = col;
  b.ocr = ocr;
  return b;
}

TEST(IsolatedReadTest, AnswerComesBackWhole) {
  TempDir dir;
  ReadFile sent;
  sent.format = "pdf";
  sent.pages = 3;
  sent.ocr_pages = {2, 3};
  sent.blocks.push_back(block(TextBlock::Kind::kCell, "Số: 12/KH-UBND", 1, 1, 0));
  sent.blocks.push_back(block(TextBlock::Kind::kParagraph, "Nội dung", 2, -1, -1, true));
  sent.envelope.number = "7816/VPCP-TTĐT";
  sent.replaces = "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT";
  testing::write_file(dir / "a.pdf", intake::read_result_to_json(sent));
  Result<ReadFile> got = read_file_isolated(dir / "a.pdf", fake_reader(dir), {});
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  EXPECT_EQ(got->format, "pdf");
  EXPECT_EQ(got->pages, 3);
  EXPECT_EQ(got->ocr_pages, (std::vector<int>{2, 3}));
  ASSERT_EQ(got->blocks.size(), 2u);
  EXPECT_EQ(got->blocks[0].kind, TextBlock::Kind::kCell);
  EXPECT_EQ(got->blocks[0].row, 1);
  EXPECT_EQ(got->blocks[0].text, "Số: 12/KH-UBND");
  EXPECT_TRUE(got->blocks[1].ocr);
  EXPECT_EQ(got->blocks[1].page, 2);
  EXPECT_EQ(got->envelope.number, "7816/VPCP-TTĐT");
  EXPECT_EQ(got->replaces, sent.replaces);
}

TEST(IsolatedReadTest, ReaderErrorIsTheFilesReason) {
  TempDir dir;
  testing::write_file(dir / "a.doc", intake::read_result_to_json(
                                         Status::invalid_argument("encrypted Word document")));
  Result<ReadFile> got = read_file_isolated(dir / "a.doc", fake_reader(dir), {});
  ASSERT_FALSE(got.is_ok());
  EXPECT_EQ(got.status().message(), "encrypted Word document");
}

TEST(IsolatedReadTest, CrashHangAndSilenceAreFailuresWithReasons) {
  TempDir dir;
  fs::path reader = fake_reader(dir);
  testing::write_file(dir / "crash.pdf", "CRASH");
  testing::write_file(dir / "hang.pdf", "HANG_");
  testing::write_file(dir / "silent.pdf", "NOANSWER");
  testing::write_file(dir / "garbage.pdf", "{not json");

  Result<ReadFile> crash = read_file_isolated(dir / "crash.pdf", reader, {});
  ASSERT_FALSE(crash.is_ok());
  EXPECT_NE(crash.status().message().find("crashed"), std::string::npos)
      << crash.status().message();

  ReadLimits quick;
  quick.seconds = 1;
  auto started = std::chrono::steady_clock::now();
  Result<ReadFile> hang = read_file_isolated(dir / "hang.pdf", reader, {}, quick);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  ASSERT_FALSE(hang.is_ok());
  EXPECT_NE(hang.status().message().find("longer than 1 s"), std::string::npos)
      << hang.status().message();

  Result<ReadFile> silent = read_file_isolated(dir / "silent.pdf", reader, {});
  ASSERT_FALSE(silent.is_ok());
  EXPECT_NE(silent.status().message().find("cannot allocate"), std::string::npos)
      << silent.status().message();

  Result<ReadFile> garbage = read_file_isolated(dir / "garbage.pdf", reader, {});
  ASSERT_FALSE(garbage.is_ok());
  EXPECT_NE(garbage.status().message().find("not readable"), std::string::npos);
}

TEST(IsolatedReadTest, OcrProgressIsPassedOn) {
  TempDir dir;
  testing::write_file(dir / "scan.pdf", "PAGES");
  std::vector<std::pair<int, int>> heard;
  ReadOptions options;
  options.on_ocr_page = [&](int done, int total) { heard.emplace_back(done, total); };
  Result<ReadFile> got = read_file_isolated(dir / "scan.pdf", fake_reader(dir), options);
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  EXPECT_EQ(got->pages, 3);
  EXPECT_EQ(heard, (std::vector<std::pair<int, int>>{{1, 3}, {2, 3}, {3, 3}}));
}

// One process reads file after file; a file that crashes it fails alone, and the next file is
// read by a new process.
TEST(IsolatedReadTest, AReaderProcessServesManyFilesAndIsReplacedAfterACrash) {
  TempDir dir;
  testing::write_file(dir / "who.pdf", "PIDIS");
  testing::write_file(dir / "crash.pdf", "CRASH");
  ReaderProcess reader(fake_reader(dir), {});
  Result<ReadFile> first = reader.read(dir / "who.pdf");
  Result<ReadFile> second = reader.read(dir / "who.pdf");
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  ASSERT_TRUE(second.is_ok()) << second.status().message();
  EXPECT_EQ(first->mime, second->mime);  // the same process (its pid) answered both
  Result<ReadFile> crash = reader.read(dir / "crash.pdf");
  ASSERT_FALSE(crash.is_ok());
  EXPECT_NE(crash.status().message().find("crashed"), std::string::npos);
  Result<ReadFile> after = reader.read(dir / "who.pdf");
  ASSERT_TRUE(after.is_ok()) << after.status().message();
  EXPECT_NE(after->mime, first->mime);  // a new process
  EXPECT_FALSE(reader.read(dir / "line\nbreak.pdf").is_ok());
}

TEST(IsolatedReadTest, MissingReaderProgramIsSaid) {
  TempDir dir;
  testing::write_file(dir / "a.pdf", "x");
  Result<ReadFile> got = read_file_isolated(dir / "a.pdf", dir / "no-such-reader", {});
  ASSERT_FALSE(got.is_ok());
  EXPECT_NE(got.status().message().find("cannot start the reader"), std::string::npos);
}

TEST(IsolatedReadTest, RealReaderReadsTextAndSkipsAnImage) {
  TempDir dir;
  testing::write_file(dir / "a.txt", "Kế hoạch\n");
  // The smallest PNG: libmagic knows it by its signature.
  testing::write_file(dir / "b.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  Result<ReadFile> text = read_file_isolated(dir / "a.txt", TRACUU_READ_BIN, {});
  ASSERT_TRUE(text.is_ok()) << text.status().message();
  EXPECT_EQ(text->format, "txt");
  EXPECT_EQ(text_of(text.value()), "Kế hoạch\n");
  Result<ReadFile> image = read_file_isolated(dir / "b.png", TRACUU_READ_BIN, {});
  ASSERT_TRUE(image.is_ok()) << image.status().message();
  EXPECT_EQ(image->skip_reason, "not a document type tracuu reads (image/png)");
}

TEST(BlockTextTest, CellsOnTheirOwnLinesHeadersLeftOutFootnotesLast) {
  ReadFile f;
  f.blocks = {block(TextBlock::Kind::kPageHeader, "CÔNG BÁO/Số 290", 1),
              block(TextBlock::Kind::kCell, "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", 1, 0, 0),
              block(TextBlock::Kind::kCell, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, 0, 1),
              block(TextBlock::Kind::kFootnote, "(1) Ghi chú", 1),
              block(TextBlock::Kind::kParagraph, "\n  \nNội dung.\n", 1),
              block(TextBlock::Kind::kPageFooter, "2", 2),
              block(TextBlock::Kind::kParagraph, "Trang hai.", 2)};
  EXPECT_EQ(text_of(f),
            "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNội dung.\n"
            "Trang hai.\n(1) Ghi chú\n");
}

}  // namespace
}  // namespace tracuu
