// The rating engine harness end to end: `provsim serve rating` as the
// system under test, `provsim run --sut` judging it. A faithful server
// passes the conformance scenarios that exercise rating with zero
// divergences in both modes; each planted fault is caught with its named
// verdict and exit code 1; an unreachable system stops the run with exit
// code 2 before it starts.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/harness/harness_support.hpp"
#include "tests/harness/served_process.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

// Conformance scenarios that between them reach every part of the rating
// engine: purchases and usage (events, refunds, duplicates, suspense, late
// events), order changes (items added and removed), deprovisioning
// (accounts closed), a crash of the platform and the billing cycles'
// close. Every shipped conformance scenario runs against the served
// reference in the release checks (tests/harness/conformance_against_serve.sh);
// here a few run under the sanitizers.
const std::vector<std::string> kScenarios = {"bsp-purchases", "bsp-usage", "deprovisioning", "order-changes",
                                             "platform-crash-sync"};

std::vector<std::string> serve_args(const std::vector<std::string>& scenarios, const std::vector<std::string>& more = {}) {
  return serve_command_line("rating", scenarios, more);
}

// One run of `scenario` with the system at `url` under test.
ProcessResult run_sut(const fs::path& work, const std::string& scenario, const std::string& url,
                      const std::string& mode, const std::string& extra = "") {
  return run_provsim_in(work,
                        "run " + shell_quoted(source_path(scenario).string()) + " --out " +
                                 shell_quoted((work / ("out-" + mode)).string()) + " --sut rating=" + url +
                                 " --sut-mode " + mode + " --junit " + shell_quoted((work / "junit.xml").string()) +
                                 " -q " + extra,
                        300);
}

class RatingHarness : public ::testing::Test {
 protected:
  void SetUp() override { work_ = temp_dir("harness"); }
  void TearDown() override { fs::remove_all(work_); }
  fs::path work_;
};

// Shadow: the reference drives; the server's answers match every one.
// Drive: the server's answers make the records; invoices, settlement,
// rated events and every other result come out exactly as the reference
// alone makes them.
TEST_F(RatingHarness, FaithfulServerPassesConformanceInBothModes) {
  std::vector<std::string> dirs;
  for (const auto& s : kScenarios) dirs.push_back(conformance(s));
  ServedProcess server(serve_args(dirs));
  for (const auto& name : kScenarios) {
    SCOPED_TRACE(name);
    const auto alone = run_provsim_in(work_, "run " + shell_quoted(source_path(conformance(name)).string()) +
                                                 " --out " + shell_quoted((work_ / "out-alone").string()) + " -q");
    ASSERT_EQ(alone.exit_code, 0) << alone.err;
    for (const std::string mode : {"shadow", "drive"}) {
      SCOPED_TRACE(mode);
      const auto r = run_sut(work_, conformance(name), server.url(), mode);
      ASSERT_EQ(r.exit_code, 0) << r.err;
      EXPECT_EQ(data_rows(work_ / ("out-" + mode) / "divergences.csv"), 0u);
      EXPECT_GT(data_rows(work_ / ("out-" + mode) / "sut_requests.csv"), 0u);
      const std::string junit = read_file(work_ / "junit.xml");
      EXPECT_NE(junit.find("tests=\"9\""), std::string::npos) << junit;
      EXPECT_NE(junit.find("failures=\"0\""), std::string::npos) << junit;
      expect_same_results(work_ / "out-alone", work_ / ("out-" + mode));
    }
  }
}

TEST_F(RatingHarness, HalfEvenRoundingIsAChargeDivergence) {
  const std::string fixture = "scenarios/_fixtures/harness/rounding-ties";
  ServedProcess server(serve_args({fixture}, {"--fault", "half-even"}));
  const auto r = run_sut(work_, fixture, server.url(), "shadow");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "rating", "charge")) << junit;
  EXPECT_FALSE(kind_failed(junit, "rating", "share")) << junit;  // shares follow the charge: still conserved
  EXPECT_FALSE(kind_failed(junit, "rating", "invariant")) << junit;
  const std::string rows = read_file(work_ / "out-shadow" / "divergences.csv");
  EXPECT_NE(rows.find("rating,charge,"), std::string::npos) << rows;
  EXPECT_NE(rows.find("charge 0.160000, the reference 0.170000"), std::string::npos) << rows;
}

TEST_F(RatingHarness, DroppedShareIsAShareAndInvariantDivergence) {
  ServedProcess server(serve_args({conformance("bsp-purchases")}, {"--fault", "drop-share"}));
  const auto r = run_sut(work_, conformance("bsp-purchases"), server.url(), "drive");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "rating", "share")) << junit;
  EXPECT_TRUE(kind_failed(junit, "rating", "invariant")) << junit;
  EXPECT_FALSE(kind_failed(junit, "rating", "charge")) << junit;
  EXPECT_NE(read_file(work_ / "out-drive" / "divergences.csv").find("rating,share,"), std::string::npos);
}

TEST_F(RatingHarness, LateAnswerIsATimeout) {
  ServedProcess server(serve_args({conformance("bsp-purchases")}, {"--fault", "late", "--delay", "1"}));
  const auto r = run_sut(work_, conformance("bsp-purchases"), server.url(), "shadow", "--sut-timeout 0.1 --divergences 3");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "rating", "timeout")) << junit;
  EXPECT_FALSE(kind_failed(junit, "rating", "charge")) << junit;
  EXPECT_EQ(data_rows(work_ / "out-shadow" / "divergences.csv"), 3u);  // the first three kept in full
}

// bsp-purchases sends one event for a subscriber who does not exist
// (unknown_user); the faulty server calls it no_rule.
TEST_F(RatingHarness, WrongSuspenseReasonIsASuspenseReasonDivergence) {
  ServedProcess server(serve_args({conformance("bsp-purchases")}, {"--fault", "wrong-reason"}));
  const auto r = run_sut(work_, conformance("bsp-purchases"), server.url(), "drive");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "rating", "suspense_reason")) << junit;
  EXPECT_FALSE(kind_failed(junit, "rating", "charge")) << junit;
  const std::string rows = read_file(work_ / "out-drive" / "divergences.csv");
  EXPECT_NE(rows.find(": suspended (no_rule), the reference suspended (unknown_user)"), std::string::npos) << rows;
}

TEST_F(RatingHarness, MalformedAnswerIsAProtocolError) {
  ServedProcess server(serve_args({conformance("bsp-purchases")}, {"--fault", "garbled"}));
  const auto r = run_sut(work_, conformance("bsp-purchases"), server.url(), "drive");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string junit = read_file(work_ / "junit.xml");
  EXPECT_TRUE(kind_failed(junit, "rating", "protocol_error")) << junit;
  EXPECT_NE(read_file(work_ / "out-drive" / "divergences.csv").find("field 'results' is missing"), std::string::npos);
  // The reference's answers stood in: the run's invoices are the reference's.
  EXPECT_FALSE(kind_failed(junit, "rating", "invoice")) << junit;
}

TEST_F(RatingHarness, UnreachableSystemStopsTheRunBeforeItStarts) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
  const auto r = run_sut(work_, conformance("bsp-purchases"), url, "shadow");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot start a run"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(work_ / "out-shadow" / "summary.json"));
}

TEST_F(RatingHarness, ServerServingAnotherScenarioIsRefusedWithExit2) {
  ServedProcess server(serve_args({conformance("bsp-usage")}));
  const auto r = run_sut(work_, conformance("bsp-purchases"), server.url(), "shadow");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("does not serve the scenario"), std::string::npos) << r.err;
}

// The scenario's [sut] section chooses the system and mode when the
// command line does not.
TEST_F(RatingHarness, ScenarioKeysChooseTheSystemUnderTest) {
  ServedProcess server(serve_args({conformance("bsp-purchases")}, {"--fault", "drop-share"}));
  const fs::path scenario = temp_dir("sut-keys") / "bsp-purchases";
  fs::copy(source_path(conformance("bsp-purchases")), scenario, fs::copy_options::recursive);
  write_file(scenario / "scenario.ini",
             read_file(scenario / "scenario.ini") + "\n[sut]\nrating = " + server.url() + "\nmode = drive\n");
  const auto r = run_provsim_in(work_, "run " + shell_quoted(scenario.string()) + " --out " +
                                           shell_quoted((work_ / "out").string()) + " -q");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_GT(data_rows(work_ / "out" / "sut_requests.csv"), 0u);
  EXPECT_NE(read_file(work_ / "out" / "divergences.csv").find("rating,share,"), std::string::npos);
  fs::remove_all(scenario.parent_path());
}

TEST_F(RatingHarness, BadSutOptionsAreUsageErrors) {
  const std::string scenario = shell_quoted(source_path(conformance("bsp-purchases")).string());
  EXPECT_EQ(run_provsim_in(work_, "run " + scenario + " --sut rating=https://x:1").exit_code, 2);
  EXPECT_EQ(run_provsim_in(work_, "run " + scenario + " --sut dhcp=http://127.0.0.1:1").exit_code, 2);
  EXPECT_EQ(run_provsim_in(work_, "run " + scenario + " --sut rating=http://127.0.0.1:1 --sut-mode both").exit_code, 2);
  EXPECT_EQ(run_provsim_in(work_, "run " + scenario + " --sut-mode drive").exit_code, 2);
}

// Every request the harness sends and every answer the reference server
// gives fit the OpenAPI document's schemas (checked by python3-jsonschema).
TEST_F(RatingHarness, ExchangesFollowTheOpenApiDocument) {
  const fs::path log = work_ / "exchanges.jsonl";
  {
    ServedProcess server(serve_args({conformance("bsp-purchases")}, {"--exchange-log", log.string()}));
    ASSERT_EQ(run_sut(work_, conformance("bsp-purchases"), server.url(), "shadow").exit_code, 0);
  }
  const std::string check = "python3 " + shell_quoted(source_path("tests/harness/check_exchanges.py").string()) + " " +
                            shell_quoted(source_path("docs/harness-rating.openapi.json").string()) + " " +
                            shell_quoted(log.string()) + " 2>&1";
  EXPECT_EQ(std::system(check.c_str()), 0);
  // The check can fail: an answer with a charge that is not a decimal.
  std::string text = read_file(log);
  const auto at = text.find("\"charge\":\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 10, "\"charge\":\"x");
  write_file(log, text);
  EXPECT_NE(std::system((check + " >/dev/null").c_str()), 0);
}

}  // namespace
}  // namespace provsim::testing
