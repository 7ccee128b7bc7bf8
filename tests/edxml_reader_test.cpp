// edXML packages (QCVN 102:2016/BTTTT): the envelope's facts as stated, the attachments' text
// (a zip holding another package included), status packages skipped, revocations and
// replacements named. Fixtures in tests/data/intake/ are written by make_edxml_fixtures.py to
// the structure of real exchanges; the cases below that need a variant edit a fixture's text.
#include <gtest/gtest.h>

#include <string>

#include "intake/reader.hpp"
#include "test_support.hpp"
#include "tracuu/intake.hpp"

namespace tracuu {
namespace {

constexpr const char* kNs = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

std::string fixture(const std::string& name) {
  return testing::read_file(std::filesystem::path(TRACUU_TEST_DATA_DIR) / "intake" / name);
}

// The fixture's text with `from` replaced by `to` once; fails the test when `from` is absent,
// so a variant never silently tests the unchanged fixture.
std::string edited(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "not in the fixture: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

ReadFile read_ok(const std::string& bytes, const std::string& name) {
  Result<ReadFile> read = read_file_bytes(bytes, name, ReadOptions{});
  EXPECT_TRUE(read.is_ok()) << name << ": " << read.status().message();
  return read.is_ok() ? read.value() : ReadFile{};
}

bool has_warning_with(const ReadFile& file, const std::string& words) {
  for (const std::string& w : file.warnings) {
    if (w.find(words) != std::string::npos) return true;
  }
  return false;
}

std::string base64(std::string_view bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(alphabet[(n >> 18) & 63]);
    out.push_back(alphabet[(n >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? alphabet[n & 63] : '=');
  }
  return out;
}

// A minimal package in the default namespace with one attachment of the given encoded text.
std::string package_with(const std::string& subject, const std::string& attachment_name,
                         const std::string& encoded) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edXML xmlns=\"") + kNs +
         "\"><edXMLEnvelope><edXMLHeader><MessageHeader>"
         "<Code><CodeNumber>12</CodeNumber><CodeNotation>UBND-VP</CodeNotation></Code>"
         "<Subject>" +
         subject +
         "</Subject></MessageHeader></edXMLHeader></edXMLEnvelope>"
         "<AttachmentEncoded><Attachment><AttachmentName>" +
         attachment_name + "</AttachmentName><ContentTransferEncoded>" + encoded +
         "</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>\n";
}

TEST(EdxmlReader, EnvelopeFieldsAreTheStatedOnes) {
  ReadFile file = read_ok(fixture("cong_van_7816.edxml"), "cong_van_7816.edxml");
  EXPECT_EQ(file.format, "edxml");
  EXPECT_EQ(file.mime, "text/xml");
  EXPECT_EQ(file.envelope.number, "7816/VPCP-TTĐT");
  EXPECT_EQ(file.envelope.date, "2019-04-11");
  EXPECT_EQ(file.envelope.issuer, "Văn phòng Chính phủ");
  EXPECT_EQ(file.envelope.type, "Công văn");
  EXPECT_EQ(file.envelope.title, "V/v kết nối, liên thông phần mềm quản lý văn bản");
  EXPECT_EQ(file.envelope.signer, "Trần Văn Sơn");
  EXPECT_EQ(file.exchange_id, "000.00.00.G22,2019/04/11,7816/VPCP-TTĐT");
  EXPECT_EQ(file.revokes, "");
  EXPECT_EQ(file.replaces, "");
  EXPECT_EQ(file.skip_reason, "");
  EXPECT_TRUE(file.warnings.empty()) << file.warnings.front();
}

TEST(EdxmlReader, AttachmentsGiveTheTextInTheirOrder) {
  ReadFile file = read_ok(fixture("cong_van_7816.edxml"), "cong_van_7816.edxml");
  ASSERT_EQ(file.blocks.size(), 2u);
  std::string text = text_of(file);
  size_t letter = text.find("Trục liên thông văn bản quốc gia trước ngày 30 tháng 6 năm 2019.");
  size_t annex = text.find("Danh sách cơ quan hoàn thành kết nối trong quý II năm 2019.");
  ASSERT_NE(letter, std::string::npos) << text;
  ASSERT_NE(annex, std::string::npos) << text;
  EXPECT_LT(letter, annex);
  EXPECT_NE(text.find("Số: 7816/VPCP-TTĐT\n"), std::string::npos);
  EXPECT_EQ(text.find("\r"), std::string::npos);  // the base64's CRLF never reaches the text
}

TEST(EdxmlReader, ZipAttachmentHoldingAnotherPackageIsRead) {
  ReadFile file = read_ok(fixture("quyet_dinh_zip.edxml"), "quyet_dinh_zip.edxml");
  // The outer envelope wins over the package it carries.
  EXPECT_EQ(file.envelope.number, "1896/QĐ-TTg");
  EXPECT_EQ(file.envelope.date, "2019-12-26");
  EXPECT_EQ(file.envelope.title, "Gửi Quyết định số 1896/QĐ-TTg");
  EXPECT_EQ(file.envelope.signer, "Phạm Thu Hà");
  EXPECT_EQ(file.envelope.type, "Quyết định");
  std::string text = text_of(file);
  EXPECT_NE(text.find("Điều 1. Phê duyệt Đề án với mục tiêu toàn bộ hồ sơ công việc"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("Gửi Quyết định"), std::string::npos);  // not the envelope's words
  EXPECT_TRUE(file.warnings.empty()) << file.warnings.front();
}

TEST(EdxmlReader, GapsInTheOuterEnvelopeAreFilledFromTheCarriedPackage) {
  std::string bytes =
      edited(fixture("quyet_dinh_zip.edxml"), "<edXML:FullName>Phạm Thu Hà</edXML:FullName>", "");
  ReadFile file = read_ok(bytes, "quyet_dinh_zip.edxml");
  EXPECT_EQ(file.envelope.signer, "Lê Minh Hoàng");
  EXPECT_EQ(file.envelope.date, "2019-12-26");
}

TEST(EdxmlReader, StatusPackageIsSkippedWithItsReason) {
  ReadFile file = read_ok(fixture("status_01.edxml"), "status_01.edxml");
  EXPECT_EQ(file.skip_reason, "edXML status package: carries no document");
  EXPECT_TRUE(file.blocks.empty());
  EXPECT_EQ(file.revokes, "");
}

TEST(EdxmlReader, RevokingPackageNamesTheRevokedDocumentAndCarriesNone) {
  ReadFile file = read_ok(fixture("thu_hoi.edxml"), "thu_hoi.edxml");
  EXPECT_EQ(file.revokes, "000.00.00.G22,2019/04/10,7806/VPCP-TTĐT");
  EXPECT_EQ(file.replaces, "");
  EXPECT_EQ(file.skip_reason, "");
  EXPECT_EQ(text_of(file), "");  // its attachment is the document taken back: not read
  EXPECT_EQ(file.envelope.number, "7816/VPCP-TTĐT");
}

TEST(EdxmlReader, RevocationWithoutItsOwnIdRevokesThePackagesDocument) {
  std::string bytes =
      edited(fixture("thu_hoi.edxml"),
             "<edXML:DocumentId>000.00.00.G22,2019/04/10,7806/VPCP-TTĐT</edXML:DocumentId>", "");
  ReadFile file = read_ok(bytes, "thu_hoi.edxml");
  EXPECT_EQ(file.revokes, "000.00.00.G22,2019/04/11,7816/VPCP-TTĐT");
}

TEST(EdxmlReader, ReplacingPackageNamesTheReplacedDocumentAndIsIndexed) {
  ReadFile file = read_ok(fixture("thay_the.edxml"), "thay_the.edxml");  // ns2: prefixes
  EXPECT_EQ(file.replaces, "000.00.00.G09,2020/01/15,198/BNV-VP");
  EXPECT_EQ(file.revokes, "");
  EXPECT_EQ(file.exchange_id, "000.00.00.G09,2020/01/20,215/BNV-VP");
  EXPECT_EQ(file.envelope.number, "215/BNV-VP");
  EXPECT_EQ(file.envelope.issuer, "Bộ Nội vụ");
  EXPECT_EQ(file.envelope.date, "2020-01-20");
  EXPECT_NE(text_of(file).find("tiếp công dân định kỳ vào ngày thứ Năm hằng tuần"),
            std::string::npos);
}

TEST(EdxmlReader, UpdateIsReadAsAReplacement) {
  std::string bytes =
      edited(fixture("thay_the.edxml"), "<ns2:BussinessDocType>3<", "<ns2:BussinessDocType>2<");
  ReadFile file = read_ok(bytes, "thay_the.edxml");
  EXPECT_EQ(file.replaces, "000.00.00.G09,2020/01/15,198/BNV-VP");
  EXPECT_FALSE(file.blocks.empty());
}

TEST(EdxmlReader, UnknownBusinessIsReadAsANewDocument) {
  std::string bytes =
      edited(fixture("thay_the.edxml"), "<ns2:BussinessDocType>3<", "<ns2:BussinessDocType>7<");
  ReadFile file = read_ok(bytes, "thay_the.edxml");
  EXPECT_EQ(file.replaces, "");
  EXPECT_EQ(file.revokes, "");
  EXPECT_TRUE(has_warning_with(file, "BussinessDocType \"7\" unknown"));
  EXPECT_FALSE(file.blocks.empty());
}

TEST(EdxmlReader, WithoutReadableAttachmentsTheEnvelopeIsTheText) {
  ReadFile file = read_ok(fixture("khong_doc_duoc.edxml"), "khong_doc_duoc.edxml");
  ASSERT_EQ(file.blocks.size(), 2u);
  EXPECT_EQ(file.blocks[0].text, "Thông báo lịch nghỉ lễ Quốc khánh");
  EXPECT_EQ(file.blocks[1].text,
            "Cơ quan nghỉ lễ Quốc khánh từ ngày 31 tháng 8 đến hết ngày 3 tháng 9");
  EXPECT_TRUE(has_warning_with(file, "chu_ky.png not read: not a document type"));
  EXPECT_TRUE(has_warning_with(file, "320_VPCP-HC.pdf not read: its content is not base64"));
  EXPECT_EQ(file.envelope.number, "320/VPCP-HC");
}

TEST(EdxmlReader, XmlThatIsNotAPackageIsSkippedUnlessNamedTxt) {
  std::string other =
      "<?xml version=\"1.0\"?>\n<BaoCao xmlns=\"urn:so-lieu\"><Dong>1</Dong></BaoCao>\n";
  ReadFile file = read_ok(other, "so_lieu.xml");
  EXPECT_EQ(file.skip_reason, "XML file that is not an edXML package");
  // An element named edXML in another namespace is not a package either.
  std::string look_alike =
      std::string("<?xml version=\"1.0\"?>\n<edXML xmlns=\"urn:khac\"><a xmlns=\"") + kNs +
      "\"/></edXML>\n";
  EXPECT_EQ(read_ok(look_alike, "goi.edxml").skip_reason, "XML file that is not an edXML package");
  ReadFile text = read_ok(other, "ghi_chu.txt");
  EXPECT_EQ(text.format, "txt");
  EXPECT_EQ(text.skip_reason, "");
  EXPECT_EQ(text_of(text),
            "<?xml version=\"1.0\"?>\n<BaoCao xmlns=\"urn:so-lieu\"><Dong>1</Dong></BaoCao>\n");
}

TEST(EdxmlReader, PrefixUsedOutsideTheEnvelopeThatDeclaresItStillNamesAttachments) {
  // The real samples declare edXML: on the envelope and use it on AttachmentEncoded beside it.
  std::string bytes = std::string("<?xml version=\"1.0\"?>\n<edXML xmlns=\"") + kNs +
                      "\"><edXML:edXMLEnvelope xmlns:edXML=\"" + kNs +
                      "\"><edXML:edXMLHeader><edXML:MessageHeader><edXML:Subject>Về lịch họp"
                      "</edXML:Subject></edXML:MessageHeader></edXML:edXMLHeader>"
                      "</edXML:edXMLEnvelope><edXML:AttachmentEncoded><edXML:Attachment>"
                      "<edXML:AttachmentName>lich_hop.txt</edXML:AttachmentName>"
                      "<edXML:ContentTransferEncoded>" +
                      base64("Lịch họp giao ban tuần.") +
                      "</edXML:ContentTransferEncoded></edXML:Attachment>"
                      "</edXML:AttachmentEncoded></edXML>";
  ReadFile file = read_ok(bytes, "lich.edxml");
  EXPECT_EQ(text_of(file), "Lịch họp giao ban tuần.\n");
}

TEST(EdxmlReader, ElementOpenedTwiceIsRepaired) {
  // A builder's template in the real samples opens From twice and closes it once.
  std::string bytes =
      edited(fixture("cong_van_7816.edxml"), "<edXML:From>", "<edXML:From>\n         <edXML:From>");
  ReadFile file = read_ok(bytes, "cong_van_7816.edxml");
  EXPECT_EQ(file.envelope.number, "7816/VPCP-TTĐT");
  EXPECT_EQ(file.envelope.issuer, "Văn phòng Chính phủ");
  EXPECT_EQ(file.envelope.title, "V/v kết nối, liên thông phần mềm quản lý văn bản");
  EXPECT_EQ(file.blocks.size(), 2u);
  EXPECT_TRUE(has_warning_with(file, "read as repaired"));
}

TEST(EdxmlReader, DamagedPackageFailsWithItsReason) {
  std::string bytes = fixture("cong_van_7816.edxml");
  Result<ReadFile> read = read_file_bytes(bytes.substr(0, bytes.size() / 2), "x.edxml", {});
  ASSERT_FALSE(read.is_ok());
  EXPECT_EQ(read.status().message().rfind("damaged edXML package: ", 0), 0u)
      << read.status().message();
}

TEST(EdxmlReader, CutPackagesNeverThrow) {
  std::string bytes = fixture("quyet_dinh_zip.edxml");
  for (size_t cut = 1; cut < bytes.size(); cut += 37) {
    EXPECT_NO_THROW(read_file_bytes(bytes.substr(0, cut), "x.edxml", {})) << cut;
  }
}

TEST(EdxmlReader, Base64IsReadThroughWhitespaceAndWithoutPadding) {
  std::string encoded = base64("Xã Hòa Tiến");  // 15 bytes: no padding
  std::string wrapped;
  for (size_t i = 0; i < encoded.size(); ++i) {
    wrapped.push_back(encoded[i]);
    if (i % 5 == 4) wrapped += "\r\n\t ";
  }
  ReadFile file = read_ok(package_with("Về việc", "a.txt", wrapped), "a.edxml");
  EXPECT_EQ(text_of(file), "Xã Hòa Tiến\n");
  std::string padded = base64("Ủy ban nhân dân xã");  // 23 bytes: "=" padding, taken off below
  ASSERT_EQ(padded.back(), '=');
  while (padded.back() == '=') padded.pop_back();
  EXPECT_EQ(text_of(read_ok(package_with("Về việc", "b.txt", padded), "b.edxml")),
            "Ủy ban nhân dân xã\n");
  // One character into a quantum is no base64 at all: warned, and the Subject is the text.
  ReadFile cut = read_ok(package_with("Về việc", "c.txt", encoded + "Q"), "c.edxml");
  EXPECT_TRUE(has_warning_with(cut, "c.txt not read: its base64 content is cut short"));
  EXPECT_EQ(text_of(cut), "Về việc\n");
}

// A package `levels` deep, each carrying the next as an attachment; the innermost carries text.
std::string nested_package(int levels) {
  std::string inner = package_with("Tầng 1", "sau_nhat.txt", base64("Văn bản ở tầng sâu nhất"));
  for (int level = 2; level <= levels; ++level) {
    inner = package_with("Tầng " + std::to_string(level), "goi.edxml", base64(inner));
  }
  return inner;
}

TEST(EdxmlReader, ACarriedPackagesEnvelopeWordsStandInWhenTheOuterHasNone) {
  std::string inner = package_with("Về lịch tiếp công dân", "anh.png", base64("\x89PNG\r\n"));
  ReadFile file = read_ok(package_with("", "goi.edxml", base64(inner)), "goi.edxml");
  EXPECT_EQ(text_of(file), "Về lịch tiếp công dân\n");
}

TEST(EdxmlReader, PackagesAreReadThreeDeepAndNoDeeper) {
  ReadFile three = read_ok(nested_package(3), "goi.edxml");
  EXPECT_EQ(text_of(three), "Văn bản ở tầng sâu nhất\n");
  ReadFile four = read_ok(nested_package(4), "goi.edxml");
  EXPECT_EQ(text_of(four).find("tầng sâu nhất"), std::string::npos);
  EXPECT_TRUE(has_warning_with(four, "nested more than 3 deep"));
  EXPECT_EQ(text_of(four), "Tầng 4\n");  // the outermost envelope's words stand in
  // The depth is per reading: a shallow package after a deep one reads as before.
  EXPECT_EQ(text_of(read_ok(nested_package(3), "goi.edxml")), "Văn bản ở tầng sâu nhất\n");
}

TEST(EdxmlReader, DatesAreStatedInIsoOrNotAtAll) {
  const std::string date = "<edXML:PromulgationDate>2019/04/11</edXML:PromulgationDate>";
  auto date_of = [&](const std::string& stated) {
    return read_ok(edited(fixture("cong_van_7816.edxml"), date,
                          "<edXML:PromulgationDate>" + stated + "</edXML:PromulgationDate>"),
                   "x.edxml");
  };
  EXPECT_EQ(date_of("2019/4/1").envelope.date, "2019-04-01");
  EXPECT_EQ(date_of(" 2019-04-11 ").envelope.date, "2019-04-11");
  EXPECT_EQ(date_of("11/04/2019").envelope.date, "2019-04-11");
  ReadFile impossible = date_of("2014/02/30");
  EXPECT_EQ(impossible.envelope.date, "");
  EXPECT_TRUE(has_warning_with(impossible, "\"2014/02/30\" is not a date"));
}

TEST(EdxmlReader, NumberIsCodeNumberSlashNotation) {
  const std::string code = "<edXML:CodeNumber>7816</edXML:CodeNumber>";
  ReadFile no_number =
      read_ok(edited(fixture("cong_van_7816.edxml"), code, "<edXML:CodeNumber></edXML:CodeNumber>"),
              "x.edxml");
  EXPECT_EQ(no_number.envelope.number, "");  // a notation alone is no number
  ReadFile spaced = read_ok(edited(fixture("cong_van_7816.edxml"), code,
                                   "<edXML:CodeNumber>\n   7816\n  </edXML:CodeNumber>"),
                            "x.edxml");
  EXPECT_EQ(spaced.envelope.number, "7816/VPCP-TTĐT");
}

TEST(EdxmlReader, OnlyXmlAndEdxmlFilesAreOffered) {
  auto edxml = [] {
    for (const auto& r : intake::readers()) {
      if (r->format() == "edxml") return r.get();
    }
    return static_cast<intake::Reader*>(nullptr);
  }();
  ASSERT_NE(edxml, nullptr);
  EXPECT_TRUE(edxml->accepts("text/xml", ".edxml"));
  EXPECT_TRUE(edxml->accepts("application/xml", ".xml"));
  EXPECT_TRUE(edxml->accepts("text/xml", ""));
  EXPECT_TRUE(edxml->accepts("text/plain", ".edxml"));
  EXPECT_FALSE(edxml->accepts("text/xml", ".txt"));
  EXPECT_FALSE(edxml->accepts("application/pdf", ".edxml"));
  EXPECT_FALSE(edxml->accepts("text/plain", ".doc"));
}

}  // namespace
}  // namespace tracuu
