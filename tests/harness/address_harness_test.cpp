// The IP address server harness end to end: `provsim serve address` as the
// system under test, `provsim run --sut address=...` judging it. A faithful
// server passes every conformance scenario that reaches the address server
// with zero divergences in both modes, and the results are byte for byte
// those of the reference alone; each planted fault is caught with its
// named verdict and exit code 1; an unreachable system stops the run with
// exit code 2 before it starts.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/harness/harness_support.hpp"
#include "tests/harness/served_process.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

// Conformance scenarios that between them reach every outcome of the
// address server: loans from the reserve and pre-emption (their week-long
// runs cut to two days: the pools are full within hours), leases forgotten
// at a failover, and bindings made and removed. Every shipped conformance
// scenario runs against the served reference in the release checks
// (tests/harness/conformance_against_serve.sh); here a few run under the
// sanitizers.
const std::vector<Case> kScenarios = {
    {"ip-borrow", "--set run.duration=2d"},
    {"ip-preempt", "--set run.duration=2d"},
    {"platform-failover", ""},
    {"deprovisioning", ""},
};

std::vector<std::string> serve_args(const std::vector<std::string>& scenarios,
                                    const std::vector<std::string>& more = {}) {
  return serve_command_line("address", scenarios, more);
}

// One run with the address server at `url` under test.
ProcessResult run_sut(const fs::path& work, const std::string& scenario, const std::string& url,
                      const std::string& mode, const std::string& extra = "") {
  return run(work, scenario, "out-" + mode,
             "--sut address=" + url + " --sut-mode " + mode + " --junit " +
                 shell_quoted((work / "junit.xml").string()) + " " + extra);
}

class AddressHarness : public ::testing::Test {
 protected:
  void SetUp() override { work_ = temp_dir("address-harness"); }
  void TearDown() override { fs::remove_all(work_); }
  fs::path work_;
};

// Shadow: the reference drives and the server's answers match every one.
// Drive: the server's answers and effects schedule the sessions, the loans
// and the blocks; the results come out exactly as the reference's alone.
TEST_F(AddressHarness, FaithfulServerPassesConformanceInBothModes) {
  std::vector<std::string> dirs;
  for (const auto& c : kScenarios) dirs.push_back(conformance(c.name));
  ServedProcess server(serve_args(dirs));
  for (const auto& c : kScenarios) {
    SCOPED_TRACE(c.name);
    const auto alone = run(work_, conformance(c.name), "out-alone", c.set);
    ASSERT_EQ(alone.exit_code, 0) << alone.err;
    for (const std::string mode : {"shadow", "drive"}) {
      SCOPED_TRACE(mode);
      const auto r = run_sut(work_, conformance(c.name), server.url(), mode, c.set);
      ASSERT_EQ(r.exit_code, 0) << r.err << read_file(work_ / ("out-" + mode) / "divergences.csv");
      EXPECT_EQ(data_rows(work_ / ("out-" + mode) / "divergences.csv"), 0u);
      EXPECT_GT(data_rows(work_ / ("out-" + mode) / "sut_requests.csv"), 0u);
      const std::string junit = read_file(work_ / "junit.xml");
      EXPECT_NE(junit.find("tests=\"4\""), std::string::npos) << junit;
      EXPECT_NE(junit.find("failures=\"0\""), std::string::npos) << junit;
      expect_same_results(work_ / "out-alone", work_ / ("out-" + mode));
    }
  }
}

// The faulty server hands a new lease the address of the subscriber it
// granted before, still leased: outcomes agree with the reference, only the
// harness's own account of who holds what sees it.
TEST_F(AddressHarness, DoubleAllocationIsAnInvariantDivergence) {
  ServedProcess server(serve_args({conformance("ip-reject")}, {"--fault", "double-allocation"}));
  const auto r = run_sut(work_, conformance("ip-reject"), server.url(), "drive", "--set run.duration=1d");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "address", "invariant")) << junit;
  EXPECT_FALSE(kind_failed(junit, "address", "address_outcome")) << junit;
  const std::string rows = read_file(work_ / "out-drive" / "divergences.csv");
  EXPECT_NE(rows.find("address,invariant,"), std::string::npos) << rows;
  EXPECT_NE(rows.find(" while subscriber "), std::string::npos) << rows;
}

// Releases answered done but never carried out fill the pool: the server
// blocks sessions the reference grants.
TEST_F(AddressHarness, IgnoredReleaseIsAnAddressOutcomeDivergence) {
  ServedProcess server(serve_args({conformance("ip-reject")}, {"--fault", "ignore-release"}));
  const auto r = run_sut(work_, conformance("ip-reject"), server.url(), "shadow", "--set run.duration=1d");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "address", "address_outcome")) << junit;
  EXPECT_FALSE(kind_failed(junit, "address", "invariant")) << junit;
  const std::string rows = read_file(work_ / "out-shadow" / "divergences.csv");
  EXPECT_NE(rows.find(": blocked, the reference granted"), std::string::npos) << rows;
}

TEST_F(AddressHarness, LateAnswerIsATimeout) {
  ServedProcess server(serve_args({conformance("register-web")}, {"--fault", "late", "--delay", "1"}));
  const auto r = run_sut(work_, conformance("register-web"), server.url(), "drive",
                         "--set run.duration=3h --sut-timeout 0.05 --divergences 3");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "address", "timeout")) << junit;
  EXPECT_FALSE(kind_failed(junit, "address", "address_outcome")) << junit;
  EXPECT_EQ(data_rows(work_ / "out-drive" / "divergences.csv"), 3u);  // the first three kept in full
}

// A system that names, in an effect, a subscriber the simulation never
// bound gets a protocol error; in drive mode the reference stands in, so
// the run goes on and nothing is scheduled for that number.
TEST_F(AddressHarness, EffectForAStrangerIsAProtocolError) {
  ServedProcess server({"/usr/bin/python3", source_path("tests/harness/stray_effect_sut.py").string(), "isp1"});
  const auto r = run_sut(work_, conformance("ip-queue"), server.url(), "drive", "--set run.duration=2h");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "address", "protocol_error")) << junit;
  EXPECT_NE(read_file(work_ / "out-drive" / "divergences.csv").find("subscriber 4000000000, who was never bound"),
            std::string::npos);
}

TEST_F(AddressHarness, UnreachableSystemStopsTheRunBeforeItStarts) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
  const auto r = run_sut(work_, conformance("ip-queue"), url, "drive");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("IP address server under test"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot start a run"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(work_ / "out-drive" / "summary.json"));
}

// Both components under test at once: one JUnit file with a suite each,
// one divergences table and one requests table holding both.
TEST_F(AddressHarness, RatingAndAddressTogether) {
  const std::string scenario = conformance("order-changes");
  ServedProcess address(serve_args({scenario}));
  ServedProcess rating(
      {PROVSIM_BINARY, "serve", "rating", "--listen", "127.0.0.1:0", "--scenario", source_path(scenario).string()});
  const auto r = run_sut(work_, scenario, address.url(), "drive", "--sut rating=" + rating.url());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_NE(junit.find("order-changes.harness.rating"), std::string::npos) << junit;
  EXPECT_NE(junit.find("order-changes.harness.address"), std::string::npos) << junit;
  EXPECT_NE(junit.find("tests=\"13\""), std::string::npos) << junit;  // 9 rating kinds + 4 address kinds
  std::set<std::string> components;
  for (const std::string& line : lines(read_file(work_ / "out-drive" / "sut_requests.csv")))
    components.insert(line.substr(0, line.find(',')));
  EXPECT_EQ(components, (std::set<std::string>{"component", "rating", "address"}));
  EXPECT_EQ(data_rows(work_ / "out-drive" / "divergences.csv"), 0u);
}

// Each component in its own mode: the rating engine drives while the
// address server and the provisioning manager (not named: shadowed) are
// compared, all three faithful, so nothing diverges; the run says which
// mode each component ran in.
TEST_F(AddressHarness, RatingDrivesWhileAddressAndProvisioningShadow) {
  const std::string scenario = conformance("order-changes");
  ServedProcess address(serve_args({scenario}));
  ServedProcess rating(serve_command_line("rating", {scenario}, {}));
  ServedProcess provisioning(serve_command_line("provisioning", {scenario}, {}));
  const auto r = run_provsim_in(work_, "run " + shell_quoted(source_path(scenario).string()) + " --out " +
                                           shell_quoted((work_ / "out").string()) + " --set run.duration=1d" +
                                           " --sut rating=" + rating.url() + " --sut address=" + address.url() +
                                           " --sut provisioning=" + provisioning.url() +
                                           " --sut-mode rating=drive,address=shadow",
                                300);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("harness: rating engine at " + rating.url() + " (drive), 0 divergences"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("harness: IP address server at " + address.url() + " (shadow), 0 divergences"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("harness: provisioning manager at " + provisioning.url() + " (shadow), 0 divergences"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(data_rows(work_ / "out" / "divergences.csv"), 0u);
}

// A mode that is not one, a component that does not exist or is named
// twice, or a mode for a component not under test: exit code 2 and a line
// saying what is wrong, before anything runs.
TEST_F(AddressHarness, BadModesAreUsageErrors) {
  const std::string scenario = shell_quoted(source_path(conformance("ip-queue")).string());
  const std::string sut = " --sut address=http://127.0.0.1:1 --sut-mode ";
  const auto expect_usage_error = [&](const std::string& mode, const std::string& says) {
    const auto r = run_provsim_in(work_, "run " + scenario + " --out " + shell_quoted((work_ / "o").string()) + sut +
                                             shell_quoted(mode));
    EXPECT_EQ(r.exit_code, 2) << mode;
    EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
  };
  expect_usage_error("address=fast", "address: 'fast' is not a mode: shadow or drive");
  expect_usage_error("dhcp=drive", "'dhcp' is not a component");
  expect_usage_error("address=drive,address=shadow", "'address' is named twice");
  expect_usage_error("address=drive,", "is not COMPONENT=MODE");
  expect_usage_error("rating=drive", "no rating system is under test");
  EXPECT_FALSE(fs::exists(work_ / "o" / "summary.json"));
  // The scenario key reads the same text and is checked when the scenario loads.
  const fs::path copy = temp_dir("sut-mode-key") / "ip-queue";
  fs::copy(source_path(conformance("ip-queue")), copy, fs::copy_options::recursive);
  write_file(copy / "scenario.ini", read_file(copy / "scenario.ini") + "\n[sut]\nmode = address=sideways\n");
  const auto v = run_provsim_in(work_, "validate " + shell_quoted(copy.string()));
  EXPECT_EQ(v.exit_code, 2);
  EXPECT_NE(v.err.find("sut.mode"), std::string::npos) << v.err;
  fs::remove_all(copy.parent_path());
}

// The scenario's [sut] section chooses the system and mode when the
// command line does not.
TEST_F(AddressHarness, ScenarioKeysChooseTheSystemUnderTest) {
  ServedProcess server(serve_args({conformance("ip-reject")}, {"--fault", "ignore-release"}));
  const fs::path scenario = temp_dir("sut-keys") / "ip-reject";
  fs::copy(source_path(conformance("ip-reject")), scenario, fs::copy_options::recursive);
  write_file(scenario / "scenario.ini",
             read_file(scenario / "scenario.ini") + "\n[sut]\naddress = " + server.url() + "\nmode = drive\n");
  const auto r = run_provsim_in(work_, "run " + shell_quoted(scenario.string()) + " --out " +
                                           shell_quoted((work_ / "out").string()) + " -q --set run.duration=1d");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_GT(data_rows(work_ / "out" / "sut_requests.csv"), 0u);
  EXPECT_NE(read_file(work_ / "out" / "divergences.csv").find("address,address_outcome,"), std::string::npos);
  fs::remove_all(scenario.parent_path());
}

TEST_F(AddressHarness, BadOptionsAreUsageErrors) {
  const std::string scenario = shell_quoted(source_path(conformance("ip-queue")).string());
  EXPECT_EQ(run_provsim_in(work_, "run " + scenario + " --sut address=https://x:1").exit_code, 2);
  EXPECT_EQ(run_provsim_in(work_, "run " + scenario + " --sut address=http://127.0.0.1:1/x").exit_code, 2);
  EXPECT_EQ(run_provsim_in(work_, "serve address --scenario " + scenario + " --fault half-even").exit_code, 2);
  EXPECT_EQ(run_provsim_in(work_, "serve dhcp --scenario " + scenario).exit_code, 2);
}

// Every request the harness sends and every answer the reference server
// gives fit the OpenAPI document's schemas (checked by python3-jsonschema):
// loans and their completion (ip-borrow), waits (ip-queue), vanished
// devices, expiries and pre-emption (ip-preempt), leases forgotten after a
// crash (platform-crash-group).
TEST_F(AddressHarness, ExchangesFollowTheOpenApiDocument) {
  const fs::path log = work_ / "exchanges.jsonl";
  const std::vector<Case> cases = {{"ip-borrow", "--set run.duration=1d"},
                                   {"ip-queue", "--set run.duration=1d"},
                                   {"ip-preempt", "--set run.duration=1d"},
                                   {"platform-crash-group", ""}};
  {
    std::vector<std::string> dirs;
    for (const auto& c : cases) dirs.push_back(conformance(c.name));
    ServedProcess server(serve_args(dirs, {"--exchange-log", log.string()}));
    for (const auto& c : cases)
      ASSERT_EQ(run_sut(work_, conformance(c.name), server.url(), "drive", c.set).exit_code, 0) << c.name;
  }
  const std::string text = read_file(log);
  for (const std::string op : {"bind", "unbind", "lease", "release", "vanish", "forget", "advance", "complete"})
    EXPECT_NE(text.find("\"operation\":\"" + op + "\""), std::string::npos) << op;
  for (const std::string kind :
       {"granted_after_wait", "blocked_after_wait", "preempted", "expired", "loan_requested", "loan_arrived"})
    EXPECT_NE(text.find("\"kind\":\"" + kind + "\""), std::string::npos) << kind;
  const std::string check = "python3 " + shell_quoted(source_path("tests/harness/check_exchanges.py").string()) + " " +
                            shell_quoted(source_path("docs/harness-address.openapi.json").string()) + " " +
                            shell_quoted(log.string()) + " 2>&1";
  EXPECT_EQ(std::system(check.c_str()), 0);
  // The check can fail: a lease outcome the protocol does not have.
  std::string bad = text;
  const auto at = bad.find("\"outcome\":\"granted\"");
  ASSERT_NE(at, std::string::npos);
  bad.replace(at, 19, "\"outcome\":\"given\"");
  write_file(log, bad);
  EXPECT_NE(std::system((check + " >/dev/null").c_str()), 0);
}

}  // namespace
}  // namespace provsim::testing
