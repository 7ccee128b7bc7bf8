// Internal: runs a converter program (antiword) on a file and collects what it prints, with
// bounds on time and output, so that a converter stuck on a hostile file cannot hang intake.
#pragma once

#include <string>
#include <vector>

#include "tracuu/status.hpp"

namespace tracuu::intake {

struct ProgramOutput {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;     // standard output
  std::string err;     // standard error
};

struct ProgramLimits {
  int seconds = 60;               // wall clock, then the program is killed
  size_t max_output = 64u << 20;  // bytes of standard output, then it is killed
};

// Runs `argv` (argv[0] looked up on the PATH; no shell). kUnavailable when the program
// cannot be started, kInvalidArgument when it had to be killed for a limit.
Result<ProgramOutput> run_program(const std::vector<std::string>& argv,
                                  const ProgramLimits& limits = {});

// A temporary file holding `bytes`, removed when this goes out of scope: converters that
// seek in their input want a file, not a pipe.
class TempInput {
 public:
  static Result<TempInput> write(std::string_view bytes, const char* suffix);
  TempInput(TempInput&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempInput& operator=(TempInput&&) = delete;
  TempInput(const TempInput&) = delete;
  ~TempInput();
  const std::string& path() const { return path_; }

 private:
  explicit TempInput(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace tracuu::intake
