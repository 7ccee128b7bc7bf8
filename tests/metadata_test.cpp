// The extractor on every seed document: each field as a careful reader sees it in the text,
// and every document each one cites.
#include "tracuu/metadata.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tracuu/document.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {
namespace {

using Ids = std::vector<std::string>;

std::vector<Document> seed_documents(const std::string& prefix) {
  auto docs = load_documents(testing::corpus_file(prefix));
  EXPECT_TRUE(docs.is_ok());
  return docs.is_ok() ? docs.value() : std::vector<Document>{};
}

Ids ids(const DocumentMetadata& m) {
  Ids out;
  for (const Directive& d : m.directives) out.push_back(d.id);
  return out;
}

const Directive* find(const DocumentMetadata& m, const std::string& id) {
  for (const Directive& d : m.directives) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

struct Expected {
  const char* file;
  int part;
  const char* type;
  const char* number;
  const char* title;
  const char* issuer;
  const char* province;
  const char* date;
  int year;
  bool year_inferred;
  const char* signer;
  Ids directives;
};

const char* const kCvd = "“Người Việt Nam ưu tiên dùng hàng Việt Nam”";

std::vector<Expected> expectations() {
  std::string cvd = kCvd;
  static std::vector<std::string> keep;  // owns the composed strings below
  auto s = [](std::string v) {
    keep.push_back(std::move(v));
    return keep.back().c_str();
  };
  keep.reserve(32);
  return {
      {"000",
       1,
       "Kế hoạch",
       "",
       s("Triển khai thực hiện Kế hoạch số 28/KH-BCĐ ngày 11/02/2020 của Ban chỉ đạo Cuộc vận "
         "động " +
         cvd + " tỉnh Hưng Yên"),
       "Phòng Giáo dục và Đào tạo huyện Khoái Châu",
       "Hưng Yên",
       "",
       2020,
       true,
       "",
       {"28/KH-BCĐ", "184/KH-SGD&ĐT", "07-CTr/TU", "264-TB/TW", "24/CT-TTg", "634/QĐ-TTg",
        "36/TTr-MTTQTW-BTT"}},
      {"001",
       1,
       "Công văn",
       "",
       s("triển khai Kế hoạch Thực hiện Cuộc vận động " + cvd +
         " trên địa bàn Quận 7 giai đoạn 2023 - 2024"),
       "Phòng Giáo dục và Đào tạo Quận 7",
       "Hồ Chí Minh",
       "",
       2023,
       false,
       "",
       {"4092/KH-UBND-KT"}},
      {"002",
       1,
       "Kế hoạch",
       "",
       s("Thực hiện Cuộc vận động " + cvd + " năm 2017"),
       s("Ban Chỉ đạo Cuộc vận động " + cvd + " tỉnh Cà Mau"),
       "Cà Mau",
       "",
       2017,
       true,
       "",
       {"264-TB/TW", "107-KL/TW", "130-KH/TU", "634/QĐ-TTg"}},
      {"003",
       1,
       "Kế hoạch",
       "",
       s("Tuyên truyền triển khai thực hiện Cuộc vận động " + cvd +
         " trong hệ thống công đoàn năm 2022"),
       "Ban Thường vụ Liên đoàn Lao động tỉnh Khánh Hòa",
       "Khánh Hòa",
       "",
       2022,
       true,
       "Nguyễn Thị Hằng",
       {"03/KH-BCĐCVĐ", "03-CT/TW", "05-KH/TU"}},
      {"004",
       1,
       "Công văn",
       "1512/UBND-KT",
       "thực hiện cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt nam”",
       "Ủy ban nhân dân tỉnh Tây Ninh",
       "Tây Ninh",
       "2022-05-10",
       2022,
       false,
       "Dương Văn Thắng",
       {"02-KH/BCĐ", "03-CT/TW", "06/KH-BCĐ", "4324/KH-UBND"}},
      {"004",
       2,
       "Kế hoạch",
       "",
       s("Thực hiện Cuộc vận động " + cvd + " năm 2022"),
       s("Ban Chỉ đạo Cuộc vận động " + cvd + " tỉnh Tây Ninh"),
       "Tây Ninh",
       "2022-04-15",
       2022,
       false,
       "Nguyễn Văn Hợp",
       {"530/KH-MTTW-BCĐTWCVĐ", "68-KH/TU", "03-CT/TW", "634/QĐ-TTg"}},
      {"004",
       3,
       "Kế hoạch",
       "02-KH/BCĐ",
       s("triển khai thực hiện Chỉ thị số 03-CT/TW, ngày 19/5/2021 của Ban Bí thư về tăng cường "
         "sự lãnh đạo của Đảng đối với Cuộc vận động " +
         cvd + " trong tình hình mới"),
       s("Ban Chỉ đạo Cuộc vận động " + cvd + " tỉnh Tây Ninh"),
       "Tây Ninh",
       "2022-04-29",
       2022,
       false,
       "Nguyễn Mạnh Hùng",
       {"03-CT/TW", "326/KH-MTTW-BCĐTWCVĐ", "68-KH/TU", "06/NQ-MTTW-ĐCT", "89/2018/TT-BTC",
        "91/2012/TT-BTC", "386/QĐ-TTg", "291/QĐ-UBND"}},
      {"004",
       4,
       "Kế hoạch",
       "",
       s("Về tăng cường triển khai thực hiện Cuộc vận động " + cvd + " trong tình hình mới"),
       "Ủy ban nhân dân tỉnh Tây Ninh",
       "Tây Ninh",
       "",
       2021,
       true,
       "Dương Văn Thắng",
       {"28/CT-TTg", "03-CT/TW", "1163/QĐ-TTg", "386/QĐ-TTg", "1797/QĐ-TTg", "376/QĐ-TTg"}},
  };
}

TEST(MetadataTest, EverySeedDocument) {
  for (const Expected& e : expectations()) {
    auto docs = seed_documents(e.file);
    ASSERT_GE(docs.size(), static_cast<size_t>(e.part)) << e.file;
    const Document& d = docs[e.part - 1];
    const DocumentMetadata& m = d.meta;
    SCOPED_TRACE(std::string(e.file) + " part " + std::to_string(e.part));
    EXPECT_EQ(d.source.part, e.part);
    EXPECT_EQ(m.type, e.type);
    EXPECT_EQ(m.number, e.number);
    EXPECT_EQ(m.title, e.title);
    EXPECT_EQ(m.issuer, e.issuer);
    EXPECT_EQ(m.province, e.province);
    EXPECT_EQ(m.date, e.date);
    EXPECT_EQ(m.year, e.year);
    EXPECT_EQ(m.year_inferred, e.year_inferred);
    EXPECT_EQ(m.signer, e.signer);
    EXPECT_EQ(ids(m), e.directives);
  }
}

TEST(MetadataTest, DirectiveDetails) {
  auto docs = seed_documents("004");
  ASSERT_EQ(docs.size(), 4u);
  const Directive* ct03 = find(docs[0].meta, "03-CT/TW");
  ASSERT_NE(ct03, nullptr);
  EXPECT_EQ(ct03->kind, "Chỉ thị");
  EXPECT_EQ(ct03->date, "2021-05-19");
  EXPECT_EQ(ct03->issuer, "Ban Bí thư");
  EXPECT_EQ(ct03->key, "3/CT-TW");
  const Directive* tt89 = find(docs[2].meta, "89/2018/TT-BTC");
  ASSERT_NE(tt89, nullptr);
  EXPECT_EQ(tt89->kind, "Thông tư");
  EXPECT_EQ(tt89->date, "2018-09-28");
  EXPECT_EQ(tt89->issuer, "Bộ Tài chính");
  // "06-KH-BCĐ" and "06/KH-BCĐ" in the cover letter are one document.
  EXPECT_NE(find(docs[0].meta, "06/KH-BCĐ"), nullptr);
  // 1163/QĐ-TTg is dated in words: "ngày 13 tháng 7 năm 2021".
  EXPECT_EQ(find(docs[3].meta, "1163/QĐ-TTg")->date, "2021-07-13");
}

TEST(MetadataTest, DebrisNeverLeaksIntoFields) {
  for (const char* f : {"000", "003", "004"}) {
    for (const Document& d : seed_documents(f)) {
      for (const std::string* s : {&d.meta.title, &d.meta.issuer, &d.meta.signer}) {
        EXPECT_EQ(s->find("bookmark"), std::string::npos) << *s;
        EXPECT_EQ(s->find("**"), std::string::npos) << *s;
        EXPECT_EQ(s->find("Handwritten"), std::string::npos) << *s;
      }
    }
  }
}

TEST(MetadataTest, CraftedHeaderWithRealDocVariants) {
  std::string text =
      "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
      "Hạnh phúc\nSố: 2533/QÐ-UBND\nCần Thơ, ngày 20 tháng 11 năm 2025\nQUYẾT ĐỊNH VỀ VIỆC CÔNG "
      "BỐ THỦ TỤC HÀNH CHÍNH\nCăn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
      "Nơi nhận: - Như Điều 3;\nKT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Chí Hùng\n";
  DocumentMetadata m = extract_metadata(text);
  EXPECT_EQ(m.type, "Quyết định");
  EXPECT_EQ(m.number, "2533/QĐ-UBND");
  EXPECT_EQ(m.title, "VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH");
  EXPECT_EQ(m.issuer, "Ủy ban nhân dân thành phố Cần Thơ");
  EXPECT_EQ(m.province, "Cần Thơ");
  EXPECT_EQ(m.date, "2025-11-20");
  EXPECT_EQ(m.signer, "Trần Chí Hùng");
  ASSERT_EQ(m.directives.size(), 1u);
  EXPECT_EQ(m.directives[0].id, "72/2025/QH15");
  EXPECT_EQ(m.directives[0].kind, "Luật");
}

// Conversions that flatten a document leave the preamble on the title's line: the title stops
// before it, and before the authority that heads it, unless the title itself names it.
TEST(MetadataTest, TitleStopsWhereAFlattenedPreambleBegins) {
  const std::string header =
      "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
      "Hạnh phúc\nSố: 471/QĐ-UBND\nBắc Ninh, ngày 28 tháng 11 năm 2025\n";
  struct Case {
    std::string line, title;
  } cases[] = {
      {"QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT DANH MỤC HỘI CHỢ NĂM 2026 ỦY BAN NHÂN DÂN TỈNH BẮC NINH "
       "Căn cứ Luật Tổ chức chính quyền địa phương; Điều 1. Phê duyệt.",
       "VỀ VIỆC PHÊ DUYỆT DANH MỤC HỘI CHỢ NĂM 2026"},
      {"QUYẾT ĐỊNH Ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh Căn cứ Luật Tổ chức.",
       "Ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh"},
      {"NGHỊ QUYẾT QUY ĐỊNH MỨC CHI ĐẶC THÙ HỘI ĐỒNG NHÂN DÂN TỈNH BẮC NINH KHÓA XIX Căn cứ "
       "Luật.",
       "QUY ĐỊNH MỨC CHI ĐẶC THÙ"},
  };
  for (const Case& c : cases) {
    DocumentMetadata m = extract_metadata(header + c.line + "\nNơi nhận: - Như Điều 3.\n");
    EXPECT_EQ(m.title, c.title) << c.line;
  }
}

// The Official Gazette prints its issue above every page: "CÔNG BÁO/Số 179/Ngày …" is never
// the document's number, nor a page number alone a part of its header.
TEST(MetadataTest, GazetteRunningHeaderIsNoNumber) {
  DocumentMetadata m = extract_metadata(
      "CÔNG BÁO/Số 179/Ngày 15-02-2024\n3\nQUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Luật số: 56/2024/QH15\nHà Nội, ngày 29 tháng 11 năm 2024\nLUẬT\nLƯU TRỮ\n"
      "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n");
  EXPECT_EQ(m.number, "56/2024/QH15");
  EXPECT_EQ(m.type, "Luật");
  EXPECT_EQ(m.date, "2024-11-29");
  DocumentMetadata only_header = extract_metadata("CÔNG BÁO/Số 290/Ngày 29-05-2026\nNội dung.\n");
  EXPECT_EQ(only_header.number, "");
}

// A PDF or a scan read line by line interleaves the header's two columns.
TEST(MetadataTest, HeaderColumnsInterleavedLineByLine) {
  DocumentMetadata m = extract_metadata(
      "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG\n"
      "Độc lập - Tự do - Hạnh phúc\nSố: 123/QĐ-UBND\nLâm Đồng, ngày 15 tháng 5 năm 2026\n"
      "QUYẾT ĐỊNH\nVề việc ban hành Quy chế quản lý tài liệu lưu trữ điện tử\n"
      "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nCăn cứ Luật Tổ chức chính quyền địa phương;\n");
  EXPECT_EQ(m.issuer, "Ủy ban nhân dân tỉnh Lâm Đồng");
  EXPECT_EQ(m.province, "Lâm Đồng");
  EXPECT_EQ(m.number, "123/QĐ-UBND");
  EXPECT_EQ(m.title, "Về việc ban hành Quy chế quản lý tài liệu lưu trữ điện tử");
}

// A consolidated text carries its own number and date at its end.
TEST(MetadataTest, ConsolidatedTextNumberAtTheEnd) {
  DocumentMetadata m = extract_metadata(
      "CÔNG BÁO/Số 290/Ngày 29-05-2026\nBỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "THÔNG TƯ\nHướng dẫn quản lý thuế\nThông tư số 80/2021/TT-BTC ngày 29 tháng 9 năm 2021 "
      "của Bộ trưởng Bộ Tài chính, có hiệu lực kể từ ngày 01 tháng 01 năm 2022.\n"
      "Điều 1. Phạm vi điều chỉnh\nNội dung.\nXÁC THỰC VĂN BẢN HỢP NHẤT\nBỘ TRƯỞNG\n"
      "Số: 15/VBHN-BTC\nHà Nội, ngày 12 tháng 3 năm 2026\nNguyễn Văn Thắng\n");
  EXPECT_EQ(m.number, "15/VBHN-BTC");
  EXPECT_EQ(m.type, "Văn bản hợp nhất");
  EXPECT_EQ(m.date, "2026-03-12");
  EXPECT_EQ(m.year, 2026);
  // A number at the end that is not a consolidation's stays out.
  DocumentMetadata letter = extract_metadata("KẾ HOẠCH\nTuyên truyền\nNội dung.\nSố: 12/KH-UBND\n");
  EXPECT_EQ(letter.number, "");
}

// A national body signs in Hà Nội but has no province; one whose name says a province has it.
TEST(MetadataTest, NationalBodiesHaveNoProvince) {
  DocumentMetadata m = extract_metadata(
      "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 162/2026/NĐ-CP\n"
      "Hà Nội, ngày 20 tháng 5 năm 2026\nNGHỊ ĐỊNH\nQuy định mức hưởng trợ cấp\n");
  EXPECT_EQ(m.issuer, "Chính phủ");
  EXPECT_EQ(m.province, "");
  DocumentMetadata quoc_hoi = extract_metadata(
      "QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLuật số: 56/2024/QH15\n"
      "Hà Nội, ngày 29 tháng 11 năm 2024\nLUẬT\nLƯU TRỮ\n",
      BundleContext{"Lâm Đồng"});
  EXPECT_EQ(quoc_hoi.province, "");
  DocumentMetadata local = extract_metadata(
      "BỘ CHỈ HUY QUÂN SỰ\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Số: 12/KH-BCH\nLâm Đồng, ngày 5 tháng 3 năm 2025\nKẾ HOẠCH\nHuấn luyện\n");
  EXPECT_EQ(local.province, "Lâm Đồng");
  DocumentMetadata city = extract_metadata(
      "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Số: 15/2010/QĐ-UBND\nHà Nội, ngày 26 tháng 04 năm 2010\nQUYẾT ĐỊNH\nVề việc\n");
  EXPECT_EQ(city.province, "Hà Nội");
}

TEST(MetadataTest, DraftNumberIsBlank) {
  DocumentMetadata m = extract_metadata("Số:          /GDĐT-VP\n\nV/v một việc\n");
  EXPECT_EQ(m.number, "");
  EXPECT_EQ(m.type, "Công văn");
  EXPECT_EQ(m.title, "một việc");
}

TEST(MetadataTest, GarbageNeverThrows) {
  for (std::string s : {std::string(""), std::string("\n\n\n"), std::string(10000, 'x'),
                        std::string("Số: 1/\nngày tháng năm\nKẾ HOẠCH\n"),
                        std::string("Nơi nhận:\nNguyễn\nKẾ HOẠCH")}) {
    EXPECT_NO_THROW(extract_metadata(s));
  }
}

}  // namespace
}  // namespace tracuu
