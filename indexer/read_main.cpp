// tracuu-read: reads an office file and prints what its reader found, as JSON, on standard
// output. tracuu-index runs it as a child process (intake.hpp, ReaderProcess) for the files
// that are not plain text, so that a file that crashes, hangs or exhausts a reader stops only
// this process. With --serve it reads the files named on its standard input, a line each, and
// answers a line each. It limits its own address space, and the CPU time of each file.
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "intake/read_file_json.hpp"
#include "tracuu/intake.hpp"

namespace {

// AddressSanitizer reserves terabytes of address space for its shadow memory, so a build
// under it cannot run with an address-space limit (the suite runs so in CI); the wall-clock and
// CPU limits still hold.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSpaceCanBeLimited = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSpaceCanBeLimited = false;
#else
constexpr bool kAddressSpaceCanBeLimited = true;
#endif
#else
constexpr bool kAddressSpaceCanBeLimited = true;
#endif

void limit(int resource, rlim_t value) {
  rlimit r{value, value};
  ::setrlimit(resource, &r);
}

// The next file may spend `seconds` of CPU from now: the soft limit is raised past what the
// process has used so far (SIGXCPU ends it when a file overruns).
void limit_cpu_from_now(int seconds) {
  rusage used{};
  ::getrusage(RUSAGE_SELF, &used);
  rlim_t spent = static_cast<rlim_t>(used.ru_utime.tv_sec + used.ru_stime.tv_sec) + 1;
  rlimit r{spent + static_cast<rlim_t>(seconds), RLIM_INFINITY};
  ::setrlimit(RLIMIT_CPU, &r);
}

tracuu::Result<tracuu::ReadFile> read_path(const std::string& path,
                                           const tracuu::ReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tracuu::Status::unavailable("cannot open file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return tracuu::Status::unavailable("read error");
  return tracuu::read_file_bytes(bytes.str(), path, options);
}

// One file's answer, whatever happens inside its reader.
std::string answer(const std::string& path, const tracuu::ReadOptions& options) {
  tracuu::Result<tracuu::ReadFile> result = tracuu::Status::internal("not read");
  try {
    result = read_path(path, options);
  } catch (const std::bad_alloc&) {
    result = tracuu::Status::invalid_argument("reading needed more memory than allowed");
  } catch (const std::exception& e) {
    result = tracuu::Status::invalid_argument(std::string("cannot read: ") + e.what());
  }
  return tracuu::intake::read_result_to_json(result);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tracuu-read: read one office file for tracuu-index, as JSON"};
  tracuu::ReadOptions options;
  bool no_ocr = false;
  int cpu_seconds = 0;
  size_t memory_mb = 0;
  std::string cache, path;
  app.add_flag("--no-ocr", no_ocr, "do not read scanned pages");
  app.add_option("--ocr-cache", cache, "folder of OCR results kept by page hash");
  app.add_option("--ocr-threads", options.ocr_threads, "pages read by OCR at once");
  app.add_option("--cpu-seconds", cpu_seconds, "CPU time limit (0: none)");
  app.add_option("--memory-mb", memory_mb, "address space limit (0: none)");
  bool serve = false;
  app.add_flag("--serve", serve, "read the files named on standard input, a line each");
  app.add_option("FILE", path, "the file (without --serve)");
  CLI11_PARSE(app, argc, argv);
  // An indexer killed mid-file (kill -9 included) takes its reader with it, rather than leave
  // it reading pages nobody will index.
  const pid_t parent = ::getppid();
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) return 1;
  options.ocr = !no_ocr;
  options.on_ocr_page = [](int done, int total) {
    std::fprintf(stderr, "tracuu-read: OCR page %d/%d\n", done, total);
  };
  options.ocr_cache = cache;
  if (memory_mb > 0 && kAddressSpaceCanBeLimited) {
    limit(RLIMIT_AS, static_cast<rlim_t>(memory_mb) << 20);
  }
  if (!serve) {
    if (path.empty()) {
      std::cerr << "tracuu-read: FILE is required (or --serve)\n";
      return 2;
    }
    if (cpu_seconds > 0) limit(RLIMIT_CPU, static_cast<rlim_t>(cpu_seconds));
    std::cout << answer(path, options) << "\n";
    return 0;
  }
  for (std::string line; std::getline(std::cin, line);) {
    if (cpu_seconds > 0) limit_cpu_from_now(cpu_seconds);
    std::cout << answer(line, options) << "\n" << std::flush;
  }
  return 0;
}
