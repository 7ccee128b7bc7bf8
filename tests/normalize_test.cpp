#include "tracuu/normalize.hpp"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

struct Case {
  const char* input;
  const char* exact;
  const char* folded;
};

// Old and new tone placement, hurried misplacements, qu/gi, đ, upper case and non-syllables.
const Case kCases[] = {
    {"hoà", "hòa", "hoa"},       {"hòa", "hòa", "hoa"},          {"hoá", "hóa", "hoa"},
    {"thuỷ", "thủy", "thuy"},    {"thủy", "thủy", "thuy"},       {"uỷ", "ủy", "uy"},
    {"Uỷ", "ủy", "uy"},          {"khoẻ", "khỏe", "khoe"},       {"khỏe", "khỏe", "khoe"},
    {"vịêt", "việt", "viet"},    {"thuýên", "thuyến", "thuyen"}, {"lựơng", "lượng", "luong"},
    {"chât", "chât", "chat"},    {"quý", "quý", "quy"},          {"già", "già", "gia"},
    {"gì", "gì", "gi"},          {"khuỷu", "khuỷu", "khuyu"},    {"ngoài", "ngoài", "ngoai"},
    {"hoàn", "hoàn", "hoan"},    {"Đồng", "đồng", "dong"},       {"ĐẢNG", "đảng", "dang"},
    {"Ðảng", "đảng", "dang"},    {"người", "người", "nguoi"},    {"mía", "mía", "mia"},
    {"KẾ", "kế", "ke"},          {"HOẠCH", "hoạch", "hoach"},    {"café", "café", "cafe"},
    {"COVID", "covid", "covid"}, {"UBND", "ubnd", "ubnd"},       {"Vietgap", "vietgap", "vietgap"},
    {"2021", "2021", "2021"},    {"tiếng", "tiếng", "tieng"},    {"chuyện", "chuyện", "chuyen"},
};

TEST(NormalizeTest, ExactAndFoldedForms) {
  for (const Case& c : kCases) {
    EXPECT_EQ(canonical_word(c.input), c.exact) << c.input;
    EXPECT_EQ(fold_diacritics(c.input), c.folded) << c.input;
  }
}

TEST(NormalizeTest, NfdInputBecomesNfc) {
  // "Hòa" with the grave as a combining mark, and "Việt" fully decomposed.
  std::string nfd =
      "Ho\xCC\x80"
      "a Vie\xCC\xA3\xCC\x82t";
  EXPECT_EQ(to_nfc(nfd), "Hòa Việt");
  EXPECT_EQ(to_nfc("Hòa Việt"), "Hòa Việt");
}

TEST(NormalizeTest, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("Cộng hòa"));
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));
  EXPECT_FALSE(is_valid_utf8("abc\xE1\xBB"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));  // overlong '/'
  // ASCII is checked eight bytes at a time: a bad byte at any place after or among such runs,
  // or a sequence cut by the end of one, is still found.
  const std::string ascii = "Ke hoach so 06-KH/BCD ngay 19/5/2021";
  for (size_t at = 0; at <= ascii.size(); ++at) {
    std::string bad = ascii;
    bad.insert(at, "\xE1\xBB");  // a three-byte sequence missing its last byte
    EXPECT_FALSE(is_valid_utf8(bad)) << at;
    std::string good = ascii;
    good.insert(at, "\xE1\xBB\x87");  // "ệ"
    EXPECT_TRUE(is_valid_utf8(good)) << at;
  }
}

TEST(NormalizeTest, InvalidUtf8IsNormalisedWithReplacementCharacters) {
  // ICU's NFC check in UTF-8 calls these normalised: the text is checked valid first, or the bad
  // bytes would come through as they are.
  EXPECT_EQ(to_nfc("abc \xFF"), "abc \xEF\xBF\xBD");
  EXPECT_EQ(to_nfc("a\xC0\xAF"), "a\xEF\xBF\xBD\xEF\xBF\xBD");
  // Not valid, so not returned as is: the bad byte becomes U+FFFD, the rest NFC.
  EXPECT_EQ(to_nfc("Ho\xCC\x80"
                   "a \xFF"),
            "Hòa \xEF\xBF\xBD");
}

TEST(NormalizeTest, FoldCodePoint) {
  EXPECT_EQ(fold_code_point(U'Ộ'), U'o');
  EXPECT_EQ(fold_code_point(U'Đ'), U'd');
  EXPECT_EQ(fold_code_point(U'ặ'), U'a');
  EXPECT_EQ(fold_code_point(U'Q'), U'q');
}

}  // namespace
}  // namespace tracuu
