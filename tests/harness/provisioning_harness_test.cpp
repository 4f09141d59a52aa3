// The provisioning manager harness end to end: `provsim serve provisioning`
// as the system under test, `provsim run --sut provisioning=...` shadowing
// it. The faithful server passes the conformance scenarios that exercise
// the workflow engine (compensation, outages with timeouts and retries,
// changes, disconnects) with zero divergences and the results of the
// reference alone; each planted fault is caught with its named verdict;
// every exchange fits the OpenAPI document.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/harness/harness_support.hpp"
#include "tests/harness/served_process.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

// Failures and compensation, an outage (timeouts, retries, late answers),
// plan changes, disconnects; cut short where a day shows it all.
const std::vector<Case> kScenarios = {
    {"pm-compensation", "--set run.duration=12h"},
    {"pm-outage", "--set run.duration=1d"},
    {"order-changes", "--set run.duration=1d"},
    {"deprovisioning", "--set run.duration=1d"},
};

std::vector<std::string> serve_args(const std::vector<std::string>& scenarios,
                                    const std::vector<std::string>& more = {}) {
  return serve_command_line("provisioning", scenarios, more);
}

ProcessResult run_sut(const fs::path& work, const std::string& scenario, const std::string& url,
                      const std::string& extra = "") {
  return run(work, scenario, "out-shadow",
             "--sut provisioning=" + url + " --junit " + shell_quoted((work / "junit.xml").string()) + " " + extra);
}

class ProvisioningHarness : public ::testing::Test {
 protected:
  void SetUp() override { work_ = temp_dir("provisioning-harness"); }
  void TearDown() override { fs::remove_all(work_); }
  fs::path work_;
};

TEST_F(ProvisioningHarness, FaithfulManagerPassesInShadowMode) {
  std::vector<std::string> dirs;
  for (const auto& c : kScenarios) dirs.push_back(conformance(c.name));
  ServedProcess server(serve_args(dirs));
  for (const auto& c : kScenarios) {
    SCOPED_TRACE(c.name);
    const auto alone = run(work_, conformance(c.name), "out-alone", c.set);
    ASSERT_EQ(alone.exit_code, 0) << alone.err;
    const auto r = run_sut(work_, conformance(c.name), server.url(), c.set);
    ASSERT_EQ(r.exit_code, 0) << r.err << read_file(work_ / "out-shadow" / "divergences.csv");
    EXPECT_EQ(data_rows(work_ / "out-shadow" / "divergences.csv"), 0u);
    EXPECT_GT(data_rows(work_ / "out-shadow" / "sut_requests.csv"), 0u);
    const std::string junit = read_file(work_ / "junit.xml");
    EXPECT_NE(junit.find(c.name + ".harness.provisioning"), std::string::npos) << junit;
    EXPECT_NE(junit.find("tests=\"4\""), std::string::npos) << junit;
    EXPECT_NE(junit.find("failures=\"0\""), std::string::npos) << junit;
    expect_same_results(work_ / "out-alone", work_ / "out-shadow");
  }
}

// The faulty manager claims a failed order's done tasks undone without
// asking the parties: its plan lacks the reference's compensations.
TEST_F(ProvisioningHarness, SkippedCompensationIsATaskPlanDivergence) {
  ServedProcess server(serve_args({conformance("pm-compensation")}, {"--fault", "skip-compensation"}));
  const auto r = run_sut(work_, conformance("pm-compensation"), server.url(), "--set run.duration=6h");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "provisioning", "task_plan")) << junit;
  const std::string rows = read_file(work_ / "out-shadow" / "divergences.csv");
  EXPECT_NE(rows.find("provisioning,task_plan,"), std::string::npos) << rows;
  EXPECT_NE(rows.find("(compensation)"), std::string::npos) << rows;
}

// A failed order reported completed.
TEST_F(ProvisioningHarness, IgnoredFailureIsAnOrderStateDivergence) {
  ServedProcess server(serve_args({conformance("pm-compensation")}, {"--fault", "ignore-failure"}));
  const auto r = run_sut(work_, conformance("pm-compensation"), server.url(), "--set run.duration=6h");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "provisioning", "order_state")) << junit;
  EXPECT_FALSE(kind_failed(junit, "provisioning", "task_plan")) << junit;
  const std::string rows = read_file(work_ / "out-shadow" / "divergences.csv");
  EXPECT_NE(rows.find("completed; the reference only: order "), std::string::npos) << rows;
}

TEST_F(ProvisioningHarness, LateAnswerIsATimeout) {
  ServedProcess server(serve_args({conformance("pm-compensation")}, {"--fault", "late", "--delay", "1"}));
  const auto r = run_sut(work_, conformance("pm-compensation"), server.url(),
                         "--set run.duration=1h --sut-timeout 0.05 --divergences 3");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "provisioning", "timeout")) << junit;
  EXPECT_EQ(data_rows(work_ / "out-shadow" / "divergences.csv"), 3u);
}

// Drive mode needs the parties' systems served to the manager, which the
// harness does not do yet: asking for it is a usage error, as is an
// unknown fault.
TEST_F(ProvisioningHarness, DriveModeAndBadFaultsAreUsageErrors) {
  const std::string scenario = shell_quoted(source_path(conformance("pm-compensation")).string());
  const auto r = run_provsim_in(work_, "run " + scenario + " --sut provisioning=http://127.0.0.1:1 --sut-mode drive");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("can only be shadowed"), std::string::npos) << r.err;
  EXPECT_EQ(run_provsim_in(work_, "serve provisioning --scenario " + scenario + " --fault half-even").exit_code, 2);
}

TEST_F(ProvisioningHarness, UnreachableSystemStopsTheRunBeforeItStarts) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
  const auto r = run_sut(work_, conformance("pm-compensation"), url);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("provisioning manager under test"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(work_ / "out-shadow" / "summary.json"));
}

// Every request the harness sends and every answer the reference server
// gives fit the OpenAPI document's schemas (checked by python3-jsonschema):
// the initial inventory, new orders, changes, disconnects, failures,
// compensations and retries.
TEST_F(ProvisioningHarness, ExchangesFollowTheOpenApiDocument) {
  const fs::path log = work_ / "exchanges.jsonl";
  const std::vector<Case> cases = {{"pm-compensation", "--set run.duration=3h"},
                                   {"order-changes", "--set run.duration=12h"},
                                   {"deprovisioning", "--set run.duration=12h"}};
  {
    std::vector<std::string> dirs;
    for (const auto& c : cases) dirs.push_back(conformance(c.name));
    ServedProcess server(serve_args(dirs, {"--exchange-log", log.string()}));
    for (const auto& c : cases)
      ASSERT_EQ(run_sut(work_, conformance(c.name), server.url(), c.set).exit_code, 0) << c.name;
  }
  const std::string text = read_file(log);
  for (const std::string op : {"serviceInventory", "serviceOrder", "taskAnswer", "advance"})
    EXPECT_NE(text.find("\"operation\":\"" + op + "\""), std::string::npos) << op;
  for (const std::string want : {"\"category\":\"change\"", "\"category\":\"disconnect\"", "\"action\":\"modify\"",
                                 "\"state\":\"failed\"", "\"compensation\":true"})
    EXPECT_NE(text.find(want), std::string::npos) << want;
  const std::string check = "python3 " + shell_quoted(source_path("tests/harness/check_exchanges.py").string()) + " " +
                            shell_quoted(source_path("docs/harness-provisioning.openapi.json").string()) + " " +
                            shell_quoted(log.string()) + " 2>&1";
  EXPECT_EQ(std::system(check.c_str()), 0);
  // The check can fail: an order state the protocol does not have.
  std::string bad = text;
  const auto at = bad.find("\"state\":\"inProgress\"");
  ASSERT_NE(at, std::string::npos);
  bad.replace(at, 20, "\"state\":\"running\"");
  write_file(log, bad);
  EXPECT_NE(std::system((check + " >/dev/null").c_str()), 0);
}

}  // namespace
}  // namespace provsim::testing
