// `provsim run`, `check` and `validate` through the real binary, end to
// end: the results folder a run writes (and nothing half-written beside
// it), the exit codes of check, the help, and bad settings and tables
// refused with one line and exit code 2 before anything runs. The tests of
// what a run computes make their runs inside the test process instead
// (in_process_run.hpp); bad_input_test.cpp holds the cases of each table.

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

const char* const kFiles[] = {"summary.json", "metrics.csv", "orders.csv", "rated_events.csv",
                              "invoices.csv", "settlement.csv", "suspense.csv", "report.html"};

// `provsim run DIR --quiet ARGS --out <beside DIR>/results`; then the
// scenario folder's parent is removed.
ProcessResult run_and_remove(const fs::path& dir, const std::string& args) {
  const fs::path out = dir.parent_path() / "results";
  ProcessResult r = run_provsim("run '" + dir.string() + "' --quiet " + args + " --out '" + out.string() + "'");
  fs::remove_all(dir.parent_path());
  return r;
}

// A run of a changed scenario: what it printed and its exit code.
struct Outcome {
  ProcessResult process;
};

// The baseline (one day) with `outages` as its outages.csv.
Outcome run_with(const std::string& outages, const std::string& sets, const std::string& tag) {
  const fs::path dir = copy_scenario("baseline", tag);
  if (!outages.empty()) write_file(dir / "outages.csv", "target,kind,start,duration\n" + outages);
  return Outcome{run_and_remove(dir, "--set run.duration=1d " + sets)};
}

// The platform crash conformance scenario with `outages`.
Outcome run_crash(const std::string& outages, const std::string& sets, const std::string& tag) {
  const fs::path dir = temp_dir(tag) / "platform-crash";
  fs::copy(source_path("scenarios/conformance/platform-crash-sync"), dir, fs::copy_options::recursive);
  write_file(dir / "outages.csv", "target,kind,start,duration\n" + outages);
  return Outcome{run_and_remove(dir, sets)};
}

// The failover conformance scenario for 12 hours with `outages` (none when
// empty) and `standby` as the standby host's row of hosts.csv.
Outcome run_failover(const std::string& outages, const std::string& standby, const std::string& sets,
                     const std::string& tag) {
  const fs::path dir = temp_dir(tag) / "platform-failover";
  fs::copy(source_path("scenarios/conformance/platform-failover"), dir, fs::copy_options::recursive);
  if (outages.empty())
    fs::remove(dir / "outages.csv");
  else
    write_file(dir / "outages.csv", "target,kind,start,duration\n" + outages);
  replace_in(dir / "hosts.csv", "standby-1,standby,,4Gf,1Gbps,1ms\n", standby);
  return Outcome{run_and_remove(dir, "--set run.duration=12h --set population.initial=150 " + sets)};
}

const char* kNearStandby = "standby-1,standby,,4Gf,1Gbps,1ms\n";

TEST(BaselineRun, WritesEveryResultsFile) {
  const fs::path out = temp_dir("files") / "results";
  const ProcessResult r = run_provsim("run '" + source_path("scenarios/baseline").string() +
                                      "' --quiet --seed 1 --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : kFiles) EXPECT_TRUE(fs::is_regular_file(out / f)) << f;
  // No half-written folder is left beside it.
  for (const auto& entry : fs::directory_iterator(out.parent_path()))
    EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos) << entry.path();
  fs::remove_all(out.parent_path());
}

TEST(CheckCommand, PassingScenarioExitsZeroAndWritesJunit) {
  const fs::path out = temp_dir("check-pass");
  const ProcessResult r =
      run_provsim("check '" + source_path("scenarios/baseline").string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("PASS  baseline: money.conserved == true"), std::string::npos) << r.out;
  const std::string junit = read_file(out / "junit.xml");
  EXPECT_NE(junit.find("<testsuite"), std::string::npos);
  EXPECT_NE(junit.find("name=\"seed\""), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(out / "baseline" / "summary.json"));
  fs::remove_all(out);
}

TEST(CheckCommand, FailingExpectationExitsOne) {
  const fs::path dir = copy_scenario("baseline", "check-fail");
  replace_in(dir / "scenario.ini", "orders.completed >= 500", "orders.completed >= 999999");
  const fs::path out = dir.parent_path() / "out";
  const ProcessResult r = run_provsim("check '" + dir.string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL  baseline: orders.completed >= 999999"), std::string::npos) << r.out;
  EXPECT_NE(read_file(out / "junit.xml").find("<failure"), std::string::npos);
  fs::remove_all(dir.parent_path());
}

TEST(CheckCommand, BadScenarioExitsTwoBeforeRunningAnything) {
  const fs::path dir = copy_scenario("baseline", "check-bad");
  replace_in(dir / "scenario.ini", "workers = 16", "workers = -1");
  const fs::path out = dir.parent_path() / "out";
  const ProcessResult r = run_provsim("check '" + source_path("scenarios/baseline").string() + "' '" + dir.string() +
                                      "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_FALSE(fs::exists(out / "baseline"));  // the good one did not run either
  fs::remove_all(dir.parent_path());
}

TEST(Help, EverySubcommandExplainsItself) {
  for (const char* command : {"run", "check", "validate"}) {
    const ProcessResult r = run_provsim(std::string(command) + " --help");
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.out.find("usage: provsim " + std::string(command)), std::string::npos) << r.out;
  }
  const ProcessResult keys = run_provsim("validate --keys");
  EXPECT_NE(keys.out.find("arrival_rate"), std::string::npos);
}

TEST(Channels, AnIspCsrShareWithNoAgentsIsAnInputErrorNamingTheKey) {
  const ProcessResult r = run_provsim("validate '" + source_path("scenarios/baseline").string() +
                                      "' --set channel.isp_csr.agents=0");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("channel.isp_csr.agents"), std::string::npos) << r.err;
}

TEST(Channels, AnNpCsrShareWithNoAgentsIsAnInputErrorNamingTheKey) {
  const ProcessResult r = run_provsim("validate '" + source_path("scenarios/conformance/register-np-csr").string() +
                                      "' --set channel.np_csr.agents=0");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("channel.np_csr.agents"), std::string::npos) << r.err;
}

TEST(FaultTables, UnknownHostIsRejectedWithItsLine) {
  const Outcome o = run_with("netco-1,host,1h,1h\nnowhere-1,host,2h,1h\n", "", "bad-host");
  EXPECT_EQ(o.process.exit_code, 2);
  EXPECT_NE(o.process.err.find("outages.csv:3: target: unknown host 'nowhere-1'"), std::string::npos)
      << o.process.err;
}

TEST(FaultTables, PlatformHostCannotGoDown) {
  const Outcome o = run_with("platform-1,host,1h,1h\n", "", "platform");
  EXPECT_EQ(o.process.exit_code, 2);
  EXPECT_NE(o.process.err.find("outages.csv:2: target:"), std::string::npos) << o.process.err;
}

TEST(FaultTables, BadKindAndOverlapsAreRejected) {
  EXPECT_NE(run_with("netco-1,switch,1h,1h\n", "", "kind").process.err.find("outages.csv:2: kind:"),
            std::string::npos);
  const Outcome o = run_with("netco-1,host,1h,2h\nnetco-1,host,2h,1h\n", "", "overlap");
  EXPECT_EQ(o.process.exit_code, 2);
  EXPECT_NE(o.process.err.find("outages.csv:3: start: overlaps"), std::string::npos) << o.process.err;
}

TEST(PlatformCrash, WithoutDurabilityThePlatformHostCannotGoDown) {
  const Outcome o = run_crash("platform-1,host,1h,1h\n", "--set durability.enabled=false", "refused");
  EXPECT_EQ(o.process.exit_code, 2);
  EXPECT_NE(o.process.err.find("outages.csv:2: target: the platform host can only be taken down with "
                               "durability.enabled = true"),
            std::string::npos)
      << o.process.err;
}

TEST(PlatformFailover, BadSettingsAreRefusedBeforeAnythingRuns) {
  struct Case {
    std::string outages, standby, sets, message;
  };
  const Case cases[] = {
      {"", "", "--set durability.failover=shared",
       "durability.failover: needs a host of zone standby in hosts.csv to take over"},
      {"", kNearStandby, "--set durability.failover=replicated --set durability.enabled=false",
       "durability.failover: needs durability.enabled = true"},
      {"platform-1,host,3h,1h\n", kNearStandby, "--set durability.crash_at=12600s",
       "durability.crash_at: the crash overlaps an outage of the platform host in outages.csv"},
      {"standby-1,host,3h,1h\n", kNearStandby, "--set durability.failover=none --set durability.enabled=false",
       "outages.csv:2: target: the standby host can only be taken down with durability.enabled = true"},
      {"", kNearStandby + std::string("standby-2,standby,,4Gf,1Gbps,1ms\n"), "",
       "hosts.csv:9: zone: a second standby host (one at most: 'standby-1')"},
  };
  for (const Case& c : cases) {
    const Outcome o = run_failover(c.outages, c.standby, c.sets, "bad");
    EXPECT_EQ(o.process.exit_code, 2) << c.message;
    EXPECT_NE(o.process.err.find(c.message), std::string::npos) << o.process.err;
    EXPECT_EQ(std::count(o.process.err.begin(), o.process.err.end(), '\n'), 1) << o.process.err;
  }
}

}  // namespace
}  // namespace provsim::testing
