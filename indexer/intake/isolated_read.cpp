// Reading a file in a child process (tracuu-read), as omindex runs its filters: the child
// sets its own CPU and memory limits before it touches the file, and the parent kills it when
// the wall clock runs out. Whatever the file does to the reader, the indexer only sees a
// failure with its reason.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "read_file_json.hpp"
#include "tracuu/intake.hpp"

extern char** environ;

namespace tracuu {
namespace {

constexpr std::string_view kOcrProgress = "tracuu-read: OCR page ";

// Progress lines the reader wrote ("tracuu-read: OCR page 3/12") since `from`, passed on.
void report_progress(const std::string& err, size_t& from, const ReadOptions& options) {
  for (size_t eol; (eol = err.find('\n', from)) != std::string::npos; from = eol + 1) {
    std::string_view line(err.data() + from, eol - from);
    if (!options.on_ocr_page || line.substr(0, kOcrProgress.size()) != kOcrProgress) continue;
    line.remove_prefix(kOcrProgress.size());
    int done = 0, total = 0;
    if (std::sscanf(std::string(line).c_str(), "%d/%d", &done, &total) == 2) {
      options.on_ocr_page(done, total);
    }
  }
}

// Reads the child's stdout and stderr until both close or `deadline`; false on timeout.
bool drain(int out_fd, int err_fd, std::string& out, std::string& err,
           std::chrono::steady_clock::time_point deadline, const ReadOptions& options) {
  size_t reported = 0;
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&out, &err};
  int open = 2;
  char buf[65536];
  while (open > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return ready == 0 ? false : true;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
      if (got > 0) {
        sinks[i]->append(buf, static_cast<size_t>(got));
        if (i == 1) {
          report_progress(err, reported, options);
          // The reader's messages are for the failure's reason: the last few KB are enough.
          if (err.size() > 16384) {
            err.erase(0, reported);
            reported = 0;
          }
        }
      } else if (got == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open;
      }
    }
  }
  return true;
}

std::string last_line(const std::string& text) {
  size_t end = text.find_last_not_of("\n ");
  if (end == std::string::npos) return "";
  size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end + 1 - (start + 1));
}

}  // namespace

std::filesystem::path default_reader_program() {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path beside = self.parent_path() / "tracuu-read";
    if (std::filesystem::exists(beside, ec)) return beside;
  }
  return "tracuu-read";  // found on the PATH by posix_spawnp
}

Result<ReadFile> read_file_isolated(const std::filesystem::path& path,
                                    const std::filesystem::path& reader_program,
                                    const ReadOptions& options, const ReadLimits& limits) {
  std::vector<std::string> args = {reader_program.string(),
                                   "--cpu-seconds",
                                   std::to_string(limits.cpu_seconds),
                                   "--memory-mb",
                                   std::to_string(limits.memory_mb),
                                   "--ocr-threads",
                                   std::to_string(options.ocr_threads)};
  if (!options.ocr) args.push_back("--no-ocr");
  if (!options.ocr_cache.empty()) {
    args.push_back("--ocr-cache");
    args.push_back(options.ocr_cache.string());
  }
  args.push_back("--");
  args.push_back(path.string());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return Status::unavailable("cannot start the reader");
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return Status::unavailable("cannot start the reader");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  pid_t pid = 0;
  int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return Status::unavailable("cannot start the reader " + reader_program.string() + ": " +
                               std::strerror(spawned));
  }
  std::string out, err;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits.seconds);
  bool finished = drain(out_pipe[0], err_pipe[0], out, err, deadline, options);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  if (!finished) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished) {
    return Status::invalid_argument("reading took longer than " + std::to_string(limits.seconds) +
                                    " s: stopped");
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGXCPU) {
      return Status::invalid_argument("reading used more than " +
                                      std::to_string(limits.cpu_seconds) + " s of CPU: stopped");
    }
    std::string why = last_line(err);
    return Status::invalid_argument("the reader crashed on this file (" +
                                    std::string(strsignal(sig)) + ")" +
                                    (why.empty() ? "" : ": " + why));
  }
  if (out.empty()) {
    std::string why = last_line(err);
    if (why.find("bad_alloc") != std::string::npos || why.find("memory") != std::string::npos) {
      return Status::invalid_argument("reading needed more than " +
                                      std::to_string(limits.memory_mb) + " MB: stopped");
    }
    return Status::invalid_argument("the reader gave no answer (exit " +
                                    std::to_string(WEXITSTATUS(status)) + ")" +
                                    (why.empty() ? "" : ": " + why));
  }
  return intake::read_result_from_json(out);
}

}  // namespace tracuu
