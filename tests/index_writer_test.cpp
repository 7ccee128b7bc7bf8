#include "tracuu/index_writer.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "test_support.hpp"
#include "tracuu/document_codec.hpp"
#include "tracuu/index_generation.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// A private copy of the corpus the test can change.
fs::path copy_corpus(const TempDir& dir) {
  fs::path docs = dir / "docs";
  fs::create_directories(docs);
  for (const auto& e : fs::directory_iterator(testing::corpus_dir())) {
    if (e.path().extension() == ".txt") fs::copy_file(e.path(), docs / e.path().filename());
  }
  return docs;
}

// Indexes `roots` into `db`; a failure fails the test with its message (and an empty summary).
IndexSummary run(const fs::path& db, const std::vector<fs::path>& roots, bool rebuild = false) {
  auto writer = IndexWriter::open(db, rebuild);
  if (!writer.is_ok()) {
    ADD_FAILURE() << "open: " << writer.status().message();
    return {};
  }
  auto summary = writer.value()->index(roots);
  if (!summary.is_ok()) {
    ADD_FAILURE() << "index: " << summary.status().message();
    return {};
  }
  return summary.value();
}

Xapian::doccount count_with(const fs::path& db, const std::string& term) {
  Xapian::Database d(db.string());
  return d.get_termfreq(term);
}

TEST(IndexWriterTest, IncrementalRuns) {
  TempDir dir;
  fs::path docs = copy_corpus(dir);
  fs::path db = dir / "index";

  IndexSummary first = run(db, {docs});
  EXPECT_EQ(first.added, 5u);
  EXPECT_EQ(first.documents, 8u);  // 004 is a bundle of four
  EXPECT_TRUE(first.failed.empty());

  IndexSummary again = run(db, {docs});
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.unchanged, 5u);
  EXPECT_EQ(again.documents, 8u);

  // Change one file, delete another, add a bad one.
  fs::path changed = docs / testing::corpus_file("002").filename();
  testing::write_file(changed, testing::read_file(changed) + "\nCông văn bổ sung về hàng hoá.\n");
  fs::remove(docs / testing::corpus_file("004").filename());
  testing::write_file(docs / "hong.txt", "caf\xE9 au lait");
  IndexSummary third = run(db, {docs});
  EXPECT_EQ(third.updated, 1u);
  EXPECT_EQ(third.deleted, 1u);
  EXPECT_EQ(third.unchanged, 3u);
  ASSERT_EQ(third.failed.size(), 1u);
  EXPECT_NE(third.failed[0].path.find("hong.txt"), std::string::npos);
  EXPECT_EQ(third.failed[0].error.rfind("not valid UTF-8", 0), 0u) << third.failed[0].error;
  EXPECT_EQ(third.documents, 4u);

  IndexSummary rebuilt = run(db, {docs}, /*rebuild=*/true);
  EXPECT_EQ(rebuilt.added, 4u);
  EXPECT_EQ(rebuilt.documents, 4u);
}

// An index from before generations (a plain glass directory at --db) is added to in place; the
// first rebuild replaces it with a link to a new generation, and each rebuild after removes
// the generation before it. Incremental runs add to the generation the link names.
TEST(IndexWriterTest, RebuildsSwitchTheDbLinkToANewGeneration) {
  testing::TempDir dir;
  const fs::path docs = copy_corpus(dir), db = dir / "db";
  const IndexSummary first = run(db, {docs});
  ASSERT_GT(first.added, 0u);
  ASSERT_TRUE(fs::is_directory(fs::symlink_status(db)));
  EXPECT_EQ(run(db, {docs}).unchanged, first.added) << "a plain directory keeps working";
  auto generations = [&] {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(dir.path())) {
      if (e.path().filename().string().rfind("db.gen-", 0) == 0) found.push_back(e.path());
    }
    return found;
  };
  for (int rebuild = 0; rebuild < 2; ++rebuild) {
    EXPECT_EQ(run(db, {docs}, /*rebuild=*/true).added, first.added);
    ASSERT_TRUE(fs::is_symlink(db));
    ASSERT_EQ(generations().size(), 1u) << "the old index is removed";
    EXPECT_EQ(current_generation(db), generations()[0]);
    EXPECT_EQ(run(db, {docs}).unchanged, first.added);
    EXPECT_EQ(Xapian::Database(db.string()).get_doccount(), first.documents);
  }
}

// A rerun reads only files whose size or modification time moved: one rewritten in place with
// the same size and time is not read (as git and rsync decide), one touched is read and, its
// content being the same, keeps its documents and gains the new time in its record.
TEST(IndexWriterTest, FilesWithTheRecordedSizeAndTimeAreNotReadAgain) {
  TempDir dir;
  fs::path docs = copy_corpus(dir);
  fs::path db = dir / "index";
  ASSERT_EQ(run(db, {docs}).added, 5u);
  fs::path file = docs / testing::corpus_file("002").filename();
  const std::string original = testing::read_file(file);
  const auto recorded_time = fs::last_write_time(file);
  auto same_size_rewrite = [&](fs::file_time_type time) {
    std::string text = original;
    text.replace(text.size() - 7, 7, " ZQXWVY");  // the tail "017./.\n" is ASCII
    testing::write_file(file, text);
    fs::last_write_time(file, time);
  };

  same_size_rewrite(recorded_time);
  IndexSummary unread = run(db, {docs});
  EXPECT_EQ(unread.unchanged, 5u);
  EXPECT_EQ(count_with(db, "zqxwvy"), 0u) << "the file was read";

  testing::write_file(file, original);
  const auto touched = recorded_time + std::chrono::seconds(5);
  fs::last_write_time(file, touched);
  IndexSummary reread = run(db, {docs});
  EXPECT_EQ(reread.unchanged, 5u) << "same content: nothing reindexed";
  EXPECT_EQ(reread.updated, 0u);

  same_size_rewrite(touched);  // the record now holds the touched time
  EXPECT_EQ(run(db, {docs}).unchanged, 5u);
  EXPECT_EQ(count_with(db, "zqxwvy"), 0u);

  fs::last_write_time(file, touched + std::chrono::seconds(5));
  IndexSummary changed = run(db, {docs});
  EXPECT_EQ(changed.updated, 1u);
  EXPECT_GT(count_with(db, "zqxwvy"), 0u);
}

TEST(IndexWriterTest, MissingRootIsReportedNotFatal) {
  TempDir dir;
  fs::path docs = copy_corpus(dir);
  IndexSummary s = run(dir / "index", {docs, dir / "khong-co"});
  EXPECT_EQ(s.added, 5u);
  ASSERT_EQ(s.failed.size(), 1u);
  EXPECT_EQ(s.failed[0].error, "no such file or folder");
}

TEST(IndexWriterTest, SchemaTermsAndValues) {
  TempDir dir;
  fs::path db = dir / "index";
  run(db, {copy_corpus(dir)});
  // 03-CT/TW is cited by 003 and by all four parts of 004.
  EXPECT_EQ(count_with(db, "XD3/CT-TW"), 5u);
  EXPECT_EQ(count_with(db, "XN1512/UBND-KT"), 1u);
  EXPECT_EQ(count_with(db, "XY2022"), 4u);
  EXPECT_EQ(count_with(db, schema::filter_term(schema::kProvince, "Tây Ninh")), 4u);
  // Old and new tone placement are one exact term; folded terms cover every spelling.
  EXPECT_GT(count_with(db, "Ehòa"), 0u);
  EXPECT_EQ(count_with(db, "Ehoà"), 0u);
  EXPECT_GT(count_with(db, "hang"), count_with(db, "Ehàng") - 1);
  EXPECT_GT(count_with(db, "K3/CT-TW"), 0u);
  // "Ủy ban nhân dân" spelled out (the Tây Ninh letters and plans) carries its abbreviation.
  EXPECT_GE(count_with(db, "Aubnd"), 4u);

  Xapian::Database d(db.string());
  Xapian::PostingIterator p = d.postlist_begin("XN1512/UBND-KT");
  Xapian::Document doc = d.get_document(*p);
  EXPECT_EQ(doc.get_value(schema::kDateSlot), "20220510");
  EXPECT_EQ(doc.get_value(schema::kIssuerSlot), "Ủy ban nhân dân tỉnh Tây Ninh");
  EXPECT_NE(doc.get_value(schema::kDirectiveSlot).find("03-CT/TW"), std::string::npos);
}

// Hostile files each get a reason in the summary; the rest of the batch is indexed.
TEST(IndexWriterTest, BadFilesAreReportedAndTheRestIndexed) {
  TempDir dir;
  fs::path docs = copy_corpus(dir);
  testing::write_file(docs / "empty.txt", "");
  testing::write_file(docs / "binary.txt",
                      std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(4096, '\0'));
  testing::write_file(docs / "invalid.txt", "This report \xC3\x28 has a broken byte \xFF in it.");
  ASSERT_EQ(::mkfifo((docs / "pipe.txt").c_str(), 0600), 0);  // would block a naive reader
  // One long line of several megabytes, as a broken conversion leaves it.
  std::string line;
  while (line.size() < (8u << 20)) line += "kế hoạch thực hiện cuộc vận động hàng Việt ";
  testing::write_file(docs / "one_line.txt", line);

  IndexSummary s = run(dir / "db", {docs, docs / "pipe.txt"});
  std::map<std::string, std::string> failed;
  for (const FileFailure& f : s.failed) failed[fs::path(f.path).filename()] = f.error;
  EXPECT_EQ(failed.size(), 4u);
  EXPECT_NE(failed["empty.txt"].find("empty"), std::string::npos) << failed["empty.txt"];
  EXPECT_NE(failed["binary.txt"].find("binary"), std::string::npos) << failed["binary.txt"];
  EXPECT_NE(failed["invalid.txt"].find("UTF-8"), std::string::npos) << failed["invalid.txt"];
  EXPECT_NE(failed["pipe.txt"].find("not a regular file"), std::string::npos);
  EXPECT_EQ(s.added, 6u);  // the five seeds and the long line
  EXPECT_EQ(s.documents, 9u);
}

// A file that disappears between listing and reading is reported, and the index stays as the
// disk is. Files are read ahead of the writer, so the vanishing file comes well after
// kFilesAhead others.
TEST(IndexWriterTest, AFileVanishingMidRunIsReported) {
  TempDir dir;
  fs::path docs = copy_corpus(dir);
  for (size_t i = 0; i < 2 * kFilesAhead; ++i) {
    testing::write_file(docs / ("letter_" + std::to_string(1000 + i) + ".txt"),
                        "Công văn số " + std::to_string(i) + " về việc tổ chức hội nghị.");
  }
  fs::path last = docs / "zzz_last.txt";
  testing::write_file(last, "Công văn về việc tổ chức hội nghị.");
  auto writer = IndexWriter::open(dir / "db", false);
  ASSERT_TRUE(writer.is_ok());
  auto summary = writer.value()->index({docs}, [&](const IndexProgress& p) {
    if (p.files_done == 1) fs::remove(last);
  });
  ASSERT_TRUE(summary.is_ok());
  ASSERT_EQ(summary->failed.size(), 1u);
  EXPECT_EQ(fs::path(summary->failed[0].path).filename(), "zzz_last.txt");
  EXPECT_NE(summary->failed[0].error.find("vanished"), std::string::npos);
  EXPECT_EQ(summary->added, 5 + 2 * kFilesAhead);
  EXPECT_EQ(summary->documents, 8 + 2 * kFilesAhead);
}

TEST(IndexWriterTest, SecondWriterIsRefusedClearly) {
  TempDir dir;
  auto first = IndexWriter::open(dir / "index", false);
  ASSERT_TRUE(first.is_ok());
  auto second = IndexWriter::open(dir / "index", false);
  ASSERT_FALSE(second.is_ok());
  EXPECT_EQ(second.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(second.status().message().find("locked"), std::string::npos);
}

// An index written by another schema version is never added to: the writer says to rebuild.
TEST(IndexWriterTest, AnotherSchemaVersionNeedsARebuild) {
  TempDir dir;
  fs::path db = dir / "index";
  fs::path docs = copy_corpus(dir);
  run(db, {docs});
  {
    Xapian::WritableDatabase old(db.string());
    old.set_metadata(std::string(schema::kSchemaVersionKey), "");  // as version 1 left it
    old.commit();
  }
  auto refused = IndexWriter::open(db, false);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("--rebuild"), std::string::npos)
      << refused.status().message();
  EXPECT_GT(Xapian::Database(db.string()).get_doccount(), 0u) << "nothing was touched";
  IndexSummary rebuilt = run(db, {docs}, /*rebuild=*/true);
  EXPECT_EQ(rebuilt.added, 5u);
  EXPECT_EQ(Xapian::Database(db.string()).get_metadata(std::string(schema::kSchemaVersionKey)),
            schema::kSchemaVersion);
  EXPECT_TRUE(IndexWriter::open(db, false).is_ok());
}

// An index made with other analysis tables (data/) is never added to either, and a rebuild
// stamps the tables of this build.
TEST(IndexWriterTest, OtherAnalysisTablesNeedARebuild) {
  TempDir dir;
  fs::path db = dir / "index";
  fs::path docs = copy_corpus(dir);
  run(db, {docs});
  EXPECT_EQ(Xapian::Database(db.string()).get_metadata(std::string(schema::kAnalysisKey)),
            schema::analysis_stamp());
  {
    Xapian::WritableDatabase old(db.string());
    old.set_metadata(std::string(schema::kAnalysisKey), "0123456789abcdef");
    old.commit();
  }
  auto refused = IndexWriter::open(db, false);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.status().message().find("analysis"), std::string::npos);
  EXPECT_NE(refused.status().message().find("--rebuild"), std::string::npos);
  run(db, {docs}, /*rebuild=*/true);
  EXPECT_EQ(Xapian::Database(db.string()).get_metadata(std::string(schema::kAnalysisKey)),
            schema::analysis_stamp());
}

// A line opening with an invisible character (U+E01C9, a variation selector) made an empty
// term, which Xapian refuses: the file was unindexable. It is indexed, and found by its words.
TEST(IndexWriterTest, InvisibleCharactersDoNotMakeAFileUnindexable) {
  TempDir dir;
  testing::write_file(dir / "docs" / "selector.txt",
                      "\U000E01C9K\u1EBF ho\u1EA1ch tuy\u00EAn truy\u1EC1n\n"
                      "\U000E01C9\n\u200D\uFEFF\u00AD\n\u0301 ph\u00E1p lu\u1EADt\n");
  IndexSummary summary = run(dir / "db", {dir / "docs"});
  EXPECT_TRUE(summary.failed.empty()) << summary.failed.at(0).error;
  EXPECT_EQ(summary.added, 1u);
  EXPECT_EQ(count_with(dir / "db", "tuyen"), 1u);
  EXPECT_EQ(count_with(dir / "db", "phap"), 1u);
}

// kill -9 of tracuu-index at random moments: the index stays readable and a rerun completes it
// with every document exactly once.
// An indexer killed while creating the database leaves table files without the revision file
// (seen in KilledRunsLeaveAConsistentIndex). Nothing was committed, so the next run starts
// afresh instead of failing on every open; a folder holding anything else is never touched.
TEST(IndexWriterTest, AnUnfinishedCreationStartsAfresh) {
  TempDir dir;
  fs::path db = dir / "index";
  for (const char* name : {"flintlock", "postlist.glass", "termlist.glass", "v.tmp"}) {
    testing::write_file(db / name, "");
  }
  testing::write_file(db / "postlist.glass", std::string(8192, '\x01'));
  IndexSummary summary = run(db, {testing::corpus_dir()});
  EXPECT_EQ(summary.added, 5u);
  EXPECT_EQ(summary.documents, 8u);

  fs::path other = dir / "other";
  testing::write_file(other / "postlist.glass", std::string(8192, '\x01'));
  testing::write_file(other / "notes.txt", "the user's own file");
  auto refused = IndexWriter::open(other, false);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.status().message().find("cannot open database"), std::string::npos);
  EXPECT_EQ(testing::read_file(other / "notes.txt"), "the user's own file");
  EXPECT_EQ(fs::file_size(other / "postlist.glass"), 8192u);
}

// The writer flushes postings to its tables every 250 documents (kFlushEveryDocuments) but
// commits a batch at a time: a reader opened while it runs sees whole batches only, and the
// flushed postings of an unfinished batch are not committed before the batch is.
TEST(IndexWriterTest, ReadersSeeWholeBatchesThoughTheWriterFlushesBetween) {
  TempDir dir;
  fs::path docs = dir / "many";
  std::string base = testing::read_file(testing::corpus_file("003"));
  const size_t kFiles = 700, kBatch = 600;
  for (size_t i = 0; i < kFiles; ++i) {
    testing::write_file(docs / ("doc" + std::to_string(i) + ".txt"),
                        base + "\nPhụ lục số thứ tự " + std::to_string(i) + "\n");
  }
  fs::path db = dir / "index";
  auto writer = IndexWriter::open(db, /*rebuild=*/false);
  ASSERT_TRUE(writer.is_ok()) << writer.status().message();
  writer.value()->set_batch_size(kBatch);
  std::set<Xapian::doccount> seen;
  auto summary = writer.value()->index({docs}, [&](const IndexProgress& p) {
    if (p.files_done % 50 != 0) return;
    Xapian::Database reader(db.string());
    seen.insert(reader.get_doccount());
  });
  ASSERT_TRUE(summary.is_ok()) << summary.status().message();
  EXPECT_EQ(seen, (std::set<Xapian::doccount>{0, kBatch}));
  EXPECT_EQ(Xapian::Database(db.string()).get_doccount(), kFiles);
}

TEST(IndexWriterTest, KilledRunsLeaveAConsistentIndex) {
  TempDir dir;
  fs::path docs = dir / "many";
  std::string base = testing::read_file(testing::corpus_file("003"));
  const int kFiles = 400;
  for (int i = 0; i < kFiles; ++i) {
    testing::write_file(docs / ("doc" + std::to_string(i) + ".txt"),
                        base + "\nPhụ lục số thứ tự " + std::to_string(i) + "\n");
  }
  fs::path db = dir / "index";
  bool interrupted = false;  // at least one kill landed mid-run, or the test proves nothing
  for (int round = 0; round < 4; ++round) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      execl(TRACUU_INDEX_BIN, TRACUU_INDEX_BIN, "--db", db.c_str(), "--batch", "7", docs.c_str(),
            "--json", static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(60 + 90 * round));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (fs::exists(db / "iamglass")) {
      Xapian::Database readable(db.string());  // throws (fails the test) if corrupt
      EXPECT_LE(readable.get_doccount(), static_cast<Xapian::doccount>(kFiles));
      interrupted = interrupted || readable.get_doccount() < static_cast<Xapian::doccount>(kFiles);
    } else {
      interrupted = true;  // killed before the first commit
    }
  }
  EXPECT_TRUE(interrupted);
  IndexSummary done = run(db, {docs});
  EXPECT_EQ(done.documents, static_cast<size_t>(kFiles));
  EXPECT_EQ(done.added + done.unchanged, static_cast<size_t>(kFiles));
  Xapian::Database d(db.string());
  std::set<std::string> ids;
  for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) {
    EXPECT_EQ(t.get_termfreq(), 1u);
    ids.insert(*t);
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kFiles));
}

// A rebuild is served only once it is whole: until its run ends, readers of --db see the old
// index, complete; then the new one.
TEST(IndexWriterTest, ARebuildIsServedOnlyWhenWhole) {
  TempDir dir;
  fs::path docs = copy_corpus(dir);
  fs::path db = dir / "index";
  run(db, {docs});
  testing::write_file(dir / "new" / "one.txt", "Công văn về việc tổ chức hội nghị.");
  auto writer = IndexWriter::open(db, /*rebuild=*/true);
  ASSERT_TRUE(writer.is_ok()) << writer.status().message();
  EXPECT_EQ(Xapian::Database(db.string()).get_doccount(), 8u);
  size_t seen_during = 0;
  auto summary = writer.value()->index({dir / "new"}, [&](const IndexProgress&) {
    seen_during = Xapian::Database(db.string()).get_doccount();
  });
  ASSERT_TRUE(summary.is_ok()) << summary.status().message();
  EXPECT_EQ(seen_during, 8u);
  EXPECT_EQ(Xapian::Database(db.string()).get_doccount(), 1u);
}

// Documents are named below the folder they were indexed from, so their ids and the paths
// users see survive moving the archive, and no path of the server's disk is shown.
TEST(IndexWriterTest, IdsAndShownPathsSurviveMovingTheArchive) {
  TempDir dir;
  auto ids_and_paths = [](const fs::path& db) {
    std::map<std::string, std::string> out;
    Xapian::Database d(db.string());
    for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
      Document doc = decode_document(d.get_document(*it).get_data());
      out[doc.id] = doc.source.path;
    }
    return out;
  };
  fs::create_directories(dir / "a");
  fs::copy(copy_corpus(dir), dir / "a" / "docs", fs::copy_options::recursive);
  run(dir / "one", {dir / "a" / "docs"});
  fs::create_directories(dir / "b" / "elsewhere");
  fs::rename(dir / "a" / "docs", dir / "b" / "elsewhere" / "docs");
  run(dir / "two", {dir / "b" / "elsewhere" / "docs"});
  auto before = ids_and_paths(dir / "one");
  ASSERT_EQ(before.size(), 8u);
  EXPECT_EQ(before, ids_and_paths(dir / "two"));
  for (const auto& [id, path] : before) EXPECT_EQ(path.rfind("docs/", 0), 0u) << path;

  // Two folders of one name are told apart.
  fs::create_directories(dir / "c");
  fs::copy(dir / "b" / "elsewhere" / "docs", dir / "c" / "docs", fs::copy_options::recursive);
  IndexSummary both = run(dir / "three", {dir / "b" / "elsewhere" / "docs", dir / "c" / "docs"});
  EXPECT_EQ(both.documents, 16u);
}

}  // namespace
}  // namespace tracuu
