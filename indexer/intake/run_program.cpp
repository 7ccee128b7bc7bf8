#include "run_program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

extern char** environ;

namespace tracuu::intake {
namespace {

// Closes a pipe's ends on every path out of run_program.
struct Pipe {
  int fd[2] = {-1, -1};
  ~Pipe() {
    for (int f : fd) {
      if (f >= 0) ::close(f);
    }
  }
  // The parent closes the child's ends so it sees end of file when the child exits.
  void close_end(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
};

// Appends what is ready on `fd`; false at end of file.
bool drain(int fd, std::string& into) {
  char buf[65536];
  ssize_t got = ::read(fd, buf, sizeof buf);
  if (got > 0) {
    into.append(buf, static_cast<size_t>(got));
    return true;
  }
  return got < 0 && (errno == EINTR || errno == EAGAIN);
}

// The child's exit code, or -1 when a signal ended it; never leaves a zombie.
int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

// Both pipes are read as data comes, so a child that fills one cannot block.
Result<ProgramOutput> run_program(const std::vector<std::string>& argv,
                                  const ProgramLimits& limits) {
  Pipe out, err;
  if (::pipe2(out.fd, O_CLOEXEC) != 0 || ::pipe2(err.fd, O_CLOEXEC) != 0) {
    return Status::unavailable("cannot create a pipe");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return Status::unavailable(argv[0] + " is not installed");
  out.close_end(1);
  err.close_end(1);

  ProgramOutput result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits.seconds);
  bool out_open = true, err_open = true, killed = false;
  while ((out_open || err_open) && !killed) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || result.out.size() > limits.max_output) {
      ::kill(pid, SIGKILL);
      killed = true;
      break;
    }
    pollfd fds[2] = {{out_open ? out.fd[0] : -1, POLLIN, 0},
                     {err_open ? err.fd[0] : -1, POLLIN, 0}};
    if (::poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      out_open = drain(out.fd[0], result.out);
    }
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      err_open = drain(err.fd[0], result.err);
      if (result.err.size() > limits.max_output) result.err.resize(limits.max_output);
    }
  }
  result.exit_code = wait_for(pid);
  if (killed) {
    return Status::invalid_argument(argv[0] + " took too long or printed too much on this file");
  }
  return result;
}

// mkstemps: a name no other reader process can take, with the format's suffix.
Result<TempInput> TempInput::write(std::string_view bytes, const char* suffix) {
  std::string path = (std::filesystem::temp_directory_path() / "tracuu-read-XXXXXX").string();
  path += suffix;
  int fd = ::mkstemps(path.data(), static_cast<int>(std::strlen(suffix)));
  if (fd < 0) return Status::unavailable("cannot create a temporary file");
  TempInput input(path);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t put = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) {
      ::close(fd);
      return Status::unavailable("cannot write a temporary file");
    }
    done += static_cast<size_t>(put);
  }
  ::close(fd);
  return input;
}

// The copy of the file never outlives its reading.
TempInput::~TempInput() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

}  // namespace tracuu::intake
