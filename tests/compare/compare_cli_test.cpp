// provsim compare end to end with the real binary. The planted change: the
// ISP call centre of the CSR qualification scenario gets one more agent
// (2 -> 3), three replications each, one simulated day; waiting must be
// flagged as significantly different. An identical rerun (same seeds) must
// flag nothing, so a regression gate on it passes.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/provsim_process.hpp"

namespace {

namespace fs = std::filesystem;
using provsim::testing::read_file;
using provsim::testing::run_provsim;
using provsim::testing::write_file;

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

const char* const kTwoAgents = "channel.isp_csr.agents=2";
const char* const kThreeAgents = "channel.isp_csr.agents=3";

class CompareCli : public ::testing::Test {
 protected:
  // Every test runs in its own process: each makes only the sweeps it reads.
  void SetUp() override { dir_ = provsim::testing::temp_dir("compare"); }
  void TearDown() override {
    if (HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir_;
    else fs::remove_all(dir_);
  }
  // The agents sweep (2 and 3 agents) with `replications` each, made once per test under `name`.
  fs::path sweep(const char* name, int replications = 3) const {
    const fs::path out = dir_ / name;
    if (fs::exists(out)) return out;
    const fs::path ini = dir_ / (std::string(name) + ".ini");
    write_file(ini, "[sweep]\nscenario = " +
                        provsim::testing::source_path("scenarios/conformance/qualify-isp-csr").string() +
                        "\nreplications = " + std::to_string(replications) +
                        "\n[grid]\nchannel.isp_csr.agents = 2,3\n");
    const auto r = run_provsim("sweep " + q(ini) + " --jobs 2 --quiet --out " + q(out));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return out;
  }
  // One run of the same scenario with `setting`.
  fs::path single(const char* name, const char* setting) const {
    const fs::path out = dir_ / name;
    const auto r = run_provsim("run " +
                               q(provsim::testing::source_path("scenarios/conformance/qualify-isp-csr")) +
                               " --set " + setting + " --quiet --out " + q(out));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return out;
  }
  static nlohmann::json json(const fs::path& out) { return nlohmann::json::parse(read_file(out / "compare.json")); }
  static const nlohmann::json* row(const nlohmann::json& j, const std::string& metric) {
    for (const auto& r : j["rows"])
      if (r["metric"] == metric) return &r;
    return nullptr;
  }
  fs::path dir_;
};

TEST_F(CompareCli, OneMoreAgentIsFlaggedAndFailsTheGate) {
  const fs::path out = dir_ / "planted";
  const auto r = run_provsim("compare " + q(sweep("first")) + " " + q(sweep("first")) + " --point-a " + kTwoAgents +
                             " --point-b " + kThreeAgents + " --fail-on 'call_centre.isp_csr.*.p_wait' --out " +
                             q(out));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find(": call_centre.isp_csr.isp1.p_wait differs significantly"), std::string::npos) << r.out;
  const auto j = json(out);
  const auto* wait = row(j, "call_centre.isp_csr.isp1.p_wait");
  ASSERT_NE(wait, nullptr);
  EXPECT_EQ((*wait)["test"], "welch");
  EXPECT_EQ((*wait)["a_n"], 3);
  EXPECT_EQ((*wait)["b_n"], 3);
  EXPECT_TRUE((*wait)["significant"].get<bool>());
  EXPECT_LT((*wait)["p_value"].get<double>(), 0.05);
  // One more agent waits less: B - A is negative.
  EXPECT_EQ((*wait)["difference"].get<std::string>().front(), '-');
  // Offered traffic is the same workload, seeds and all: never flagged.
  const auto* offered = row(j, "funnel.isp_csr.arrived");
  ASSERT_NE(offered, nullptr);
  EXPECT_FALSE((*offered)["significant"].get<bool>());

  const std::string csv = read_file(out / "compare.csv");
  EXPECT_EQ(csv.rfind("group,metric,a_n,a_mean,b_n,b_mean,difference,relative_difference,test,p_value,significant\n", 0),
            0u);
  const std::string html = read_file(out / "compare.html");
  EXPECT_NE(html.find("Gate failed"), std::string::npos);
  EXPECT_NE(html.find("id=\"time-series\""), std::string::npos);
  EXPECT_EQ(html.find("missing-assets"), std::string::npos) << "chart libraries not found";
}

TEST_F(CompareCli, AnIdenticalRerunFlagsNothingAndPassesTheGate) {
  const fs::path out = dir_ / "rerun";
  const auto r = run_provsim("compare " + q(sweep("first")) + " " + q(sweep("again")) + " --fail-on '*' --out " + q(out));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto j = json(out);
  EXPECT_EQ(j["rows"].size() > 50, true);
  std::size_t groups = 0;
  for (const auto& g : j["a"]["groups"]) groups += g["replications"] == 3 ? 1 : 0;
  EXPECT_EQ(groups, 2u) << "both grid points, matched by name";
  for (const auto& row : j["rows"]) EXPECT_FALSE(row["significant"].get<bool>()) << row.dump();
  EXPECT_TRUE(j["failed"].empty());
}

TEST_F(CompareCli, SingleRunsDifferExactly) {
  const fs::path two = single("two", kTwoAgents);
  const fs::path three = single("three", kThreeAgents);
  const fs::path out = dir_ / "single";
  const auto same = run_provsim("compare " + q(two) + " " + q(two) + " --fail-on '*' --out " + q(out));
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  const auto differ =
      run_provsim("compare " + q(two) + " " + q(three) + " --fail-on 'call_centre.*' --quiet --out " + q(out));
  EXPECT_EQ(differ.exit_code, 1) << differ.out << differ.err;
  const auto j = json(out);
  const auto* wait = row(j, "call_centre.isp_csr.isp1.waited");
  ASSERT_NE(wait, nullptr);
  EXPECT_EQ((*wait)["test"], "exact");
  EXPECT_TRUE((*wait)["significant"].get<bool>());
}

TEST_F(CompareCli, BadInputIsExitCodeTwo) {
  const fs::path out = dir_ / "bad";
  const fs::path small = sweep("small", 1);
  const auto missing = run_provsim("compare " + q(dir_ / "nowhere") + " " + q(small) + " --out " + q(out));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nowhere"), std::string::npos) << missing.err;
  const auto point = run_provsim("compare " + q(small) + " " + q(small) +
                                 " --point-a channel.isp_csr.agents=9 --out " + q(out));
  EXPECT_EQ(point.exit_code, 2);
  EXPECT_NE(point.err.find("agents=9"), std::string::npos) << point.err;
  const auto typo = run_provsim("compare " + q(small) + " " + q(small) +
                                " --fail-on 'call_center.*' --out " + q(out));
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("names no metric"), std::string::npos) << typo.err;
  EXPECT_EQ(run_provsim("compare " + q(small)).exit_code, 2);
  EXPECT_EQ(run_provsim("compare " + q(small) + " " + q(small) + " --level 1.5").exit_code, 2);
}

}  // namespace
