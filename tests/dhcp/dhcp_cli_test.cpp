// `provsim dhcp` refuses what it cannot drive before anything starts (one
// clear line, exit 2), and drives a server the user runs (here a Kea the
// test starts) when pointed at it with --server dhcp://HOST:PORT.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sut/dhcp/kea_server.hpp"
#include "tests/dhcp/kea_support.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::dhcp {
namespace {

using provsim::testing::read_file;
using provsim::testing::run_provsim;
using provsim::testing::source_path;
using provsim::testing::temp_dir;

std::string reject_scenario() { return "'" + source_path("scenarios/kea/reject").string() + "'"; }

TEST(DhcpCli, RefusesABadServerOrRelay) {
  auto r = run_provsim("dhcp " + reject_scenario() + " --server http://127.0.0.1:67 --out /tmp/never");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--server: expected 'kea' or 'dhcp://HOST:PORT': http://127.0.0.1:67"), std::string::npos)
      << r.err;
  r = run_provsim("dhcp " + reject_scenario() + " --set dhcp.relay=127.0.0 --out /tmp/never");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("dhcp.relay: expected an IPv4 address: 127.0.0"), std::string::npos) << r.err;
  r = run_provsim("dhcp " + reject_scenario() + " --sut rating=kea");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--sut takes address="), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists("/tmp/never"));
}

TEST(DhcpCli, RefusesWhatTheDriverCannotTake) {
  // The baseline has two ISPs, arrivals and no bulk population.
  auto r = run_provsim("dhcp '" + source_path("scenarios/baseline").string() + "' --server kea");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("dhcp.server: provsim dhcp drives one ISP's IPv4 pool; the scenario has 2"), std::string::npos)
      << r.err;
  r = run_provsim("dhcp " + reject_scenario() + " --set workload.arrival_rate=10/d");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("workload.arrival_rate: provsim dhcp drives the bulk-loaded population only"),
            std::string::npos)
      << r.err;
  r = run_provsim("dhcp " + reject_scenario() + " --set sessions.per_day=100");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sessions.per_day"), std::string::npos) << r.err;
  // --seed reads like run's and check's: a good one reaches the same check,
  // a bad one is refused naming run.seed (never an internal error).
  r = run_provsim("dhcp " + reject_scenario() + " --seed 8 --set sessions.per_day=100");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sessions.per_day"), std::string::npos) << r.err;
  r = run_provsim("dhcp " + reject_scenario() + " --seed eight");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("run.seed"), std::string::npos) << r.err;
}

// The user's own server: a Kea this test starts (as a user would, from the
// pool in address_blocks.csv, lease times at the scenario's speed), then
// `provsim dhcp --server dhcp://127.0.0.1:67 --kea-socket ...` against it.
TEST(DhcpCli, DrivesTheUsersOwnServer) {
  KeaInstall install;
  const std::string why = testing::kea_unavailable(install);
  if (!why.empty()) GTEST_SKIP() << why;
  const auto dir = temp_dir("own-kea");
  std::optional<KeaServer> kea;
  KeaSettings s;
  s.run_dir = dir / "kea";
  s.relay = 0x7F000002;
  s.pools = {DhcpPool{"isp1", {DhcpRange{"100.64.0.0/28", 0x64400001, 0x6440000E}}}};
  s.lease = scaled_lease_times(1200, 600);
  s.hooks_dir = install.hooks_dir;
  kea.emplace(install, s);
  const auto out = dir / "run";
  const auto r = run_provsim("dhcp " + reject_scenario() + " --server dhcp://127.0.0.1:67 --relay 127.0.0.2" +
                             " --kea-socket '" + control_socket_path(s.run_dir).string() + "'" +
                             " --set run.duration=2h --set dhcp.reference_replications=2 --out '" + out.string() +
                             "'");
  // Two simulated hours fall short of the scenario's [expect] on attempts
  // (exit 1); the verdicts on the server itself must all hold.
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const nlohmann::json m = nlohmann::json::parse(read_file(out / "summary.json"))["metrics"];
  EXPECT_EQ(m["dhcp.server"], "dhcp://127.0.0.1:67");
  EXPECT_GT(m["dhcp.attempts"].get<int>(), 50);
  for (const char* v : {"verdict.no_double_allocation", "verdict.inside_pool", "verdict.counters_agree",
                        "verdict.pacing_trusted"})
    EXPECT_EQ(m[v], true) << v << "\n" << r.out;
  EXPECT_FALSE(std::filesystem::exists(out / "kea-dhcp4.conf"));  // not ours to manage
  EXPECT_TRUE(kea->stop());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace provsim::dhcp
