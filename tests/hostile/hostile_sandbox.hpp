#pragma once
// A throw-away world for the hostile tests: a temp folder holding a tiny
// scenario, a "home" with the user's own files and a working folder inside
// it. Every provsim started here runs with its working folder and HOME in
// the sandbox, so even a regression that deleted "." or ".." or "~" could
// only delete the sandbox.
//
// snapshot() records every file's bytes, every link's target and every
// folder, so a test can show that nothing of the user's changed.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {

namespace fs = std::filesystem;

// path (relative) -> "F:" bytes, "L:" link target, "D" folder, "O" other
using Snapshot = std::map<std::string, std::string>;

inline Snapshot snapshot(const fs::path& root) {
  Snapshot s;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(root, ec))) return s;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::none, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    const std::string rel = p.lexically_relative(root).string();
    const auto st = fs::symlink_status(p);
    if (fs::is_symlink(st)) s[rel] = "L:" + fs::read_symlink(p).string();
    else if (fs::is_regular_file(st)) s[rel] = "F:" + read_file(p);
    else if (fs::is_directory(st)) s[rel] = "D";
    else s[rel] = "O";
  }
  return s;
}

// The lines of `text` (a trailing newline ends the last line).
inline std::size_t line_count(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n + (!text.empty() && text.back() != '\n');
}

struct Sandbox {
  fs::path root;      // everything lives here
  fs::path scenario;  // root/scen: baseline, shortened
  fs::path home;      // root/home: the user's files
  fs::path work;      // root/home/work: the working folder

  explicit Sandbox(const std::string& tag) {
    root = fs::weakly_canonical(temp_dir("hostile-" + tag));
    scenario = root / "scen";
    fs::copy(source_path("scenarios/baseline"), scenario, fs::copy_options::recursive);
    replace_in(scenario / "scenario.ini", "duration = 3d", "duration = 2h");
    home = root / "home";
    work = home / "work";
    fs::create_directories(work);
    write_file(home / "thesis.txt", "four years of work\n");
    write_file(work / "notes.txt", "do not lose\n");
    fs::create_directories(home / "docs" / "deep");
    write_file(home / "docs" / "a.txt", "alpha\n");
    write_file(home / "docs" / "deep" / "b.bin", std::string("\0\1\2binary", 9));
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // provsim ARGS from the working folder (or `cwd`), with a timeout.
  ProcessResult provsim(const std::string& args, const fs::path& cwd = {}) const {
    return run_provsim_in(cwd.empty() ? work : cwd, args);
  }
  std::string q(const fs::path& p) const { return shell_quoted(p.string()); }

  // Everything of the user's: the scenario and the home folder.
  Snapshot user_files() const {
    Snapshot s;
    for (const auto& [k, v] : snapshot(scenario)) s["scen/" + k] = v;
    for (const auto& [k, v] : snapshot(home)) s["home/" + k] = v;
    return s;
  }
};

// A refusal as the contract promises it: exit 2, one line on stderr that
// names the path, nothing on stdout.
inline void expect_refusal(const ProcessResult& r, const std::string& path_part, const std::string& reason) {
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find(path_part), std::string::npos) << "the error should name " << path_part << ": " << r.err;
  EXPECT_NE(r.err.find(reason), std::string::npos) << "the error should say " << reason << ": " << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
}

// No hidden temporary folder or file provsim makes beside its outputs is left.
inline bool has_partials(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().find(".partial-") != std::string::npos) return true;
  return false;
}

}  // namespace provsim::testing
