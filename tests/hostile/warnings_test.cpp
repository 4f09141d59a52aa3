// Settings that are allowed but probably not meant: validate and run warn
// on stderr in the error line's form (file, line, key) and go on; nothing
// is refused, and a setting that is fine gives no warning.

#include <sstream>

#include "tests/hostile/input_cases.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

// How many lines of `err` hold `piece`.
std::size_t lines_with(const std::string& err, const std::string& piece) {
  std::size_t n = 0;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) n += line.find(piece) != std::string::npos;
  return n;
}

struct Warned {
  ProcessResult validate, run;
  fs::path results;
  fs::path scenario;
};

// The 1-based number of the line of `file` that is `text`; 0 if none.
unsigned line_of(const fs::path& file, const std::string& text) {
  std::istringstream in(read_file(file));
  unsigned n = 0;
  for (std::string line; std::getline(in, line);)
    if (++n, line == text) return n;
  return 0;
}

Warned validate_and_run(const std::function<void(const fs::path&)>& mutate, const std::string& args) {
  const fs::path scenario = copy_base("warn");
  mutate(scenario);
  Warned w;
  w.scenario = scenario;
  w.results = scenario.parent_path() / "results";
  w.validate = run_limited("validate " + quoted(scenario) + " " + args);
  w.run = run_limited("run " + quoted(scenario) + " --quiet --set run.duration=2h --out " + quoted(w.results) + " " +
                      args);
  return w;
}

const std::string kWarning = "provsim: warning: ";

TEST(Warnings, AGroupLongerThanTheFeedsPatienceIsWarnedOfNotRefused) {
  const Warned w = validate_and_run(ini("durability", "enabled = true\nrating.commit = group\ngroup_interval = 5m"), "");
  for (const ProcessResult* p : {&w.validate, &w.run}) {
    EXPECT_EQ(p->exit_code, 0) << p->err;
    const unsigned line = line_of(w.scenario / "scenario.ini", "group_interval = 5m");
    ASSERT_GT(line, 0u);
    EXPECT_EQ(lines_with(p->err, kWarning + (w.scenario / "scenario.ini").string() + ":" + std::to_string(line) +
                                     ": durability.group_interval: "),
              1u)
        << p->err;
    EXPECT_EQ(lines_with(p->err, "durability.group_interval: longer than bsp.ack_timeout (60 s)"), 1u) << p->err;
  }
  EXPECT_TRUE(fs::exists(w.results / "summary.json"));
}

TEST(Warnings, AnOverrideIsNamedAsTheOrigin) {
  const Warned w = validate_and_run(nothing(),
                                    "--set durability.enabled=true --set durability.rating.commit=group "
                                    "--set durability.group_interval=2m");
  for (const ProcessResult* p : {&w.validate, &w.run}) {
    EXPECT_EQ(p->exit_code, 0) << p->err;
    EXPECT_EQ(lines_with(p->err, kWarning + "--set: durability.group_interval: longer than bsp.ack_timeout"), 1u)
        << p->err;
  }
}

TEST(Warnings, NoWarningWhenTheFeedsWaitLongEnoughOrRatingWaitsForEachWrite) {
  const Warned patient = validate_and_run(nothing(),
                                          "--set durability.enabled=true --set durability.rating.commit=group "
                                          "--set durability.group_interval=5m --set bsp.ack_timeout=10m");
  const Warned sync = validate_and_run(nothing(), "--set durability.enabled=true --set durability.group_interval=5m");
  for (const ProcessResult* p : {&patient.validate, &patient.run, &sync.validate, &sync.run}) {
    EXPECT_EQ(p->exit_code, 0) << p->err;
    EXPECT_EQ(p->err.find(kWarning), std::string::npos) << p->err;
  }
}

}  // namespace
}  // namespace provsim::testing
