// Reads of covered index files through memory maps answer exactly what pread() answers: the
// same bytes, the same short read at the end, whatever the file goes through meanwhile (it grows,
// it is cut short, its descriptor is closed and its number reused); other files are left alone.
#include "tracuu/block_reads.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>
#include <string>
#include <thread>

#include "test_support.hpp"

namespace tracuu {
namespace {

using testing::TempDir;
using testing::write_file;

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937 random(seed);
  std::string bytes(n, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  return bytes;
}

// What pread() gives for [offset, offset + length), as a string of the bytes read.
std::string read_at(int fd, off_t offset, size_t length) {
  std::string buffer(length, '\0');
  const ssize_t got = pread(fd, buffer.data(), length, offset);
  EXPECT_GE(got, 0) << "offset " << offset;
  buffer.resize(got < 0 ? 0 : size_t(got));
  return buffer;
}

// Equal bytes, reported by length and first difference rather than printed whole.
::testing::AssertionResult same_bytes(const std::string& got, const std::string& expected) {
  if (got == expected) return ::testing::AssertionSuccess();
  size_t at = 0;
  while (at < got.size() && at < expected.size() && got[at] == expected[at]) ++at;
  return ::testing::AssertionFailure() << "read " << got.size() << " bytes, expected "
                                       << expected.size() << "; first difference at " << at;
}

unsigned long long mapped_so_far() { return block_read_counts().mapped; }

class BlockReadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    set_block_reads(BlockReads::kMapped);
    map_index_reads(dir_ / "index");
  }
  void TearDown() override { set_block_reads(BlockReads::kMapped); }
  int open_read_only(const std::filesystem::path& p) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    EXPECT_GE(fd, 0) << p;
    return fd;
  }
  TempDir dir_;
};

TEST_F(BlockReadsTest, ATableReadsTheBytesPreadWould) {
  const std::string bytes = random_bytes(25 * 4096, 1);
  write_file(dir_ / "index" / "postlist.glass", bytes);
  const int fd = open_read_only(dir_ / "index" / "postlist.glass");
  const auto before = mapped_so_far();
  std::mt19937 random(2);
  for (int i = 0; i < 200; ++i) {
    // Blocks, as glass reads them, and now and then a read of part of a page.
    const bool block = i % 4 != 0;
    const off_t offset = block ? 4096 * (random() % 25) : random() % bytes.size();
    const size_t length = block ? 4096 * (1 + random() % 2) : 1 + random() % 9000;
    ASSERT_TRUE(same_bytes(read_at(fd, offset, length), bytes.substr(offset, length))) << offset;
  }
  EXPECT_GT(mapped_so_far() - before, 100u);  // the blocks wholly inside the file
  // At and past the end, the short reads of the system call.
  EXPECT_TRUE(same_bytes(read_at(fd, 24 * 4096, 8192), bytes.substr(24 * 4096)));
  EXPECT_TRUE(same_bytes(read_at(fd, 25 * 4096, 8192), ""));
  EXPECT_TRUE(same_bytes(read_at(fd, 500 * 4096, 4096), ""));
  ::close(fd);
}

TEST_F(BlockReadsTest, OtherFilesAreReadBySystemCall) {
  const std::string bytes = random_bytes(20'480, 3);
  write_file(dir_ / "elsewhere" / "postlist.glass", bytes);  // not under a covered directory
  write_file(dir_ / "index" / "notes.txt", bytes);           // not a table
  write_file(dir_ / "index" / "termlist.glass", bytes);      // opened for writing
  const int elsewhere = open_read_only(dir_ / "elsewhere" / "postlist.glass");
  const int notes = open_read_only(dir_ / "index" / "notes.txt");
  const int writable = ::open((dir_ / "index" / "termlist.glass").c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_GE(writable, 0);
  const auto before = mapped_so_far();
  for (int fd : {elsewhere, notes, writable}) {
    EXPECT_TRUE(same_bytes(read_at(fd, 4096, 8192), bytes.substr(4096, 8192)));
    ::close(fd);
  }
  EXPECT_EQ(mapped_so_far(), before);
}

TEST_F(BlockReadsTest, SystemCallsWhenChosen) {
  const std::string bytes = random_bytes(20'480, 4);
  write_file(dir_ / "index" / "record.glass", bytes);
  set_block_reads(BlockReads::kSystemCalls);
  const int fd = open_read_only(dir_ / "index" / "record.glass");
  const auto before = mapped_so_far();
  EXPECT_TRUE(same_bytes(read_at(fd, 8192, 8192), bytes.substr(8192, 8192)));
  EXPECT_EQ(mapped_so_far(), before);
  ::close(fd);
}

// A reindex appends blocks to the tables a searcher has open.
TEST_F(BlockReadsTest, AGrowingTableIsReadToItsNewEnd) {
  const auto table = dir_ / "index" / "position.glass";
  const std::string first = random_bytes(16'384, 5), more = random_bytes(40'960, 6);
  write_file(table, first);
  const int fd = open_read_only(table);
  EXPECT_TRUE(same_bytes(read_at(fd, 0, 8192), first.substr(0, 8192)));
  const int writer = ::open(table.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  ASSERT_EQ(::write(writer, more.data(), more.size()), ssize_t(more.size()));
  ::close(writer);
  const auto before = mapped_so_far();
  EXPECT_TRUE(same_bytes(read_at(fd, 16'384 + 8192, 8192), more.substr(8192, 8192)));
  EXPECT_TRUE(same_bytes(read_at(fd, 8192, 16'384), first.substr(8192) + more.substr(0, 8192)));
  EXPECT_EQ(mapped_so_far() - before, 2u);
  ::close(fd);
}

// An index rebuilt in place truncates the tables a searcher has mapped: touching the lost pages
// faults (SIGBUS), and the read must come back as the system call's short read, not a crash.
TEST_F(BlockReadsTest, ATableCutShortGivesTheShortReadNotACrash) {
  const auto table = dir_ / "index" / "docdata.glass";
  const std::string bytes = random_bytes(65'536, 7);
  write_file(table, bytes);
  const int fd = open_read_only(table);
  EXPECT_TRUE(same_bytes(read_at(fd, 40'960, 8192), bytes.substr(40'960, 8192)));
  ASSERT_EQ(::truncate(table.c_str(), 12'288), 0);
  const auto faults_before = block_read_counts().cut_short;
  EXPECT_TRUE(same_bytes(read_at(fd, 40'960, 8192), ""));
  EXPECT_EQ(block_read_counts().cut_short - faults_before, 1u);
  EXPECT_TRUE(same_bytes(read_at(fd, 8192, 8192), bytes.substr(8192, 4096)));
  EXPECT_TRUE(same_bytes(read_at(fd, 0, 4096), bytes.substr(0, 4096)));
  ::close(fd);
}

// Past a file's end a mapping faults on whole pages only; reads that are not whole pages, and
// files that are not, are left to the system call, which stops short exactly.
TEST_F(BlockReadsTest, ReadsAndFilesOfPartPagesAreReadBySystemCall) {
  const std::string bytes = random_bytes(3 * 4096 + 1024, 10);
  write_file(dir_ / "index" / "part.glass", bytes);
  write_file(dir_ / "index" / "whole.glass", bytes.substr(0, 3 * 4096));
  const int part = open_read_only(dir_ / "index" / "part.glass");
  const int whole = open_read_only(dir_ / "index" / "whole.glass");
  const auto before = mapped_so_far();
  EXPECT_TRUE(same_bytes(read_at(part, 8192, 4096), bytes.substr(8192, 4096)));
  EXPECT_TRUE(same_bytes(read_at(part, 8192, 8192), bytes.substr(8192)));
  EXPECT_TRUE(same_bytes(read_at(whole, 2048, 2048), bytes.substr(2048, 2048)));
  EXPECT_EQ(mapped_so_far(), before);
  EXPECT_TRUE(same_bytes(read_at(whole, 4096, 4096), bytes.substr(4096, 4096)));
  EXPECT_EQ(mapped_so_far() - before, 1u);
  ::close(part);
  ::close(whole);
}

// A thread that blocked SIGBUS (as threads that wait for signals do) would be killed by the
// fault of a table cut short: it still gets the short read.
TEST_F(BlockReadsTest, AThreadWithBusErrorsBlockedStillGetsTheShortRead) {
  const auto table = dir_ / "index" / "blocked.glass";
  const std::string bytes = random_bytes(65'536, 11);
  write_file(table, bytes);
  std::string first, after_cut;
  std::thread reader([&] {
    sigset_t bus;
    sigemptyset(&bus);
    sigaddset(&bus, SIGBUS);
    pthread_sigmask(SIG_BLOCK, &bus, nullptr);
    const int fd = ::open(table.c_str(), O_RDONLY | O_CLOEXEC);
    first = read_at(fd, 40'960, 8192);
    if (::truncate(table.c_str(), 8192) == 0) after_cut = read_at(fd, 40'960, 8192);
    ::close(fd);
  });
  reader.join();
  EXPECT_TRUE(same_bytes(first, bytes.substr(40'960, 8192)));
  EXPECT_TRUE(same_bytes(after_cut, ""));
}

// Xapian closes and reopens a table's descriptor at every new revision, and each searcher
// thread opens its own: one mapping of the file serves them all.
TEST_F(BlockReadsTest, DescriptorsOfOneFileShareItsMapping) {
  const std::string bytes = random_bytes(8 * 4096, 12);
  write_file(dir_ / "index" / "shared.glass", bytes);
  const auto before = block_read_counts();
  for (int reopened = 0; reopened < 5; ++reopened) {
    const int fd = open_read_only(dir_ / "index" / "shared.glass");
    const int another = open_read_only(dir_ / "index" / "shared.glass");
    EXPECT_TRUE(
        same_bytes(read_at(fd, 4096 * reopened, 4096), bytes.substr(4096 * reopened, 4096)));
    EXPECT_TRUE(same_bytes(read_at(another, 0, 8192), bytes.substr(0, 8192)));
    ::close(fd);
    ::close(another);
  }
  const auto after = block_read_counts();
  EXPECT_EQ(after.mapped - before.mapped, 10u);
  EXPECT_EQ(after.mappings - before.mappings, 1u);
}

// Xapian closes a table and opens another, which may get the same descriptor number.
TEST_F(BlockReadsTest, AReusedDescriptorReadsItsNewFile) {
  const std::string a = random_bytes(32'768, 8), b = random_bytes(32'768, 9);
  const auto before = mapped_so_far();
  write_file(dir_ / "index" / "a.glass", a);
  write_file(dir_ / "index" / "b.glass", b);
  const int first = open_read_only(dir_ / "index" / "a.glass");
  EXPECT_TRUE(same_bytes(read_at(first, 8192, 8192), a.substr(8192, 8192)));
  ::close(first);
  const int second = open_read_only(dir_ / "index" / "b.glass");
  EXPECT_EQ(second, first);  // the lowest free number: the case this test is about
  EXPECT_TRUE(same_bytes(read_at(second, 8192, 8192), b.substr(8192, 8192)));
  // dup2 onto a mapped descriptor replaces its file too.
  const int third = open_read_only(dir_ / "index" / "a.glass");
  ASSERT_EQ(::dup2(third, second), second);
  EXPECT_TRUE(same_bytes(read_at(second, 8192, 8192), a.substr(8192, 8192)));
  // So does dup3, and close_range frees the numbers for other files.
  const int fourth = open_read_only(dir_ / "index" / "b.glass");
  ASSERT_EQ(::dup3(fourth, second, O_CLOEXEC), second);
  EXPECT_TRUE(same_bytes(read_at(second, 8192, 8192), b.substr(8192, 8192)));
  ASSERT_EQ(::close_range(unsigned(second), unsigned(second), 0), 0);
  const int fifth = open_read_only(dir_ / "index" / "a.glass");
  EXPECT_EQ(fifth, second);
  EXPECT_TRUE(same_bytes(read_at(fifth, 16'384, 8192), a.substr(16'384, 8192)));
  EXPECT_EQ(mapped_so_far() - before, 5u);  // every read was a mapped one
  ::close(fifth);
  ::close(third);
  ::close(fourth);
}

// The fault handler takes only faults of its own copies; any other SIGBUS does what it did.
TEST_F(BlockReadsTest, OtherBusErrorsStillStopTheProcess) {
  // Killed by it, or stopped by a sanitizer's report of it (which aborts or exits non-zero).
  auto stopped = [](int status) {
    if (WIFSIGNALED(status)) return WTERMSIG(status) == SIGBUS || WTERMSIG(status) == SIGABRT;
    return WEXITSTATUS(status) != 0;
  };
  EXPECT_EXIT(raise(SIGBUS), stopped, "");
}

}  // namespace
}  // namespace tracuu
