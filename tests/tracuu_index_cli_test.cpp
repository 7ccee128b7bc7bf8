// tracuu-index as officials and scripts run it: --show and --json output.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
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

// Files in a legacy encoding are converted, and the summary and --show say so.
TEST(TracuuIndexCliTest, ConversionsAreReported) {
  tracuu::testing::TempDir dir;
  const std::filesystem::path legacy = std::filesystem::path(TRACUU_TEST_DATA_DIR) / "legacy";
  for (const char* name : {"tcvn3.txt", "windows1258.txt", "french_cp1252.txt"}) {
    std::filesystem::copy_file(legacy / name, dir / name);
  }
  int code = 0;
  std::string out =
      run("--json --db " + (dir / "index").string() + " " + dir.path().string(), &code);
  EXPECT_EQ(code, 0);
  json s = json::parse(out.substr(out.rfind('\n', out.size() - 2) + 1));
  EXPECT_EQ(s["added"], 2);
  std::map<std::string, std::string> converted;
  for (const json& c : s["converted"]) {
    converted[std::filesystem::path(c["path"].get<std::string>()).filename()] = c["encoding"];
  }
  EXPECT_EQ(converted, (std::map<std::string, std::string>{{"tcvn3.txt", "tcvn3"},
                                                           {"windows1258.txt", "windows-1258"}}));
  ASSERT_EQ(s["failed"].size(), 1u);
  json shown = json::parse(run("--show " + (dir / "tcvn3.txt").string(), &code));
  EXPECT_EQ(shown[0]["encoding"], "tcvn3");
  EXPECT_EQ(shown[0]["type"], "Kế hoạch");
}

TEST(TracuuIndexCliTest, UnusableDatabaseIsAnError) {
  tracuu::testing::TempDir dir;
  tracuu::testing::write_file(dir / "not-a-dir", "x");
  int code = 0;
  run("--db " + (dir / "not-a-dir").string() + " " + tracuu::testing::corpus_dir().string(), &code);
  EXPECT_NE(code, 0);
}

// The exit codes --help documents: 0 with failed files listed, 1 when --show cannot read a
// file, 2 when the index cannot be opened.
TEST(TracuuIndexCliTest, ExitCodesAreTheDocumentedOnes) {
  tracuu::testing::TempDir dir;
  int code = -1;
  EXPECT_NE(run("--help", &code).find("Exit codes: 0"), std::string::npos);
  EXPECT_EQ(code, 0);
  tracuu::testing::write_file(dir / "docs" / "empty.txt", "");
  tracuu::testing::write_file(dir / "docs" / "ok.txt", "Kế hoạch tuyên truyền pháp luật.");
  run("--db " + (dir / "index").string() + " " + (dir / "docs").string(), &code);
  EXPECT_EQ(code, 0) << "a failed file is listed, not fatal";
  run("--show " + (dir / "nothing.txt").string(), &code);
  EXPECT_EQ(code, 1);
  tracuu::testing::write_file(dir / "not-a-folder", "x");
  run("--db " + (dir / "not-a-folder").string() + " " + (dir / "docs").string(), &code);
  EXPECT_EQ(code, 2);
}

}  // namespace
