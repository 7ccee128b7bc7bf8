// Reading files in a child process (tracuu-read), as omindex runs its filters: the child sets
// its own memory limit, and a CPU limit per file, and the parent kills it when a file's wall
// clock runs out. Whatever a file does to the reader, the indexer only sees a failure with its
// reason, and the next file gets a fresh process.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
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
// A long-lived reader is replaced now and then, so whatever a parser leaks stays bounded.
constexpr size_t kFilesPerProcess = 500;
constexpr size_t kMessagesKept = 16384;

// Progress lines the reader wrote ("tracuu-read: OCR page 3/12") since `from`, passed on.
void report_progress(const std::string& said, size_t& from, const ReadOptions& options) {
  for (size_t eol; (eol = said.find('\n', from)) != std::string::npos; from = eol + 1) {
    std::string_view line(said.data() + from, eol - from);
    if (!options.on_ocr_page || line.substr(0, kOcrProgress.size()) != kOcrProgress) continue;
    line.remove_prefix(kOcrProgress.size());
    int done = 0, total = 0;
    if (std::sscanf(std::string(line).c_str(), "%d/%d", &done, &total) == 2) {
      options.on_ocr_page(done, total);
    }
  }
}

std::string last_line(const std::string& text) {
  size_t end = text.find_last_not_of("\n ");
  if (end == std::string::npos) return "";
  size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end + 1 - (start + 1));
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
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

ReaderProcess::ReaderProcess(std::filesystem::path program, ReadOptions options, ReadLimits limits)
    : program_(std::move(program)), options_(std::move(options)), limits_(limits) {}

ReaderProcess::~ReaderProcess() { stop(); }

// Requests go through a socket rather than a pipe: a write to a reader that died is an error
// (MSG_NOSIGNAL), never a SIGPIPE that would end the indexer.
Status ReaderProcess::start() {
  std::vector<std::string> args = {program_.string(), "--serve",
                                   "--cpu-seconds",   std::to_string(limits_.cpu_seconds),
                                   "--memory-mb",     std::to_string(limits_.memory_mb),
                                   "--ocr-threads",   std::to_string(options_.ocr_threads)};
  if (!options_.ocr) args.push_back("--no-ocr");
  if (!options_.ocr_cache.empty()) {
    args.push_back("--ocr-cache");
    args.push_back(options_.ocr_cache.string());
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int requests[2] = {-1, -1}, answers[2] = {-1, -1}, messages[2] = {-1, -1};
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, requests) != 0 ||
      ::pipe2(answers, O_CLOEXEC) != 0 || ::pipe2(messages, O_CLOEXEC) != 0) {
    for (int* fds : {requests, answers, messages}) {
      close_fd(fds[0]);
      close_fd(fds[1]);
    }
    return Status::unavailable("cannot start the reader: " + std::string(std::strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, requests[1], 0);
  posix_spawn_file_actions_adddup2(&actions, answers[1], 1);
  posix_spawn_file_actions_adddup2(&actions, messages[1], 2);
  pid_t pid = 0;
  int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close_fd(requests[1]);
  close_fd(answers[1]);
  close_fd(messages[1]);
  if (spawned != 0) {
    close_fd(requests[0]);
    close_fd(answers[0]);
    close_fd(messages[0]);
    return Status::unavailable("cannot start the reader " + program_.string() + ": " +
                               std::strerror(spawned));
  }
  pid_ = pid;
  requests_ = requests[0];
  answers_ = answers[0];
  messages_ = messages[0];
  answer_.clear();
  served_ = 0;
  return Status::ok();
}

// Ends the process: at the end of its input it exits; one that does not is killed.
void ReaderProcess::stop() {
  if (pid_ < 0) return;
  close_fd(requests_);
  close_fd(answers_);
  close_fd(messages_);
  int status = 0;
  for (int waited = 0; ::waitpid(pid_, &status, WNOHANG) == 0; ++waited) {
    if (waited == 100) ::kill(pid_, SIGKILL);  // a second's grace
    if (waited > 100) {
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    ::usleep(10000);
  }
  pid_ = -1;
}

// Why the process ended (or was ended) on this file; it is gone afterwards.
Status ReaderProcess::failure(int wait_status, bool timed_out) {
  pid_ = -1;
  close_fd(requests_);
  close_fd(answers_);
  close_fd(messages_);
  if (timed_out) {
    return Status::invalid_argument("reading took longer than " + std::to_string(limits_.seconds) +
                                    " s: stopped");
  }
  const std::string why = last_line(said_);
  if (WIFSIGNALED(wait_status)) {
    int sig = WTERMSIG(wait_status);
    if (sig == SIGXCPU) {
      return Status::invalid_argument("reading used more than " +
                                      std::to_string(limits_.cpu_seconds) + " s of CPU: stopped");
    }
    return Status::invalid_argument("the reader crashed on this file (" +
                                    std::string(strsignal(sig)) + ")" +
                                    (why.empty() ? "" : ": " + why));
  }
  if (why.find("bad_alloc") != std::string::npos || why.find("memory") != std::string::npos) {
    return Status::invalid_argument("reading needed more than " +
                                    std::to_string(limits_.memory_mb) + " MB: stopped");
  }
  return Status::invalid_argument("the reader gave no answer (exit " +
                                  std::to_string(WEXITSTATUS(wait_status)) + ")" +
                                  (why.empty() ? "" : ": " + why));
}

Result<ReadFile> ReaderProcess::read(const std::filesystem::path& path) {
  const std::string request = path.string() + "\n";
  if (path.string().find('\n') != std::string::npos) {
    return Status::invalid_argument("the file's name holds a line break");
  }
  if (pid_ >= 0 && served_ >= kFilesPerProcess) stop();
  if (pid_ < 0) {
    if (Status s = start(); !s.is_ok()) return s;
  }
  said_.clear();
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = ::send(requests_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the reader is gone: its exit says why, below
    sent += static_cast<size_t>(n);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits_.seconds);
  size_t reported = 0;
  char buf[65536];
  for (;;) {
    if (size_t eol = answer_.find('\n'); eol != std::string::npos) {
      std::string line = answer_.substr(0, eol);
      answer_.erase(0, eol + 1);
      ++served_;
      return intake::read_result_from_json(line);
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    bool timed_out = left.count() <= 0;
    pollfd fds[2] = {{answers_, POLLIN, 0}, {messages_, POLLIN, 0}};
    int ready = timed_out ? 0 : ::poll(fds, messages_ >= 0 ? 2 : 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) timed_out = true;
    if (timed_out) ::kill(pid_, SIGKILL);
    bool ended = timed_out || ready < 0;
    if (!ended && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      ssize_t got = ::read(messages_, buf, sizeof buf);
      if (got > 0) {
        said_.append(buf, static_cast<size_t>(got));
        report_progress(said_, reported, options_);
        if (said_.size() > kMessagesKept) {
          said_.erase(0, reported);
          reported = 0;
        }
      } else {
        close_fd(messages_);
      }
    }
    if (!ended && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      ssize_t got = ::read(answers_, buf, sizeof buf);
      if (got > 0) {
        answer_.append(buf, static_cast<size_t>(got));
        continue;
      }
      ended = got == 0 || errno != EINTR;  // the reader died before it answered
    }
    if (!ended) continue;
    // Its last words, then how it ended.
    // Never blocking: a program the reader started may still hold the pipe.
    if (messages_ >= 0 && ::fcntl(messages_, F_SETFL, O_NONBLOCK) == 0) {
      ssize_t got;
      while ((got = ::read(messages_, buf, sizeof buf)) > 0) {
        said_.append(buf, static_cast<size_t>(got));
      }
    }
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    return failure(status, timed_out);
  }
}

Result<ReadFile> read_file_isolated(const std::filesystem::path& path,
                                    const std::filesystem::path& reader_program,
                                    const ReadOptions& options, const ReadLimits& limits) {
  ReaderProcess reader(reader_program, options, limits);
  return reader.read(path);
}

}  // namespace tracuu
