// tracuu-read: reads one office file and prints what its reader found, as JSON, on standard
// output. tracuu-index runs it as a child process for every file that is not plain text
// (intake.hpp), so that a file that crashes, hangs or exhausts a reader stops only this
// process. It limits its own CPU time and address space before it opens the file.
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

void limit(int resource, rlim_t value) {
  rlimit r{value, value};
  ::setrlimit(resource, &r);
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
  app.add_option("FILE", path, "the file")->required();
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
  if (cpu_seconds > 0) limit(RLIMIT_CPU, static_cast<rlim_t>(cpu_seconds));
  if (memory_mb > 0) limit(RLIMIT_AS, static_cast<rlim_t>(memory_mb) << 20);

  tracuu::Result<tracuu::ReadFile> result = tracuu::Status::internal("not read");
  try {
    result = read_path(path, options);
  } catch (const std::bad_alloc&) {
    result = tracuu::Status::invalid_argument("reading needed more memory than allowed");
  } catch (const std::exception& e) {
    result = tracuu::Status::invalid_argument(std::string("cannot read: ") + e.what());
  }
  std::cout << tracuu::intake::read_result_to_json(result) << "\n";
  return result.is_ok() ? 0 : 1;
}
