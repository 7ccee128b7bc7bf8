#include "case_name.hpp"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

TEST(CaseNameTest, TypeAndSerialAsOfficesNameCases) {
  struct Case {
    const char* name;
    const char* type;
    const char* serial;
    const char* code;
  } cases[] = {
      {"Tờ trình 156 SNV ban hành Kế hoạch", "Tờ trình", "156", "snv"},
      {"to trinh 156", "Tờ trình", "156", ""},
      {"CV 4214 BCA Triển khai thực hiện", "Công văn", "4214", "bca"},
      {"29-11 TTr 3367 So NV", "Tờ trình", "3367", ""},
      {"Công văn số 05 về việc", "Công văn", "5", ""},
      {"Kế hoạch 1014 Kế hoạch làm việc", "Kế hoạch", "1014", ""},
      {"nghị định 162", "Nghị định", "162", ""},
      {"Tờ trình 143 giải thể hiệp hội", "Tờ trình", "143", ""},
  };
  for (const Case& c : cases) {
    CaseName said = read_case_name(c.name);
    EXPECT_EQ(said.type, c.type) << c.name;
    EXPECT_EQ(said.serial, c.serial) << c.name;
    EXPECT_EQ(said.code, c.code) << c.name;
  }
}

TEST(CaseNameTest, NoTypeAndSerialNoCase) {
  for (const char* name : {"Báo cáo đề xuất 03 tổ chức hội nghị", "Du thao quyet dinh",
                           "004_411abeae62c3ad79", "hội nghị ngày 15", "", "KH2025 tổng hợp"}) {
    EXPECT_TRUE(read_case_name(name).serial.empty()) << name;
  }
}

}  // namespace
}  // namespace tracuu
