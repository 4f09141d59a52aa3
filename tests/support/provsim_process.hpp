#pragma once
// Runs the real provsim binary for tests and captures what it prints, and
// makes throw-away copies of scenario folders to break or tweak.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include <unistd.h>

namespace provsim::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A fresh empty folder under the system's temp dir, removed by the caller.
inline std::filesystem::path temp_dir(const std::string& tag) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() /
             ("provsim-test-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir;
}

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

inline std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(PROVSIM_SOURCE_DIR) / relative;
}

// A copy of a shipped scenario in a temp folder, for a test to modify.
inline std::filesystem::path copy_scenario(const std::string& name, const std::string& tag) {
  const auto dir = temp_dir(tag) / name;
  std::filesystem::copy(source_path("scenarios/" + name), dir, std::filesystem::copy_options::recursive);
  return dir;
}

// Replaces the first occurrence of `from` by `to` in a file; throws if absent.
// The non-empty lines of `text` (a command's output, a CSV file).
inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

inline void replace_in(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in " + file.string() + ": " + from);
  text.replace(at, from.size(), to);
  write_file(file, text);
}

}  // namespace provsim::testing
