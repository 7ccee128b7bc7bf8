// How a document is kept in the index's document data: written and read back whole, its text
// readable a range at a time, and records of earlier versions (plain text after the metadata)
// still read.
#include "tracuu/document_codec.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

namespace tracuu {
namespace {

Document sample_document(size_t text_bytes) {
  Document doc;
  doc.id = "d43f6c674657-2";
  doc.source.path = "/corpus/kế hoạch.txt";
  doc.source.part = 2;
  doc.source.parts = 3;
  doc.encoding = "utf-8";
  doc.meta.type = "Kế hoạch";
  doc.meta.number = "06/KH-BCĐ";
  doc.meta.title = "Kế hoạch tuyên truyền";
  doc.meta.year = 2022;
  doc.meta.directives.push_back({"03-CT/TW", "3/CT-TW", "Chỉ thị", "2021-05-19", "Ban Bí thư"});
  while (doc.text.size() < text_bytes) doc.text += "Đưa hàng Việt về nông thôn.\n";
  return doc;
}

TEST(DocumentCodecTest, RoundTripsMetadataAndText) {
  Document doc = sample_document(3 * kTextBlockBytes);
  const std::string data = encode_document(doc);
  EXPECT_LT(data.size(), doc.text.size() / 2);  // the text is compressed
  Document back = decode_document(data);
  EXPECT_EQ(back.id, doc.id);
  EXPECT_EQ(back.source.path, doc.source.path);
  EXPECT_EQ(back.source.part, 2);
  EXPECT_EQ(back.meta.number, doc.meta.number);
  EXPECT_EQ(back.meta.year, 2022);
  ASSERT_EQ(back.meta.directives.size(), 1u);
  EXPECT_EQ(back.meta.directives[0].issuer, "Ban Bí thư");
  EXPECT_EQ(back.text, doc.text);
  EXPECT_EQ(decode_metadata(data).meta.title, doc.meta.title);
  EXPECT_EQ(stored_text(data).range(kTextBlockBytes - 10, kTextBlockBytes + 10),
            doc.text.substr(kTextBlockBytes - 10, 20));
}

// Xapian compresses a record (zlib, default level) whenever that makes it smaller, and then
// inflates all of it for every hit: a record of real text must leave it nothing to gain.
TEST(DocumentCodecTest, RecordsOfRealTextLeaveXapianNothingToCompress) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TRACUU_CORPUS_DIR)) {
    std::ifstream in(entry.path(), std::ios::binary);
    Document doc = sample_document(0);
    doc.text.assign(std::istreambuf_iterator<char>(in), {});
    for (size_t size : {size_t{200}, kTextBlockBytes + 100, doc.text.size()}) {
      Document part = doc;
      part.text.resize(std::min(size, doc.text.size()));
      const std::string data = encode_document(part);
      uLongf bound = compressBound(data.size());
      std::string deflated(bound, '\0');
      ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(deflated.data()), &bound,
                          reinterpret_cast<const Bytef*>(data.data()), data.size(),
                          Z_DEFAULT_COMPRESSION),
                Z_OK);
      EXPECT_GE(bound, data.size()) << entry.path() << " " << size;
    }
    ++files;
  }
  EXPECT_GE(files, 5u);
}

TEST(DocumentCodecTest, RecordsWithThePlainTextStillRead) {
  const std::string old = R"({"id":"abc-1","title":"Công văn","year":2021})"
                          "\nCông văn số 12/CV-UBND\nvề việc tuyên truyền.";
  Document back = decode_document(old);
  EXPECT_EQ(back.id, "abc-1");
  EXPECT_EQ(back.meta.year, 2021);
  EXPECT_EQ(back.text, "Công văn số 12/CV-UBND\nvề việc tuyên truyền.");
  EXPECT_EQ(stored_text(old).range(0, std::string("Công văn").size()), "Công văn");
}

TEST(DocumentCodecTest, DamagedRecordsGiveWhatCouldBeRead) {
  EXPECT_EQ(decode_document("").id, "");
  EXPECT_EQ(decode_document("not json at all").text, "");
  std::string data = encode_document(sample_document(100));
  Document cut = decode_document(data.substr(0, data.size() - 5));
  EXPECT_EQ(cut.id, "d43f6c674657-2");
  EXPECT_EQ(cut.text, "");
}

}  // namespace
}  // namespace tracuu
