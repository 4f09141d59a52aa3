#pragma once
// What the harness tests share: reading a run's harness files, comparing
// its results with the reference's alone, and a port nobody listens on.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {

// Lines of a CSV file after its header.
inline std::size_t data_rows(const std::filesystem::path& csv) {
  const std::string text = read_file(csv);
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines == 0 ? 0 : lines - 1;
}

// The JUnit testcase of a component's divergence kind failed?
inline bool kind_failed(const std::string& junit, const std::string& component, const std::string& kind) {
  const std::string name = "harness." + component + ".divergences." + kind + " == 0";
  const auto at = junit.find(name);
  if (at == std::string::npos) return false;
  const auto end = junit.find("</testcase>", at);
  const auto next = junit.find("<testcase", at);
  const auto failure = junit.find("<failure", at);
  return failure != std::string::npos && failure < end && (next == std::string::npos || failure < next);
}

// The files a run with a system under test writes besides the reference's.
inline const std::set<std::string> kHarnessFiles = {"divergences.csv", "sut_requests.csv"};

// Every file of `alone` is in `with` with the same bytes, but for what
// tells the runs apart: summary.json's harness metrics and wall-clock
// figures, and the report page that shows them.
inline void expect_same_results(const std::filesystem::path& alone, const std::filesystem::path& with) {
  namespace fs = std::filesystem;
  std::size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(alone)) {
    const std::string name = entry.path().filename().string();
    if (name == "report.html" || name == "summary.json" || name == ".provsim-results") continue;
    EXPECT_EQ(read_file(with / name), read_file(entry.path())) << name;
    ++compared;
  }
  EXPECT_GT(compared, 5u);
  const auto figures = [](const fs::path& summary) {
    std::string out;
    for (const std::string& line : lines(read_file(summary)))
      if (line.find("\"harness.") == std::string::npos && line.find("wall") == std::string::npos) out += line + "\n";
    return out;
  };
  EXPECT_EQ(figures(with / "summary.json"), figures(alone / "summary.json"));
  for (const auto& entry : fs::directory_iterator(with)) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(kHarnessFiles.count(name), fs::exists(alone / name) ? 0u : 1u) << name;
  }
}

// `provsim serve COMPONENT` for the scenario folders `scenarios` (relative
// to the source tree) on 127.0.0.1 at a port it picks, then `more`.
inline std::vector<std::string> serve_command_line(const std::string& component,
                                                   const std::vector<std::string>& scenarios,
                                                   const std::vector<std::string>& more) {
  std::vector<std::string> a = {PROVSIM_BINARY, "serve", component, "--listen", "127.0.0.1:0"};
  for (const auto& s : scenarios) {
    a.push_back("--scenario");
    a.push_back(source_path(s).string());
  }
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

// A shipped conformance scenario's folder, relative to the source tree.
inline std::string conformance(const std::string& name) { return "scenarios/conformance/" + name; }

// A scenario a harness test runs, with the settings that shorten it.
struct Case {
  std::string name;
  std::string set;  // e.g. "--set run.duration=2d"
};

// `provsim run SCENARIO --out WORK/OUT -q EXTRA` in `work`, at most 300 s.
inline ProcessResult run(const std::filesystem::path& work, const std::string& scenario, const std::string& out,
                         const std::string& extra) {
  return run_provsim_in(work,
                        "run " + shell_quoted(source_path(scenario).string()) + " --out " +
                            shell_quoted((work / out).string()) + " -q " + extra,
                        300);
}

// A port nobody listens on: bound, then closed.
inline int closed_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(s);
  return ntohs(a.sin_port);
}

}  // namespace provsim::testing
