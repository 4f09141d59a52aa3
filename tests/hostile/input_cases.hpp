#pragma once
// Hostile and careless scenario input, table-driven: each case copies a
// small shipped scenario, breaks one thing, and runs the real binary with a
// time limit. The bad-input promise it checks: exit code 2, exactly one line
// on stderr naming file, line and field, the same line from `validate` and
// from `run`, no results folder (not even a partial one), and no hang.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {

// The base of every case: 20 lines, five hosts, no arrivals (it runs in a
// fraction of a second).
inline constexpr const char* kHostileBase = "conformance/bsp-purchases";

// The longest any one command may take; a case that needs it has hung.
inline constexpr int kTimeLimitSeconds = 60;

struct HostileCase {
  std::string name;
  std::function<void(const std::filesystem::path& dir)> mutate;  // breaks the copy
  std::string expected;  // a piece of the error line: "hosts.csv:3: speed: must be"
  std::string extra_args = "";  // after the scenario folder, e.g. "--cfg=..."
  std::string base = kHostileBase;  // the shipped scenario the case breaks
  friend void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }
};

// `provsim ARGS` under timeout(1), which exits 124 when the limit is reached.
inline ProcessResult run_limited(const std::string& args) {
  return run_provsim(args, {.timeout_seconds = kTimeLimitSeconds});
}

// A copy of the base scenario in a fresh temp folder (the folder holds
// nothing else, so anything a command leaves there shows).
inline std::filesystem::path copy_base(const std::string& tag, const std::string& base = kHostileBase) {
  const auto dir = temp_dir(tag) / std::filesystem::path(base).filename();
  std::filesystem::copy(source_path("scenarios/" + base), dir, std::filesystem::copy_options::recursive);
  return dir;
}

inline std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Nothing in `parent` but the scenario copy: no results, no hidden partial folder.
inline void expect_nothing_written(const std::filesystem::path& parent, const std::filesystem::path& scenario) {
  for (const auto& entry : std::filesystem::directory_iterator(parent))
    EXPECT_EQ(entry.path(), scenario) << "left behind: " << entry.path();
}

// validate and run both refuse with the same single line holding `expected`.
inline void expect_refused(const HostileCase& c) {
  const auto scenario = copy_base("hostile", c.base);
  const auto parent = scenario.parent_path();
  c.mutate(scenario);
  const ProcessResult v = run_limited("validate " + quoted(scenario) + " " + c.extra_args);
  const ProcessResult r =
      run_limited("run " + quoted(scenario) + " --quiet --out " + quoted(parent / "results") + " " + c.extra_args);
  EXPECT_EQ(v.exit_code, 2) << "validate stderr: " << v.err;
  EXPECT_EQ(r.exit_code, 2) << "run stderr: " << r.err;
  EXPECT_EQ(std::count(v.err.begin(), v.err.end(), '\n'), 1) << v.err;
  EXPECT_NE(v.err.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << v.err;
  EXPECT_EQ(v.err, r.err) << "validate and run disagree";
  EXPECT_EQ(v.err.rfind("provsim: ", 0), 0u) << v.err;
  expect_nothing_written(parent, scenario);
  std::filesystem::remove_all(parent);
}

// Edits for the cases.
inline auto replace(const std::string& file, const std::string& from, const std::string& to) {
  return [=](const std::filesystem::path& dir) { replace_in(dir / file, from, to); };
}
inline auto append(const std::string& file, const std::string& text) {
  return [=](const std::filesystem::path& dir) { write_file(dir / file, read_file(dir / file) + text); };
}
inline auto put(const std::string& file, const std::string& text) {
  return [=](const std::filesystem::path& dir) { write_file(dir / file, text); };
}
// A key added to a section of scenario.ini (the section is added at the end).
inline auto ini(const std::string& section, const std::string& line) {
  return append("scenario.ini", "\n[" + section + "]\n" + line + "\n");
}
template <typename A, typename B>
auto both(A a, B b) {
  return [=](const std::filesystem::path& dir) {
    a(dir);
    b(dir);
  };
}
inline auto nothing() {
  return [](const std::filesystem::path&) {};
}

}  // namespace provsim::testing
