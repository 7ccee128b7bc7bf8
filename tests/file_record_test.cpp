// What the database remembers of each source file: written and read back exactly, older records
// still understood, anything else read as "unknown" (the file is then read again).
#include "file_record.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tracuu {
namespace {

TEST(FileRecordTest, RoundTrips) {
  FileRecord r{"0123456789abcdef", FileStat{4096, 1700000000123456789}, "/data/công văn/a b.txt"};
  FileRecord back = FileRecord::parse(r.format());
  EXPECT_EQ(back.hash, r.hash);
  EXPECT_EQ(back.stat, r.stat);
  EXPECT_EQ(back.path, r.path);
  EXPECT_EQ(r.format(), "0123456789abcdef\t4096 1700000000123456789\t/data/công văn/a b.txt");
  FileRecord tab{"ff", FileStat{1, 2}, "/odd\tname.txt"};
  EXPECT_EQ(FileRecord::parse(tab.format()).path, "/odd\tname.txt");
}

TEST(FileRecordTest, OlderRecordsHaveNoStat) {
  FileRecord old = FileRecord::parse("0123456789abcdef\t/data/a.txt");
  EXPECT_EQ(old.hash, "0123456789abcdef");
  EXPECT_FALSE(old.stat.has_value());
  EXPECT_EQ(old.path, "/data/a.txt");
  EXPECT_EQ(FileRecord::parse("ab\t/odd\tname.txt").path, "/odd\tname.txt");
}

TEST(FileRecordTest, DamagedRecordsAreUnknownNotTrusted) {
  EXPECT_TRUE(FileRecord::parse("").hash.empty());
  EXPECT_TRUE(FileRecord::parse("no tab at all").hash.empty());
  for (const char* damaged : {"ab\t12\t/a.txt", "ab\t12 x\t/a.txt", "ab\t-\t/a.txt",
                              "ab\t12 34 56\t/a.txt", "ab\t 34\t/a.txt"}) {
    EXPECT_FALSE(FileRecord::parse(damaged).stat.has_value()) << damaged;
  }
}

TEST(FileRecordTest, StatTellsSizeAndTime) {
  testing::TempDir dir;
  testing::write_file(dir / "a.txt", "12345");
  auto stat = stat_file((dir / "a.txt").string());
  ASSERT_TRUE(stat.has_value());
  EXPECT_EQ(stat->size, 5u);
  EXPECT_GT(stat->mtime_ns, 0);
  EXPECT_FALSE(stat_file((dir / "missing.txt").string()).has_value());
}

}  // namespace
}  // namespace tracuu
