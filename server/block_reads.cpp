#include "tracuu/block_reads.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cfenv>
#include <chrono>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

// With 64-bit file offsets requested, <unistd.h> renames pread to pread64 and the definition
// below would no longer be the pread libxapian calls.
#if defined(_FILE_OFFSET_BITS) && _FILE_OFFSET_BITS == 64
#error "block_reads.cpp must be built without _FILE_OFFSET_BITS=64 (off_t is 64 bits on LP64)"
#endif

namespace tracuu {
namespace {

// A mapping of a file, whole pages from its start. A file that grows or shrinks gets a new one;
// those it replaced stay mapped as long as the file does, as a read may still be copying.
struct Segment {
  const char* bytes;
  size_t length;
  Segment* replaced;                   // older mappings of the same file
  std::atomic<bool> cut_short{false};  // a copy faulted: the file is now shorter than this
};

// One index file (an inode) mapped, shared by every descriptor open on it in this process.
// Xapian closes and reopens a table's descriptor at every new revision; unmapping each time
// cost more than the reads saved (munmap stops every thread to flush the address space, and
// the new mapping faults its pages in again), so a file stays mapped while any descriptor
// reads it and for kKeptUnused after, and a descriptor opened meanwhile reuses it. The mapping
// holds the inode, so its number cannot be reused for another file while the entry lives.
struct MappedFile {
  std::atomic<Segment*> current;
  std::atomic<int> descriptors{0};     // open descriptors that read through it
  std::atomic<long long> released{0};  // when the last of them was closed (steady ns)
};

constexpr std::chrono::seconds kKeptUnused{10};

// A descriptor looked at and found not to be a covered index file.
MappedFile* const kNotCovered = reinterpret_cast<MappedFile*>(alignof(MappedFile));

// Descriptors at or past this are read by system call (a search opens a few dozen).
constexpr int kDescriptorLimit = 1 << 16;
std::atomic<MappedFile*> file_of[kDescriptorLimit];

std::atomic<BlockReads> chosen{BlockReads::kMapped};
std::atomic<bool> any_covered{false};
std::mutex covered_mutex;
// Never destroyed, like the mappings: a thread still reading at exit (the spare core's) must
// not find them gone, and what they point to stays reachable for leak checkers.
std::vector<std::string>& covered_dirs = *new std::vector<std::string>;  // canonical, ending '/'

// Every MappedFile, by inode; looked up when a descriptor is first read, under its mutex.
std::mutex files_mutex;
std::map<std::pair<dev_t, ino_t>, MappedFile*>& files =
    *new std::map<std::pair<dev_t, ino_t>, MappedFile*>;

std::atomic<unsigned long long> mapped_reads{0}, system_reads{0}, faulted_reads{0},
    mappings_made{0};

long long steady_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

ssize_t system_pread(int fd, void* buffer, size_t length, off_t offset) {
  system_reads.fetch_add(1, std::memory_order_relaxed);
  return syscall(SYS_pread64, fd, buffer, length, offset);
}

std::string path_of(int fd) {
  char link[32], target[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t length = readlink(link, target, sizeof target);
  return length > 0 && size_t(length) < sizeof target ? std::string(target, length) : "";
}

// A mapping shares the page cache with other processes' writes on a local filesystem; over
// NFS or FUSE, pread() revalidates what a mapping may serve stale, so those are not mapped.
bool on_local_filesystem(int fd) {
  struct statfs fs;
  if (fstatfs(fd, &fs) != 0) return false;
  switch (static_cast<unsigned long>(fs.f_type)) {
    case EXT4_SUPER_MAGIC:  // also ext2 and ext3
    case XFS_SUPER_MAGIC:
    case BTRFS_SUPER_MAGIC:
    case TMPFS_MAGIC:
    case OVERLAYFS_SUPER_MAGIC:
    case F2FS_SUPER_MAGIC:
      return true;
    default:
      return false;
  }
}

// Xapian opens the tables it only reads O_RDONLY; a writer's descriptors are left alone.
bool covered(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || (flags & O_ACCMODE) != O_RDONLY) return false;
  const std::string path = path_of(fd);
  if (path.size() < 6 || path.compare(path.size() - 6, 6, ".glass") != 0) return false;
  if (!on_local_filesystem(fd)) return false;
  std::lock_guard<std::mutex> lock(covered_mutex);
  for (const std::string& dir : covered_dirs) {
    if (path.compare(0, dir.size(), dir) == 0) return true;
  }
  return false;
}

const size_t kPage = size_t(sysconf(_SC_PAGESIZE));

// Past the end of a file, a mapping faults only on whole pages: the rest of the last page reads
// as zeros where pread() would stop short. Glass reads whole blocks at multiples of the block
// size (8 KB for tracuu's indexes), so reads of whole pages of files of whole pages (which a
// file cut short and grown again by such a writer stays) are all that is mapped.
bool whole_pages(size_t offset, size_t length) {
  return offset % kPage == 0 && length % kPage == 0;
}

// The file of `fd` as it is now, or nullptr when it is empty, not whole pages or cannot be
// mapped: it is then read by system call.
Segment* map_segment(int fd, const struct stat& st, Segment* replaced) {
  if (!S_ISREG(st.st_mode) || st.st_size <= 0 || !whole_pages(0, size_t(st.st_size))) {
    return nullptr;
  }
  void* bytes = mmap(nullptr, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
  if (bytes == MAP_FAILED) return nullptr;
  mappings_made.fetch_add(1, std::memory_order_relaxed);
  return new Segment{static_cast<const char*>(bytes), size_t(st.st_size), replaced};
}

void unmap(Segment* segment) {
  munmap(const_cast<char*>(segment->bytes), segment->length);
  delete segment;
}

// Unmaps the files no descriptor has read for kKeptUnused (so a deleted index does not stay
// on disk for them). Called with files_mutex held, which is what a descriptor takes to start
// using a file: none can while this runs, and none is using these.
void unmap_unused() {
  const long long now = steady_now();
  for (auto it = files.begin(); it != files.end();) {
    MappedFile* file = it->second;
    const long long idle = now - file->released.load();
    if (file->descriptors.load() > 0 ||
        idle < std::chrono::duration_cast<std::chrono::nanoseconds>(kKeptUnused).count()) {
      ++it;
      continue;
    }
    for (Segment* segment = file->current.load(); segment != nullptr;) {
      Segment* replaced = segment->replaced;
      unmap(segment);
      segment = replaced;
    }
    delete file;
    it = files.erase(it);
  }
}

// The MappedFile `fd` reads through, found or made on its first read, or kNotCovered.
MappedFile* file_for(int fd) {
  MappedFile* file = file_of[fd].load(std::memory_order_acquire);
  if (file != nullptr) return file;
  file = kNotCovered;
  struct stat st;
  if (chosen.load() == BlockReads::kMapped && covered(fd) && fstat(fd, &st) == 0) {
    std::lock_guard<std::mutex> lock(files_mutex);
    unmap_unused();
    auto [known, first] = files.try_emplace({st.st_dev, st.st_ino}, nullptr);
    if (first) {
      if (Segment* segment = map_segment(fd, st, nullptr)) {
        known->second = new MappedFile{{segment}};
      } else {
        files.erase(known);
        known = files.end();
      }
    }
    if (known != files.end()) {
      file = known->second;
      file->descriptors.fetch_add(1);
    }
  }
  MappedFile* expected = nullptr;
  if (!file_of[fd].compare_exchange_strong(expected, file)) {  // another thread was first
    if (file != kNotCovered) file->descriptors.fetch_sub(1);
    return expected;
  }
  return file;
}

// A segment of the file as long as it is now, when `segment` is not (it grew, or was cut short
// and has faulted), else nullptr.
Segment* remapped(MappedFile* file, int fd, Segment* segment) {
  struct stat st;
  if (fstat(fd, &st) != 0 || size_t(st.st_size) == segment->length) return nullptr;
  Segment* now = map_segment(fd, st, segment);
  if (now == nullptr) return nullptr;
  Segment* expected = segment;
  if (!file->current.compare_exchange_strong(expected, now)) {  // another thread was first
    unmap(now);
    return expected;
  }
  return now;
}

// Set while this thread copies out of a mapping: the bytes copied from, and where a fault
// among them lands.
struct CopyInProgress {
  sigjmp_buf* landing = nullptr;
  const char* from = nullptr;
  size_t length = 0;
};
thread_local CopyInProgress copying;
struct sigaction sigbus_before;

// A fault (not a signal sent) at an address this thread's copy reads from.
bool in_copy(const siginfo_t* info) {
  const char* at = static_cast<const char*>(info->si_addr);
  return copying.landing != nullptr && info->si_code > 0 && at >= copying.from &&
         at < copying.from + copying.length;
}

void on_sigbus(int signal, siginfo_t* info, void* context) {
  if (in_copy(info)) siglongjmp(*copying.landing, 1);
  // Not one of our copies: whatever handled SIGBUS before (a sanitizer, or the default: a
  // faulting instruction meets it again when this returns, a sent signal is raised again).
  const bool sent = info->si_code <= 0;  // by kill() or raise(), not a fault
  if (sigbus_before.sa_flags & SA_SIGINFO) {
    sigbus_before.sa_sigaction(signal, info, context);
  } else if (sigbus_before.sa_handler == SIG_IGN) {
    if (!sent) sigaction(SIGBUS, &sigbus_before, nullptr);  // a fault cannot be ignored
  } else if (sigbus_before.sa_handler == SIG_DFL) {
    sigaction(SIGBUS, &sigbus_before, nullptr);
    if (sent) raise(signal);
  } else {
    sigbus_before.sa_handler(signal);
  }
}

void catch_faulting_copies() {
  struct sigaction action {};
  action.sa_sigaction = on_sigbus;
  // SA_NODEFER: leaving the handler by siglongjmp must not leave SIGBUS blocked in the thread.
  action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  sigaction(SIGBUS, &action, &sigbus_before);
}

// A fault with SIGBUS blocked would kill the process outright (the kernel does not queue
// faults), so a thread unblocks it before its first copy.
void let_faults_reach_the_handler() {
  thread_local bool done = false;
  if (done) return;
  sigset_t bus;
  sigemptyset(&bus);
  sigaddset(&bus, SIGBUS);
  pthread_sigmask(SIG_UNBLOCK, &bus, nullptr);
  done = true;
}

// False when the copy faulted: the file was cut short under the mapping.
bool copy_out(void* to, const char* from, size_t length) {
  let_faults_reach_the_handler();
  // The handler runs with the default floating-point environment and siglongjmp does not
  // restore it, so it is put back by hand after a fault.
  std::fenv_t environment;
  std::fegetenv(&environment);
  sigjmp_buf landing;
  if (sigsetjmp(landing, 0) != 0) {
    copying = CopyInProgress{};
    std::fesetenv(&environment);
    return false;
  }
  copying = CopyInProgress{&landing, from, length};
  std::atomic_signal_fence(std::memory_order_seq_cst);
  std::memcpy(to, from, length);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  copying.landing = nullptr;
  return true;
}

std::optional<ssize_t> mapped_pread(int fd, void* buffer, size_t length, off_t offset) {
  if (offset < 0 || !whole_pages(size_t(offset), length)) return std::nullopt;
  MappedFile* file = file_for(fd);
  if (file == kNotCovered) return std::nullopt;
  Segment* segment = file->current.load(std::memory_order_acquire);
  const size_t end = size_t(offset) + length;
  if (end > segment->length || segment->cut_short.load()) {
    segment = remapped(file, fd, segment);
    if (segment == nullptr || end > segment->length || segment->cut_short.load()) {
      return std::nullopt;
    }
  }
  if (!copy_out(buffer, segment->bytes + offset, length)) {
    faulted_reads.fetch_add(1, std::memory_order_relaxed);
    segment->cut_short.store(true);
    return std::nullopt;
  }
  mapped_reads.fetch_add(1, std::memory_order_relaxed);
  return ssize_t(length);
}

// Nothing is unmapped here (unmap_unused does it later), so closing stays a system call and
// an atomic or two, safe anywhere close() is.
void forget(int fd) {
  if (fd < 0 || fd >= kDescriptorLimit) return;
  MappedFile* file = file_of[fd].exchange(nullptr);
  if (file != nullptr && file != kNotCovered && file->descriptors.fetch_sub(1) == 1) {
    file->released.store(steady_now());
  }
}

void forget_from(unsigned first, unsigned last) {
  for (unsigned fd = first; fd <= last && fd < unsigned(kDescriptorLimit); ++fd) forget(int(fd));
}

}  // namespace

void set_block_reads(BlockReads how) { chosen.store(how); }

BlockReads block_reads() { return chosen.load(); }

void map_index_reads(const std::filesystem::path& db) {
  std::error_code error;
  std::string dir =
      std::filesystem::weakly_canonical(std::filesystem::absolute(db), error).string();
  if (error || dir.empty()) return;
  if (dir.back() != '/') dir += '/';
  std::lock_guard<std::mutex> lock(covered_mutex);
  for (const std::string& known : covered_dirs) {
    if (known == dir) return;
  }
  if (covered_dirs.empty()) catch_faulting_copies();
  covered_dirs.push_back(dir);
  any_covered.store(true);
}

BlockReadCounts block_read_counts() {
  return {
      mapped_reads.load(std::memory_order_relaxed), system_reads.load(std::memory_order_relaxed),
      faulted_reads.load(std::memory_order_relaxed), mappings_made.load(std::memory_order_relaxed)};
}

}  // namespace tracuu

// The C library's functions, provided by the executable so that libxapian's calls bind here.
// Descriptors past kDescriptorLimit, and every descriptor until an index is covered, go
// straight to the system.
//
// A descriptor's mapping must be forgotten before its number can name another file, so every
// way of closing or replacing a descriptor that a program calls is here too. What the C library
// closes on its own (fclose, closedir) never names a covered table: only Xapian opens those,
// and it closes them with close(). Forgetting unmaps, which is not async-signal-safe: a covered
// descriptor is not closed from a signal handler.

namespace {

ssize_t read_at(int fd, void* buffer, size_t length, off_t offset) {
  using namespace tracuu;
  if (fd >= 0 && fd < kDescriptorLimit && any_covered.load(std::memory_order_relaxed)) {
    if (std::optional<ssize_t> copied = mapped_pread(fd, buffer, length, offset)) return *copied;
  }
  return system_pread(fd, buffer, length, offset);
}

}  // namespace

extern "C" ssize_t pread(int fd, void* buffer, size_t length, off_t offset) {
  return read_at(fd, buffer, length, offset);
}

extern "C" ssize_t pread64(int fd, void* buffer, size_t length, off64_t offset) {
  return read_at(fd, buffer, length, offset);
}

extern "C" int close(int fd) {
  tracuu::forget(fd);
  return syscall(SYS_close, fd);
}

extern "C" int dup2(int from, int to) __THROW {
  if (from != to) tracuu::forget(to);
  return syscall(SYS_dup2, from, to);
}

extern "C" int dup3(int from, int to, int flags) __THROW {
  if (from != to) tracuu::forget(to);
  return syscall(SYS_dup3, from, to, flags);
}

extern "C" int close_range(unsigned first, unsigned last, int flags) __THROW {
  if (!(flags & CLOSE_RANGE_CLOEXEC)) tracuu::forget_from(first, last);
  return syscall(SYS_close_range, first, last, flags);
}

extern "C" void closefrom(int first) __THROW {
  if (first < 0) first = 0;
  tracuu::forget_from(unsigned(first), ~0u);
  if (syscall(SYS_close_range, unsigned(first), ~0u, 0) != 0) {
    for (int fd = first; fd < tracuu::kDescriptorLimit; ++fd) syscall(SYS_close, fd);
  }
}
