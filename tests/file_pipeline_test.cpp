// What the pipeline does with what readers hand it, whatever the format: envelopes, OCR'd
// headers, skipped and secret files, exchange packages that revoke or replace. A stand-in
// reader (a shell script answering with the file's own content, a ReadFile as JSON) plays the
// readers, so these rules are tested apart from any one format.
#include <gtest/gtest.h>

#include "intake/read_file_json.hpp"
#include "test_support.hpp"
#include "tracuu/document_codec.hpp"
#include "tracuu/index_writer.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr const char* kPlan =
    "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/KH-UBND\nLâm Đồng, ngày 5 tháng 3 năm 2025\n"
    "KẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2025\nNội dung kế hoạch chuyển đổi số.\n";

class FilePipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    reader_ = dir_ / "fake-reader";
    testing::write_file(reader_, "#!/bin/sh\nwhile IFS= read -r f; do cat \"$f\"; echo; done\n");
    fs::permissions(reader_, fs::perms::owner_all);
    fs::create_directories(docs_);
  }

  // A file the stand-in reader reads as `file`.
  void put(const std::string& name, const ReadFile& file) {
    testing::write_file(docs_ / name, intake::read_result_to_json(file));
  }

  static ReadFile text_file(const std::string& format, const std::string& text) {
    ReadFile f;
    f.format = format;
    TextBlock b;
    b.text = text;
    b.page = 1;
    f.blocks.push_back(b);
    f.pages = format == "pdf" ? 1 : 0;
    return f;
  }

  IndexSummary run(IntakeSettings intake = {}) {
    intake.reader_program = reader_;
    auto writer = IndexWriter::open(db_, false);
    EXPECT_TRUE(writer.is_ok()) << writer.status().message();
    if (!writer.is_ok()) return {};
    writer.value()->set_intake(intake);
    auto summary = writer.value()->index({docs_});
    EXPECT_TRUE(summary.is_ok()) << summary.status().message();
    return summary.is_ok() ? summary.value() : IndexSummary{};
  }

  // The documents of the index whose number is `number`.
  std::vector<Document> with_number(const std::string& number) {
    Xapian::Database db(db_.string());
    std::vector<Document> out;
    std::string term = schema::filter_term(schema::kNumber, number);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      out.push_back(decode_document(db.get_document(*it).get_data()));
    }
    return out;
  }

  Xapian::doccount documents() { return Xapian::Database(db_.string()).get_doccount(); }

  TempDir dir_;
  fs::path docs_ = dir_ / "docs";
  fs::path db_ = dir_ / "index";
  fs::path reader_;
};

TEST_F(FilePipelineTest, FormatPagesAndOcrAreKeptAndAnOcrNumberIsUncertain) {
  ReadFile scan = text_file("pdf", kPlan);
  scan.pages = 2;
  scan.ocr_pages = {1, 2};
  put("scan.pdf", scan);
  IndexSummary s = run();
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(s.ocr_pages, 2u);
  std::vector<Document> found = with_number("12/KH-UBND");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].source.format, "pdf");
  EXPECT_EQ(found[0].source.pages, 2);
  EXPECT_EQ(found[0].source.ocr_pages, (std::vector<int>{1, 2}));
  EXPECT_TRUE(found[0].meta.number_uncertain);
  EXPECT_TRUE(found[0].meta.date_uncertain);
  EXPECT_EQ(found[0].meta.date, "2025-03-05");

  // The same text with a text layer is certain.
  put("scan.pdf", text_file("pdf", kPlan));
  run();
  found = with_number("12/KH-UBND");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].meta.number_uncertain);
  EXPECT_TRUE(found[0].source.ocr_pages.empty());
}

TEST_F(FilePipelineTest, EnvelopeFactsWinOverTheText) {
  ReadFile package = text_file("edxml", kPlan);
  package.envelope.number = "7816/VPCP-TTĐT";
  package.envelope.date = "2019-04-11";
  package.envelope.type = "Công văn";
  package.envelope.issuer = "Văn phòng Chính phủ";
  package.envelope.title = "Về việc cung cấp thông tin";
  package.envelope.signer = "Nguyễn Văn A";
  package.exchange_id = "000.00.00.G22,2019/04/11,7816/VPCP-TTĐT";
  put("a.edxml", package);
  run();
  EXPECT_TRUE(with_number("12/KH-UBND").empty());
  std::vector<Document> found = with_number("7816/VPCP-TTĐT");
  ASSERT_EQ(found.size(), 1u);
  const DocumentMetadata& m = found[0].meta;
  EXPECT_EQ(m.number, "7816/VPCP-TTĐT");
  EXPECT_EQ(m.date, "2019-04-11");
  EXPECT_EQ(m.year, 2019);
  EXPECT_EQ(m.type, "Công văn");
  EXPECT_EQ(m.issuer, "Văn phòng Chính phủ");
  EXPECT_EQ(m.title, "Về việc cung cấp thông tin");
  EXPECT_EQ(m.signer, "Nguyễn Văn A");
  EXPECT_EQ(found[0].exchange_id, package.exchange_id);
}

TEST_F(FilePipelineTest, ExchangePackagesRevokeAndReplaceWhatTheyName) {
  const std::string id = "000.00.00.G22,2025/03/05,12/KH-UBND";
  ReadFile original = text_file("edxml", kPlan);
  original.exchange_id = id;
  put("original.edxml", original);
  std::string other_plan = kPlan;
  other_plan.replace(other_plan.find("12/"), 2, "13");
  ReadFile other = text_file("txt", other_plan);
  put("other.txt.json", other);  // not an exchange package: never touched by one
  run();
  ASSERT_EQ(with_number("12/KH-UBND").size(), 1u);
  ASSERT_EQ(with_number("13/KH-UBND").size(), 1u);

  ReadFile replacement = text_file("edxml", std::string(kPlan) + "Bổ sung nội dung thay thế.\n");
  replacement.exchange_id = id + "-2";
  replacement.replaces = id;
  put("replacement.edxml", replacement);
  run();
  std::vector<Document> found = with_number("12/KH-UBND");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].text.find("thay thế"), std::string::npos);

  ReadFile revocation;
  revocation.format = "edxml";
  revocation.revokes = id + "-2";
  put("revocation.edxml", revocation);
  IndexSummary s = run();
  EXPECT_EQ(s.revoked, 1u);
  ASSERT_EQ(s.skipped.size(), 1u);
  EXPECT_NE(s.skipped[0].reason.find("revoking"), std::string::npos);
  EXPECT_TRUE(with_number("12/KH-UBND").empty());
  EXPECT_EQ(with_number("13/KH-UBND").size(), 1u);
}

TEST_F(FilePipelineTest, SkippedFilesAreSaidOnceAndFailuresDoNotStopTheBatch) {
  ReadFile image;
  image.skip_reason = "not a document type tracuu reads (image/png)";
  put("photo.png", image);
  testing::write_file(docs_ / "broken.pdf",
                      intake::read_result_to_json(Status::invalid_argument("damaged PDF")));
  put("good.docx", text_file("docx", kPlan));
  testing::write_file(docs_ / ".hidden.docx", "not json at all");
  testing::write_file(docs_ / "~$good.docx", "not json at all");
  IndexSummary first = run();
  EXPECT_EQ(first.added, 1u);
  ASSERT_EQ(first.skipped.size(), 1u);
  EXPECT_EQ(first.skipped[0].reason, image.skip_reason);
  ASSERT_EQ(first.failed.size(), 1u);
  EXPECT_EQ(first.failed[0].error, "damaged PDF");
  EXPECT_EQ(documents(), 1u);

  // An unchanged skipped file is not read again; a failed one is retried.
  IndexSummary again = run();
  EXPECT_TRUE(again.skipped.empty());
  EXPECT_EQ(again.unchanged, 2u);
  EXPECT_EQ(again.failed.size(), 1u);
}

// A draft or a letter whose serial is handwritten leaves "Số: /TTr-SNV"; the case's folder
// says the serial, when it names the document's own type and organ.
TEST_F(FilePipelineTest, ABlankSerialComesFromTheCaseName) {
  const std::string draft =
      "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: /TTr-SNV\nLâm Đồng, ngày   tháng 5 năm 2025\n"
      "TỜ TRÌNH\nVề việc thành lập Hội Cựu giáo chức\nKính gửi: Ủy ban nhân dân tỉnh.\n";
  const std::string answer =
      "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /UBND-NC\nV/v triển khai Công văn số 4214/BCA-C04\n"
      "Thực hiện Công văn số 4214/BCA-C04 của Bộ Công an.\n";
  testing::write_file(docs_ / "Tờ trình 156 SNV thành lập Hội" / "du thao.docx",
                      intake::read_result_to_json(text_file("docx", draft)));
  testing::write_file(docs_ / "CV 4214 BCA Triển khai" / "tra loi.docx",
                      intake::read_result_to_json(text_file("docx", answer)));
  // The draft decision beside a tờ trình is no tờ trình.
  testing::write_file(docs_ / "Tờ trình 156 SNV thành lập Hội" / "du thao qd.docx",
                      intake::read_result_to_json(
                          text_file("docx",
                                    "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /QĐ-UBND\nQUYẾT ĐỊNH\n"
                                    "Về việc thành lập Hội\nĐiều 1. Thành lập Hội.\n")));
  run();
  std::vector<Document> found = with_number("156/TTr-SNV");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].meta.type, "Tờ trình");
  EXPECT_TRUE(found[0].meta.number_uncertain);
  EXPECT_TRUE(with_number("4214/UBND-NC").empty());
  EXPECT_TRUE(with_number("156/QĐ-UBND").empty());
  Xapian::Database db(db_.string());
  EXPECT_EQ(db.get_termfreq(schema::term(schema::kSerial, "156")), 1u);
  // The folder's words are searchable: both documents of the case.
  EXPECT_EQ(db.get_termfreq("156"), 2u);
}

TEST_F(FilePipelineTest, SecretDocumentsOnlyWhereTheOperatorAllows) {
  put("plan.docx", text_file("docx", kPlan));
  run();
  ASSERT_EQ(with_number("12/KH-UBND").size(), 1u);

  // Stamped since: its documents go, and it is skipped each run until allowed.
  put("plan.docx", text_file("docx", std::string("TỐI MẬT\n") + kPlan));
  IndexSummary stamped = run();
  ASSERT_EQ(stamped.skipped.size(), 1u);
  EXPECT_NE(stamped.skipped[0].reason.find("Tối mật"), std::string::npos);
  EXPECT_TRUE(with_number("12/KH-UBND").empty());
  EXPECT_EQ(run().skipped.size(), 1u);

  IntakeSettings allow;
  allow.secret_allowed = {docs_};
  IndexSummary allowed = run(allow);
  EXPECT_TRUE(allowed.skipped.empty());
  EXPECT_EQ(allowed.added, 1u);
  EXPECT_EQ(with_number("12/KH-UBND").size(), 1u);
}

}  // namespace
}  // namespace tracuu
