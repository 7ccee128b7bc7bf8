#include "tracuu/abbreviations.hpp"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

using Words = std::vector<std::string>;

TEST(AbbreviationsTest, AbbreviationToExpansion) {
  const Abbreviations& a = Abbreviations::builtin();
  struct Case {
    const char* key;
    Words expansion;
  } cases[] = {
      {"ubnd", {"uy", "ban", "nhan", "dan"}},
      {"hdnd", {"hoi", "dong", "nhan", "dan"}},
      {"mttq", {"mat", "tran", "to", "quoc"}},
      {"bcd", {"ban", "chi", "dao"}},
      {"tw", {"trung", "uong"}},
      {"ttg", {"thu", "tuong"}},
      {"gd&dt", {"giao", "duc", "va", "dao", "tao"}},
      {"gddt", {"giao", "duc", "va", "dao", "tao"}},
      {"ldld", {"lien", "doan", "lao", "dong"}},
  };
  for (const Case& c : cases) {
    const auto& e = a.expansions(c.key);
    ASSERT_FALSE(e.empty()) << c.key;
    EXPECT_EQ(e[0], c.expansion) << c.key;
  }
  EXPECT_TRUE(a.expansions("tu").empty());  // "tự", "từ": never Tỉnh ủy
}

TEST(AbbreviationsTest, ExpansionToAbbreviation) {
  const Abbreviations& a = Abbreviations::builtin();
  Words query = {"ke", "hoach", "uy", "ban", "nhan", "dan", "tinh"};
  auto found = a.abbreviations_at(query, 2);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first, "ubnd");
  EXPECT_EQ(found[0].second, 4u);
  EXPECT_TRUE(a.abbreviations_at(query, 0).empty());
  auto gd = a.abbreviations_at({"giao", "duc", "va", "dao", "tao"}, 0);
  EXPECT_EQ(gd.size(), 2u);  // GD&ĐT and GDĐT
}

TEST(AbbreviationsTest, CustomTable) {
  Abbreviations a("# comment\nXYZ\tÂm dương\nbroken line\n");
  ASSERT_EQ(a.expansions("xyz").size(), 1u);
  EXPECT_EQ(a.expansions("xyz")[0], (Words{"am", "duong"}));
}

}  // namespace
}  // namespace tracuu
