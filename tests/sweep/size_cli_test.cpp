// `provsim size` end to end with the real binary, against queueing theory:
// - Erlang C: one ISP's CSR call centre, Poisson callers who never hang up,
//   exponential holding times: the agents needed for P(wait) <= 0.2 are
//   Erlang C's answer. Run on local cores, then again to show that a second
//   search reuses every run and writes the same files.
// - Engset: one pool of 126 addresses, subscribers alternating exponential
//   idle periods and sessions: the largest population whose blocked share
//   of attempts stays within 4 % is Engset's answer (to the 10-subscriber
//   step asked for). Run as GNU parallel jobs, batch by batch.
// - Erlang B: a pool of 7 addresses and 480 rarely-online subscribers: the
//   most sessions a day each may start within 5 % blocking is Erlang B's
//   answer (to the 0.01 step asked for).
// All are kept short (small populations, small caps).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/theory/engset.hpp"
#include "model/theory/erlang.hpp"
#include "tests/support/provsim_process.hpp"

namespace {

namespace fs = std::filesystem;
using provsim::testing::lines;
using provsim::testing::read_file;
using provsim::testing::run_provsim;
using provsim::testing::write_file;

std::string q(const fs::path& p) { return provsim::testing::shell_quoted(p.string()); }

// A scenario of one ISP (with 500 lines and a pool of 126 addresses) and
// the given scenario.ini.
fs::path one_isp_scenario(const fs::path& dir, const std::string& ini) {
  const fs::path scenario = dir / "scenario";
  fs::copy(provsim::testing::source_path("scenarios/conformance/ip-reject"), scenario, fs::copy_options::recursive);
  write_file(scenario / "scenario.ini", ini);
  return scenario;
}

nlohmann::json size_json(const fs::path& out) { return nlohmann::json::parse(read_file(out / "size.json")); }

class SizeCli : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = provsim::testing::temp_dir("size"); }
  void TearDown() override {
    if (HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir_;
    else fs::remove_all(dir_);
  }
  fs::path dir_;
};

// Callers at 1 a minute, each holding an agent for half its talk time (the
// share before the platform answers; nobody registers) plus the platform's
// few seconds: about 4 min, A = 4 erlangs (a run measures 4.2). P(wait) is
// 0.285 (0.33) with 6 agents and 0.135 (0.16) with 7.
const char* const kCallCentre =
    "[run]\nseed = 5\nduration = 1d\nmetrics_interval = 6h\n"
    "[workload]\narrival_rate = 1440/d\nconversion = 0\nbsp_take = 0\n"
    "[channel.web]\nshare = 0\n"
    "[channel.isp_csr]\nshare = 1.0\nagents = 2\ntalk_time = 8m\ntalk_distribution = exponential\npatience = 0\n";

TEST_F(SizeCli, ErlangCAgentsForAWaitTargetOnLocalCores) {
  const fs::path scenario = one_isp_scenario(dir_, kCallCentre);
  const fs::path out = dir_ / "agents";
  const std::string command = "size " + q(scenario) +
                              " --key channel.isp_csr.agents --range 1:20 --target "
                              "'call_centre.isp_csr.isp1.p_wait <= 0.2' --max-replications 10 --jobs 2 --out " + q(out);
  const auto r = run_provsim(command);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  std::uint64_t theory = 1;
  while (provsim::theory::erlang_c(theory, 4.0) > 0.2) ++theory;
  ASSERT_EQ(theory, 7u);
  EXPECT_GT(provsim::theory::erlang_c(6, 4.2), 0.2);
  EXPECT_LT(provsim::theory::erlang_c(7, 4.2), 0.2);
  const auto j = size_json(out);
  ASSERT_TRUE(j["answer"].is_string()) << j.dump(2);
  const int answer = std::stoi(j["answer"].get<std::string>());
  EXPECT_LE(std::abs(answer - static_cast<int>(theory)), 1) << r.out;
  EXPECT_NE(r.out.find("answer: channel.isp_csr.agents = " + std::to_string(answer) +
                       " (smallest value meeting every target at 95 % confidence)"),
            std::string::npos)
      << r.out;
  // The candidates tried, and their runs in the sweep folder's layout.
  EXPECT_LE(j["candidates"].size(), 8u);
  EXPECT_TRUE(fs::exists(out / "runs" / ("channel.isp_csr.agents=" + std::to_string(answer) + ",rep=0") / "summary.json"));
  const std::string csv = read_file(out / "size.csv");
  EXPECT_EQ(csv.rfind("order,key,value,replications,metric,op,target,mean,ci_low,ci_high,verdict,candidate\n", 0), 0u);
  EXPECT_NE(csv.find(",channel.isp_csr.agents," + std::to_string(answer) + ","), std::string::npos) << csv;
  const std::string html = read_file(out / "size.html");
  EXPECT_NE(html.find("provsim size: channel.isp_csr.agents"), std::string::npos);
  EXPECT_NE(html.find("\"strokeDash\""), std::string::npos) << "the target line";

  // Again: every run is reused, nothing runs, the same files come out.
  const std::string json_before = read_file(out / "size.json");
  const auto again = run_provsim(command);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(again.out.find("running "), std::string::npos) << again.out;
  EXPECT_EQ(read_file(out / "size.csv"), csv);
  EXPECT_EQ(read_file(out / "size.json"), json_before);
}

// 126 addresses; sessions 5 a day of 2 h on average: beta = 2 h / (4.8 h - 2 h).
const char* const kPool =
    "[run]\nseed = 11\nduration = 2d\nmetrics_interval = 12h\n"
    "[workload]\narrival_rate = 0/d\nbsp_take = 0\n"
    "[population]\ninitial = 300\n"
    "[sessions]\nper_day = 5\nmean_duration = 2h\nvanish = 0\n"
    "[ip]\npolicy = reject\nlease_time = 1h\n"
    "[rating]\ncycle = 7d\n";

TEST_F(SizeCli, EngsetSubscribersForABlockingTargetThroughGnuParallel) {
  if (!fs::exists("/usr/bin/parallel")) GTEST_SKIP() << "/usr/bin/parallel absent: run tools/setup (Debian package parallel)";
  const fs::path scenario = one_isp_scenario(dir_, kPool);
  const fs::path out = dir_ / "pool";
  const std::string command = "size " + q(scenario) +
                              " --key population.initial --largest --range 200:400 --tolerance 10 --target "
                              "'ip.isp1.blocking <= 0.04' --max-replications 10 --out " + q(out);
  std::string answer_line;
  for (int batch = 0; batch < 40 && answer_line.empty(); ++batch) {
    const auto emitted = run_provsim(command + " --emit-jobs");
    ASSERT_EQ(emitted.exit_code, 0) << emitted.err;
    if (emitted.out.empty()) {
      answer_line = emitted.err;
      break;
    }
    for (const auto& job : lines(emitted.out))
      ASSERT_NE(job.find("' 'sweep' 'resume' " + q(out) + " '--run' 'population.initial="), std::string::npos) << job;
    write_file(dir_ / "jobs.txt", emitted.out);
    const std::string parallel = "parallel --will-cite --jobs 2 --halt now,fail=1 < " + q(dir_ / "jobs.txt") + " > " +
                                 q(dir_ / "parallel.log") + " 2>&1";
    ASSERT_EQ(std::system(parallel.c_str()), 0) << read_file(dir_ / "parallel.log");
  }
  ASSERT_NE(answer_line.find("answer: population.initial = "), std::string::npos) << answer_line;

  const double beta = 7200.0 / (86400.0 / 5 - 7200.0);
  std::uint64_t theory = 200;
  while (provsim::theory::engset_call_congestion(theory + 1, 126, beta) <= 0.04) ++theory;
  const auto j = size_json(out);
  ASSERT_TRUE(j["answer"].is_string()) << j.dump(2);
  const int answer = std::stoi(j["answer"].get<std::string>());
  EXPECT_LE(std::abs(answer - static_cast<int>(theory)), 10) << "Engset: " << theory << "\n" << j.dump(2);

  // The same search on local cores finds every run done and the same answer.
  const std::string csv = read_file(out / "size.csv");
  const auto local = run_provsim(command + " --jobs 2");
  ASSERT_EQ(local.exit_code, 0) << local.out << local.err;
  EXPECT_EQ(local.out.find("running "), std::string::npos) << local.out;
  EXPECT_EQ(read_file(out / "size.csv"), csv);
  // And from scratch on local cores: the same runs (same seeds), so the same walk and table.
  const fs::path fresh = dir_ / "fresh";
  const std::string local_command = "size " + q(scenario) +
                                    " --key population.initial --largest --range 200:400 --tolerance 10 --target "
                                    "'ip.isp1.blocking <= 0.04' --max-replications 10 --jobs 2 --quiet --out " + q(fresh);
  const auto scratch = run_provsim(local_command);
  ASSERT_EQ(scratch.exit_code, 0) << scratch.out << scratch.err;
  EXPECT_EQ(read_file(fresh / "size.csv"), csv);
}

// Erlang B: the same ISP with its pool cut to 7 addresses and its 480
// subscribers each online for an hour now and then (many sources, little
// traffic each), so the blocked share of attempts is Erlang B's for the
// offered traffic A = N h / (86400 / per_day - h). The largest
// sessions.per_day within 5 % blocking, to 0.01 a day, is theory's (the
// largest such value on that grid) within one step.
const char* const kSmallPool =
    "[run]\nseed = 13\nduration = 300d\nmetrics_interval = 30d\n"
    "[workload]\narrival_rate = 0/d\nbsp_take = 0\n"
    "[population]\ninitial = 480\n"
    "[sessions]\nper_day = 0.1\nmean_duration = 1h\nvanish = 0\n"
    "[ip]\npolicy = reject\nlease_time = 1h\n"
    "[rating]\ncycle = 30d\n";

TEST_F(SizeCli, ErlangBTrafficASmallPoolCarriesWithinABlockingTarget) {
  const fs::path scenario = one_isp_scenario(dir_, kSmallPool);
  std::string blocks;  // the network provider's reserve stays; the ISP's pool becomes 6 + 1 addresses
  for (const auto& line : lines(read_file(scenario / "address_blocks.csv")))
    if (line.find(",isp1,") == std::string::npos) blocks += line + "\n";
  write_file(scenario / "address_blocks.csv", blocks + "100.64.0.0/29,isp1,,\n100.64.0.8/32,isp1,,\n");
  const fs::path out = dir_ / "traffic";
  const auto r = run_provsim("size " + q(scenario) +
                             " --key sessions.per_day --largest --range 0.05:0.5 --tolerance 0.01 --target "
                             "'ip.isp1.blocking <= 0.05' --max-replications 10 --jobs 2 --quiet --out " + q(out));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  const auto traffic = [](double per_day) { return 480.0 * 3600.0 / (86400.0 / per_day - 3600.0); };
  double on_grid = 0.05;  // the largest grid value theory allows
  while (provsim::theory::erlang_b(7, traffic(on_grid + 0.01)) <= 0.05) on_grid += 0.01;
  // Engset's call congestion for these 480 sources is within a step too.
  EXPECT_LE(provsim::theory::engset_call_congestion(480, 7, 3600.0 / (86400.0 / on_grid - 3600.0)), 0.05);
  const auto j = size_json(out);
  ASSERT_TRUE(j["answer"].is_string()) << j.dump(2);
  const double answer = std::stod(j["answer"].get<std::string>());
  EXPECT_LE(std::abs(answer - on_grid), 0.01 + 1e-9) << "Erlang B: " << on_grid << "\n" << j.dump(2);
}

TEST(SizeHelp, ExplainsTheCommand) {
  const auto r = run_provsim("size --help");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* words : {"usage: provsim size SCENARIO_DIR --key KEY --range LO:HI --target", "--largest",
                            "--tolerance", "--max-replications", "--emit-jobs", "undecided and counted as failing",
                            "docs/sizing.md"})
    EXPECT_NE(r.out.find(words), std::string::npos) << words;
  EXPECT_NE(run_provsim("--help").out.find("size SCENARIO_DIR"), std::string::npos);
}

}  // namespace
