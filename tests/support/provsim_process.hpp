#pragma once
// Runs the real provsim binary for tests and captures what it prints (the
// file helpers come with it: scenario_files.hpp). Tests that only need a
// run's results run it in process instead (in_process_run.hpp).

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>
#include <unistd.h>

#include "tests/support/scenario_files.hpp"

namespace provsim::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// `text` quoted for a POSIX shell, whatever bytes it holds.
inline std::string shell_quoted(const std::string& text) {
  std::string q = "'";
  for (char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// How to start provsim for a test.
struct ProvsimOptions {
  // Where it starts, with HOME set to it too (so a path relative to the
  // working folder or home stays inside the test's folder); empty: the
  // test's own working folder and HOME.
  std::filesystem::path cwd = {};
  // Stopped after this long by timeout(1) (exit code 124 then), so a test
  // never hangs; 0: no limit.
  int timeout_seconds = 0;
};

// `provsim ARGS` with stdout and stderr captured through files, stdin empty.
inline ProcessResult run_provsim(const std::string& args, const ProvsimOptions& options = {}) {
  const auto dir = temp_dir("proc");
  std::string command;
  if (!options.cwd.empty())
    command = "cd " + shell_quoted(options.cwd.string()) + " && HOME=" + shell_quoted(options.cwd.string()) + " ";
  if (options.timeout_seconds > 0) command += "timeout -k 5 " + std::to_string(options.timeout_seconds) + " ";
  command += shell_quoted(PROVSIM_BINARY) + " " + args + " >" + shell_quoted((dir / "out").string()) + " 2>" +
             shell_quoted((dir / "err").string()) + " </dev/null";
  const int status = std::system(command.c_str());
  ProcessResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir / "out");
  r.err = read_file(dir / "err");
  std::filesystem::remove_all(dir);
  return r;
}

// The same started in `cwd`, stopped after `timeout_seconds`.
inline ProcessResult run_provsim_in(const std::filesystem::path& cwd, const std::string& args,
                                    int timeout_seconds = 120) {
  return run_provsim(args, {cwd, timeout_seconds});
}

}  // namespace provsim::testing
