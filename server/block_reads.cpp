#include "tracuu/block_reads.hpp"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {
namespace {

// One descriptor's mapping of its file. A file that grows gets a new, longer mapping; the
// ones it replaced stay mapped until the descriptor is closed, as a read may still be copying.
struct Mapping {
  const char* bytes;
  size_t length;
  Mapping* replaced;                   // older, shorter mappings of the same descriptor
  std::atomic<bool> cut_short{false};  // a copy faulted: the file shrank, read it by system call
};

// A descriptor looked at and found not to be a covered index file.
Mapping* const kNotCovered = reinterpret_cast<Mapping*>(alignof(Mapping));

// Descriptors at or past this are read by system call (a search opens a few dozen).
constexpr int kDescriptorLimit = 1 << 16;
std::atomic<Mapping*> mapping_of[kDescriptorLimit];

std::atomic<BlockReads> chosen{BlockReads::kMapped};
std::atomic<bool> any_covered{false};
std::mutex covered_mutex;
std::vector<std::string> covered_dirs;  // canonical, each ending in '/'

std::atomic<unsigned long long> mapped_reads{0}, system_reads{0}, faulted_reads{0};

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

// Xapian opens the tables it only reads O_RDONLY; a writer's descriptors are left alone.
bool covered(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || (flags & O_ACCMODE) != O_RDONLY) return false;
  const std::string path = path_of(fd);
  if (path.size() < 6 || path.compare(path.size() - 6, 6, ".glass") != 0) return false;
  std::lock_guard<std::mutex> lock(covered_mutex);
  for (const std::string& dir : covered_dirs) {
    if (path.compare(0, dir.size(), dir) == 0) return true;
  }
  return false;
}

// nullptr when the file is empty or cannot be mapped: it is then read by system call.
Mapping* map_file(int fd, Mapping* replaced) {
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return nullptr;
  void* bytes = mmap(nullptr, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
  if (bytes == MAP_FAILED) return nullptr;
  return new Mapping{static_cast<const char*>(bytes), size_t(st.st_size), replaced};
}

void unmap(Mapping* mapping) {
  munmap(const_cast<char*>(mapping->bytes), mapping->length);
  delete mapping;
}

void unmap_all(Mapping* mapping) {
  while (mapping != nullptr && mapping != kNotCovered) {
    Mapping* replaced = mapping->replaced;
    unmap(mapping);
    mapping = replaced;
  }
}

// The descriptor's mapping, made on its first read.
Mapping* mapping_for(int fd) {
  Mapping* mapping = mapping_of[fd].load(std::memory_order_acquire);
  if (mapping != nullptr) return mapping;
  Mapping* made =
      chosen.load() == BlockReads::kMapped && covered(fd) ? map_file(fd, nullptr) : nullptr;
  if (made == nullptr) made = kNotCovered;
  if (!mapping_of[fd].compare_exchange_strong(mapping, made)) {  // another thread was first
    unmap_all(made);
    return mapping;
  }
  return made;
}

// A longer mapping when the file has grown past `mapping`, else nullptr.
Mapping* remapped_if_grown(int fd, Mapping* mapping) {
  struct stat st;
  if (fstat(fd, &st) != 0 || size_t(st.st_size) <= mapping->length) return nullptr;
  Mapping* longer = map_file(fd, mapping);
  if (longer == nullptr) return nullptr;
  Mapping* expected = mapping;
  if (!mapping_of[fd].compare_exchange_strong(expected, longer)) {
    unmap(longer);
    return expected == kNotCovered ? nullptr : expected;
  }
  return longer;
}

// Set while this thread copies out of a mapping: where a fault of that copy lands.
thread_local sigjmp_buf* copy_landing = nullptr;
struct sigaction sigbus_before;

void on_sigbus(int signal, siginfo_t* info, void* context) {
  if (sigjmp_buf* landing = copy_landing) siglongjmp(*landing, 1);
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

// False when the copy faulted: the file was cut short under the mapping.
bool copy_out(void* to, const char* from, size_t length) {
  sigjmp_buf landing;
  if (sigsetjmp(landing, 0) != 0) {
    copy_landing = nullptr;
    return false;
  }
  copy_landing = &landing;
  std::atomic_signal_fence(std::memory_order_seq_cst);
  std::memcpy(to, from, length);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  copy_landing = nullptr;
  return true;
}

std::optional<ssize_t> mapped_pread(int fd, void* buffer, size_t length, off_t offset) {
  Mapping* mapping = mapping_for(fd);
  if (mapping == kNotCovered || offset < 0 || mapping->cut_short.load()) return std::nullopt;
  const size_t end = size_t(offset) + length;
  if (end > mapping->length) {
    mapping = remapped_if_grown(fd, mapping);
    if (mapping == nullptr || end > mapping->length) return std::nullopt;
  }
  if (!copy_out(buffer, mapping->bytes + offset, length)) {
    faulted_reads.fetch_add(1, std::memory_order_relaxed);
    mapping->cut_short.store(true);
    return std::nullopt;
  }
  mapped_reads.fetch_add(1, std::memory_order_relaxed);
  return ssize_t(length);
}

void forget(int fd) {
  if (fd >= 0 && fd < kDescriptorLimit) unmap_all(mapping_of[fd].exchange(nullptr));
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
  return {mapped_reads.load(std::memory_order_relaxed),
          system_reads.load(std::memory_order_relaxed),
          faulted_reads.load(std::memory_order_relaxed)};
}

}  // namespace tracuu

// The C library's functions, provided by the executable so that libxapian's calls bind here.
// Descriptors past kDescriptorLimit, and every descriptor until an index is covered, go
// straight to the system.

extern "C" ssize_t pread(int fd, void* buffer, size_t length, off_t offset) {
  using namespace tracuu;
  if (fd >= 0 && fd < kDescriptorLimit && any_covered.load(std::memory_order_relaxed)) {
    if (std::optional<ssize_t> copied = mapped_pread(fd, buffer, length, offset)) return *copied;
  }
  return system_pread(fd, buffer, length, offset);
}

// The mapping is forgotten before the number can be handed out again.
extern "C" int close(int fd) {
  tracuu::forget(fd);
  return syscall(SYS_close, fd);
}

extern "C" int dup2(int from, int to) __THROW {
  if (from != to) tracuu::forget(to);
  return syscall(SYS_dup2, from, to);
}
