// `provsim report RESULTS_DIR --out FILE` replaces only a report provsim
// wrote. The results folder here is written by hand (summary.json and one
// table), so no simulation runs.

#include <sys/stat.h>

#include <functional>

#include "reports/html_report.hpp"
#include "reports/output_folder.hpp"
#include "tests/hostile/hostile_sandbox.hpp"

namespace provsim::testing {
namespace {

// A results folder the report command can read.
fs::path results_folder(const Sandbox& s) {
  const fs::path dir = s.root / "res";
  fs::create_directories(dir);
  write_file(dir / "summary.json",
             "{\"scenario\": \"scen\", \"seed\": 1, \"scenario_hash\": \"0123456789abcdef\", \"version\": \"0\", "
             "\"simulated_seconds\": 3600, \"events\": 10, \"metrics\": {\"orders.completed\": 3}}\n");
  write_file(dir / "orders.csv", "id,outcome\n1,completed\n");
  return dir;
}

struct ReportCase {
  std::string name;
  std::function<fs::path(const Sandbox&, const fs::path& results)> setup;  // the FILE (empty: no --out)
  std::function<fs::path(const Sandbox&, const fs::path& results)> named;  // the path in the error
  std::string reason;
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const ReportCase& c, std::ostream* os) { *os << c.name; }

std::vector<ReportCase> cases() {
  return {
      {"AUserTextFile", [](const Sandbox& s, const fs::path&) { return s.home / "thesis.txt"; },
       [](const Sandbox& s, const fs::path&) { return s.home / "thesis.txt"; }, "provsim did not write"},
      {"AUserWebPage",
       [](const Sandbox& s, const fs::path&) {
         write_file(s.home / "index.html", "<!DOCTYPE html>\n<html><head><title>mine</title></head></html>\n");
         return s.home / "index.html";
       },
       [](const Sandbox& s, const fs::path&) { return s.home / "index.html"; }, "provsim did not write"},
      {"AFolder", [](const Sandbox& s, const fs::path&) { return s.home / "docs"; },
       [](const Sandbox& s, const fs::path&) { return s.home / "docs"; }, "it is a folder"},
      {"TheWorkingFolder", [](const Sandbox&, const fs::path&) { return fs::path("."); },
       [](const Sandbox& s, const fs::path&) { return s.work; }, "it is a folder"},
      {"ALinkToAUserFile",
       [](const Sandbox& s, const fs::path&) {
         fs::create_symlink(s.home / "thesis.txt", s.home / "t-link");
         return s.home / "t-link";
       },
       [](const Sandbox& s, const fs::path&) { return s.home / "t-link"; }, "symbolic link"},
      {"ADanglingLink",
       [](const Sandbox& s, const fs::path&) {
         fs::create_symlink(s.home / "none", s.home / "d-link");
         return s.home / "d-link";
       },
       [](const Sandbox& s, const fs::path&) { return s.home / "d-link"; }, "symbolic link"},
      {"TheResultsTable", [](const Sandbox&, const fs::path& r) { return r / "orders.csv"; },
       [](const Sandbox&, const fs::path& r) { return r / "orders.csv"; }, "provsim did not write"},
      {"TheSummary", [](const Sandbox&, const fs::path& r) { return r / "summary.json"; },
       [](const Sandbox&, const fs::path& r) { return r / "summary.json"; }, "provsim did not write"},
      {"AFifo",
       [](const Sandbox& s, const fs::path&) {
         ::mkfifo((s.home / "pipe").c_str(), 0600);
         return s.home / "pipe";
       },
       [](const Sandbox& s, const fs::path&) { return s.home / "pipe"; }, "not a regular file"},
      {"AParentThatIsALinkLoop",
       [](const Sandbox& s, const fs::path&) {
         fs::create_symlink(s.home / "loop", s.home / "loop");
         return s.home / "loop" / "r.html";
       },
       [](const Sandbox& s, const fs::path&) { return s.home / "loop" / "r.html"; }, "cannot resolve"},
      // Without --out the report goes to RESULTS_DIR/report.html: a user's
      // file of that name is not replaced either.
      {"TheDefaultReportIsAUserFile",
       [](const Sandbox&, const fs::path& r) {
         write_file(r / "report.html", "my own report, typed by hand\n");
         return fs::path();
       },
       [](const Sandbox&, const fs::path& r) { return r / "report.html"; }, "provsim did not write"},
  };
}

class HostileReportOut : public ::testing::TestWithParam<ReportCase> {};

TEST_P(HostileReportOut, IsRefusedAndNothingIsLost) {
  const Sandbox s("report-out");
  const ReportCase& c = GetParam();
  const fs::path results = results_folder(s);
  const fs::path file = c.setup(s, results);
  const Snapshot whole = snapshot(s.root);
  const ProcessResult r =
      s.provsim("report " + s.q(results) + (file.empty() ? std::string() : " --out " + s.q(file)));
  expect_refusal(r, c.named(s, results).string(), c.reason);
  EXPECT_EQ(snapshot(s.root), whole);
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileReportOut, ::testing::ValuesIn(cases()),
                         [](const auto& test) { return test.param.name; });

TEST(HostileReportOut, ANewFileIsWrittenWithTheGeneratorTagAndCanBeReplaced) {
  const Sandbox s("report-new");
  const fs::path results = results_folder(s);
  const fs::path file = s.root / "copy.html";
  const ProcessResult first = s.provsim("report " + s.q(results) + " --out " + s.q(file));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string html = read_file(file);
  EXPECT_NE(html.find(reports::kGeneratorMeta), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_NE(st.st_mode & S_IROTH, 0u) << "readable like any other output";
  const ProcessResult second = s.provsim("report " + s.q(results) + " --out " + s.q(file));
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(read_file(file), html);
  EXPECT_FALSE(has_partials(s.root));
}

// Reports written before the generator tag begin with the same head; they
// may be written again after an upgrade.
TEST(HostileReportOut, AReportOfAnOlderProvsimIsReplaced) {
  const Sandbox s("report-old");
  const fs::path results = results_folder(s);
  write_file(results / "report.html",
             "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>provsim: scen (seed 1)"
             "</title>\n</head><body>old</body></html>\n");
  const ProcessResult r = s.provsim("report " + s.q(results));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(results / "report.html").find(reports::kGeneratorMeta), std::string::npos);
}

TEST(HostileReportOut, ResultsFolderThatIsALinkLoopIsBadInput) {
  const Sandbox s("report-loop");
  fs::create_symlink(s.root / "rloop", s.root / "rloop");
  const ProcessResult r = s.provsim("report " + s.q(s.root / "rloop"));
  expect_refusal(r, (s.root / "rloop").string(), "not a results folder");
}

}  // namespace
}  // namespace provsim::testing
