// A document's text as the index keeps it, in compressed blocks: every byte range reads back as
// the text's own bytes, across block boundaries and in any order; texts of every size around
// the block size round-trip; damaged records read as nothing, never out of bounds.
#include "tracuu/stored_text.hpp"

#include <gtest/gtest.h>

#include <random>

namespace tracuu {
namespace {

using namespace std::string_literals;  // records hold NUL bytes

// Vietnamese text (multi-byte characters, so block boundaries cut characters) of `size` bytes.
std::string vietnamese_text(size_t size) {
  const std::string words[] = {"Kế hoạch ",  "tuyên truyền ",    "hàng Việt ", "về nông thôn ",
                               "năm 2022. ", "Ủy ban nhân dân ", "huyện ",     "\n"};
  std::string text;
  for (size_t i = 0; text.size() < size; ++i) text += words[(i * 7 + i / 3) % 8];
  text.resize(size);  // may end mid-character: the store keeps bytes, not characters
  return text;
}

TEST(StoredTextTest, RoundTripsAtEverySizeAroundTheBlockSize) {
  for (size_t size : {size_t{0}, size_t{1}, kTextBlockBytes - 1, kTextBlockBytes,
                      kTextBlockBytes + 1, 2 * kTextBlockBytes, 3 * kTextBlockBytes + 17}) {
    const std::string text = vietnamese_text(size);
    const std::string encoded = encode_text_blocks(text);
    StoredText stored = StoredText::blocks(encoded);
    EXPECT_EQ(stored.size(), size);
    EXPECT_EQ(stored.whole(), text) << size;
    EXPECT_EQ(StoredText::plain(text).whole(), text);
  }
}

TEST(StoredTextTest, EveryRangeIsTheTextsOwnBytes) {
  const std::string text = vietnamese_text(5 * kTextBlockBytes + 123);
  const std::string encoded = encode_text_blocks(text);
  StoredText stored = StoredText::blocks(encoded);
  std::mt19937 random(7);
  std::uniform_int_distribution<size_t> at(0, text.size() + 10);
  for (int i = 0; i < 2000; ++i) {  // forwards, backwards, across boundaries, past the end
    size_t from = at(random), to = at(random);
    std::string expected = from < text.size() && from < to ? text.substr(from, to - from) : "";
    ASSERT_EQ(stored.range(from, to), expected) << from << ".." << to;
  }
  const size_t boundary = 2 * kTextBlockBytes;
  EXPECT_EQ(stored.range(boundary - 5, boundary + 5), text.substr(boundary - 5, 10));
  EXPECT_EQ(stored.prefix(10), text.substr(0, 10));
}

TEST(StoredTextTest, ContentEndLeavesOutTrailingWhitespace) {
  const std::string text = vietnamese_text(kTextBlockBytes) + "cuối.  \n\t\r\n";
  EXPECT_EQ(StoredText::blocks(encode_text_blocks(text)).content_end(), text.find("cuối.") + 7);
  EXPECT_EQ(StoredText::plain(text).content_end(), text.find("cuối.") + 7);
  EXPECT_EQ(StoredText::blocks(encode_text_blocks(" \n ")).content_end(), 0u);
}

TEST(StoredTextTest, TextShrinksAndIncompressibleBlocksAreKeptAsTheyAre) {
  const std::string text = vietnamese_text(10 * kTextBlockBytes);
  EXPECT_LT(encode_text_blocks(text).size(), text.size() / 3);
  std::string noise(3 * kTextBlockBytes, '\0');
  std::mt19937 random(11);
  for (char& c : noise) c = static_cast<char>(random());
  const std::string encoded = encode_text_blocks(noise);
  EXPECT_LT(encoded.size(), noise.size() + 16);
  EXPECT_EQ(StoredText::blocks(encoded).whole(), noise);
}

// Every truncation and every single-byte change of a record: no crash or out-of-bounds read
// (the suite runs again under ASan), and the text reads either whole or as nothing, or, where a
// byte of an uncompressed block or of a length changed, as bytes of the right size.
TEST(StoredTextTest, DamagedRecordsReadAsNothingNeverOutOfBounds) {
  std::string noise(kTextBlockBytes + 100, '\0');
  std::mt19937 random(3);
  for (char& c : noise) c = static_cast<char>(random());
  const std::string text = vietnamese_text(2 * kTextBlockBytes + 50) + noise;
  const std::string encoded = encode_text_blocks(text);
  for (size_t cut = 0; cut < encoded.size(); ++cut) {
    EXPECT_EQ(StoredText::blocks(encoded.substr(0, cut)).whole(), "") << cut;
  }
  for (size_t i = 0; i < encoded.size(); i += (i < 64 ? 1 : 37)) {
    std::string damaged = encoded;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
    StoredText stored = StoredText::blocks(damaged);
    std::string read = stored.whole();
    EXPECT_TRUE(read.empty() || read.size() == stored.size()) << i;
    for (size_t from = 0; from < stored.size(); from += kTextBlockBytes / 2) {
      EXPECT_LE(stored.range(from, from + 100).size(), 100u);
    }
  }
  EXPECT_EQ(StoredText::blocks("").whole(), "");
  EXPECT_EQ(StoredText::blocks("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff").size(), 0u);
  // A size near 2^64 whose block count would wrap to 0 when rounded up.
  const std::string huge = "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x00\x02\x00"s;
  EXPECT_EQ(StoredText::blocks(huge).size(), 0u);
  EXPECT_EQ(StoredText::blocks(huge).range(5, 10), "");
  // Block sizes whose sum wraps past 2^64 to the body's real length (found in review): three
  // blocks of 8 bytes, the first 8 raw, the other two claiming 2^63 - 1 bytes each, 6 bytes of
  // body. Read as nothing, never as an exception out of substr.
  std::string wrapping = "\x18\x00\x08\x03\x10"s;
  for (int k = 0; k < 2; ++k) wrapping += "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01";
  wrapping += "abcdef";
  StoredText wrapped = StoredText::blocks(wrapping);
  EXPECT_EQ(wrapped.size(), 0u);
  EXPECT_EQ(wrapped.range(7, 8), "");
}

}  // namespace
}  // namespace tracuu
