// tracuu-index as officials and scripts run it: --show and --json output.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace {

using nlohmann::json;

std::string run(const std::string& args, int* exit_code) {
  std::string cmd = std::string(TRACUU_INDEX_BIN) + " " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int status = pclose(p);
  *exit_code = WEXITSTATUS(status);
  return out;
}

TEST(TracuuIndexCliTest, ShowPrintsEveryPartWithoutAnIndex) {
  tracuu::testing::TempDir dir;
  int code = 0;
  std::string out = run("--db " + (dir / "index").string() + " --show " +
                            tracuu::testing::corpus_file("004").string(),
                        &code);
  EXPECT_EQ(code, 0);
  json docs = json::parse(out);
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0]["source"]["part"], 1);
  EXPECT_EQ(docs[0]["source"]["parts"], 4);
  EXPECT_EQ(docs[0]["number"], "1512/UBND-KT");
  EXPECT_EQ(docs[1]["number"], nullptr);
  EXPECT_EQ(docs[0]["year_inferred"], false);
  for (const char* key :
       {"type", "title", "issuer", "province", "date", "year", "signer", "directives"}) {
    EXPECT_TRUE(docs[2].contains(key)) << key;
  }
  EXPECT_EQ(docs[2]["directives"][0]["id"], "03-CT/TW");
  EXPECT_EQ(docs[2]["directives"][0]["kind"], "Chỉ thị");
  EXPECT_FALSE(std::filesystem::exists(dir / "index"));
}

TEST(TracuuIndexCliTest, JsonSummaryIsTheLastLine) {
  tracuu::testing::TempDir dir;
  tracuu::testing::write_file(dir / "docs" / "empty.txt", "");
  int code = 0;
  std::string out = run("--json --db " + (dir / "index").string() + " " +
                            tracuu::testing::corpus_dir().string() + " " + (dir / "docs").string(),
                        &code);
  EXPECT_EQ(code, 0);
  std::string last = out.substr(out.rfind('\n', out.size() - 2) + 1);
  json s = json::parse(last);
  EXPECT_EQ(s["added"], 5);
  EXPECT_EQ(s["documents"], 8);
  ASSERT_EQ(s["failed"].size(), 1u);
  EXPECT_EQ(s["failed"][0]["error"], "empty file");
  for (const char* key : {"updated", "unchanged", "deleted", "seconds"}) {
    EXPECT_TRUE(s.contains(key)) << key;
  }
}

TEST(TracuuIndexCliTest, UnusableDatabaseIsAnError) {
  tracuu::testing::TempDir dir;
  tracuu::testing::write_file(dir / "not-a-dir", "x");
  int code = 0;
  run("--db " + (dir / "not-a-dir").string() + " " + tracuu::testing::corpus_dir().string(), &code);
  EXPECT_NE(code, 0);
}

}  // namespace
