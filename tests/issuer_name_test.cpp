// One body, one name: capitals, abbreviations, bare places and header debris give way to the
// body's canonical name.
#include "issuer_name.hpp"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

TEST(IssuerNameTest, EverySpellingOfABodyIsOneName) {
  const char* const kWomen = "Hội Liên hiệp Phụ nữ tỉnh Quảng Nam";
  for (const char* written :
       {"Hội liên hiệp phụ nữ tỉnh Quảng Nam", "HỘI LIÊN HIỆP PHỤ NỮ TỈNH QUẢNG NAM",
        "Hội Liên Hiệp Phụ Nữ Tỉnh Quảng Nam", kWomen}) {
    EXPECT_EQ(canonical_issuer(written), kWomen) << written;
  }
  const char* const kAgriculture = "Sở Nông nghiệp và Phát triển nông thôn tỉnh Yên Bái";
  for (const char* written :
       {"Sở NN&PTNT tỉnh Yên Bái", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN TỈNH YÊN BÁI",
        kAgriculture}) {
    EXPECT_EQ(canonical_issuer(written), kAgriculture) << written;
  }
}

TEST(IssuerNameTest, AbbreviationsAreSpelledOutOrKeepTheirCapitals) {
  EXPECT_EQ(canonical_issuer("UBND tỉnh Bắc Ninh"), "Ủy ban nhân dân tỉnh Bắc Ninh");
  EXPECT_EQ(canonical_issuer("HĐND huyện Đông Anh"), "Hội đồng nhân dân huyện Đông Anh");
  EXPECT_EQ(canonical_issuer("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"),
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Tây Ninh");
  EXPECT_EQ(canonical_issuer("Sở GD&ĐT thành phố Hà Nội"),
            "Sở Giáo dục và Đào tạo thành phố Hà Nội");
  EXPECT_EQ(canonical_issuer("BQL dự án tỉnh Lào Cai"), "BQL dự án tỉnh Lào Cai")
      << "a code the tables do not spell out keeps its capitals";
}

TEST(IssuerNameTest, APlaceAloneIsItsPeoplesCommittee) {
  EXPECT_EQ(canonical_issuer("tỉnh Bắc Ninh"), "Ủy ban nhân dân tỉnh Bắc Ninh");
  EXPECT_EQ(canonical_issuer("TỈNH BẮC NINH"), "Ủy ban nhân dân tỉnh Bắc Ninh");
  EXPECT_EQ(canonical_issuer("Tỉnh ủy Tây Ninh"), "Tỉnh ủy Tây Ninh") << "not a place alone";
}

TEST(IssuerNameTest, DebrisNeverReachesAName) {
  EXPECT_EQ(canonical_issuer("Quốc hội --------"), "Quốc hội");
  EXPECT_EQ(canonical_issuer("-------Quốc hội"), "Quốc hội");
  EXPECT_EQ(canonical_issuer("QUỐC HỘI _______"), "Quốc hội");
  EXPECT_EQ(canonical_issuer("--------"), "");
  EXPECT_EQ(canonical_issuer("Sở Lao động - Thương binh và Xã hội tỉnh Cà Mau"),
            "Sở Lao động - Thương binh và Xã hội tỉnh Cà Mau");
}

TEST(IssuerNameTest, PlacesInsideANameKeepTheirLevelsInLowerCase) {
  EXPECT_EQ(canonical_issuer("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"), "Ủy ban nhân dân tỉnh Hà Tĩnh")
      << "tĩnh is no level word";
  EXPECT_EQ(canonical_issuer("Phòng Giáo dục và Đào tạo Quận 7"),
            "Phòng Giáo dục và Đào tạo Quận 7");
  EXPECT_EQ(canonical_issuer("Ubnd thành phố Hà Nội"), "Ủy ban nhân dân thành phố Hà Nội");
  EXPECT_EQ(canonical_issuer("BỘ QUỐC PHÒNG"), "Bộ Quốc phòng");
  EXPECT_EQ(canonical_issuer("ỦY BAN NHÂN DÂN XÃ ĐÔNG HỘI HUYỆN ĐÔNG ANH"),
            "Ủy ban nhân dân xã Đông Hội huyện Đông Anh");
  EXPECT_EQ(canonical_issuer("Ban Chỉ đạo cuộc vận động tỉnh Cà Mau"),
            "Ban Chỉ đạo cuộc vận động tỉnh Cà Mau");
}

}  // namespace
}  // namespace tracuu
