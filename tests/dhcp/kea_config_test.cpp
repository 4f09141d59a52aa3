// The Kea configuration provsim writes, lease times scaled to whole
// seconds, and the --server forms: no Kea needed.

#include <gtest/gtest.h>

#include "sut/dhcp/dhcp_run.hpp"
#include "sut/dhcp/kea_config.hpp"

namespace provsim::dhcp {
namespace {

KeaSettings settings() {
  KeaSettings s;
  s.run_dir = "/tmp/run";
  s.relay = 0x7F000002;
  s.pools = {DhcpPool{"isp1", {DhcpRange{"100.64.0.0/28", 0x64400001, 0x6440000E}}}};
  s.lease = LeaseTimes{4, 2, 3};
  s.hooks_dir = "/usr/lib/x86_64-linux-gnu/kea/hooks";
  return s;
}

TEST(KeaConfig, OneSubnetBehindTheRelayOnLoopback) {
  const nlohmann::json c = kea_config(settings())["Dhcp4"];
  EXPECT_EQ(c["interfaces-config"]["interfaces"], nlohmann::json::array({"lo"}));
  EXPECT_EQ(c["interfaces-config"]["dhcp-socket-type"], "udp");
  EXPECT_EQ(c["lease-database"]["type"], "memfile");
  EXPECT_EQ(c["lease-database"]["persist"], false);
  EXPECT_EQ(c["control-socket"]["socket-name"], "/tmp/run/kea4.sock");
  EXPECT_EQ(c["valid-lifetime"], 4);
  EXPECT_EQ(c["renew-timer"], 2);
  EXPECT_EQ(c["rebind-timer"], 3);
  ASSERT_EQ(c["subnet4"].size(), 1u);
  const nlohmann::json& subnet = c["subnet4"][0];
  EXPECT_EQ(subnet["id"], 1);
  EXPECT_EQ(subnet["subnet"], "100.64.0.0/28");
  EXPECT_EQ(subnet["pools"][0]["pool"], "100.64.0.1 - 100.64.0.14");
  EXPECT_EQ(subnet["relay"]["ip-addresses"], nlohmann::json::array({"127.0.0.2"}));
  ASSERT_EQ(c["hooks-libraries"].size(), 2u);
  EXPECT_EQ(c["hooks-libraries"][0]["library"], "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so");
  EXPECT_EQ(c["hooks-libraries"][1]["library"], "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_stat_cmds.so");
  EXPECT_FALSE(c.contains("shared-networks"));
}

TEST(KeaConfig, APoolOfSeveralBlocksIsASharedNetwork) {
  KeaSettings s = settings();
  s.pools[0].ranges.push_back(DhcpRange{"100.64.1.0/30", 0x64400101, 0x64400102});
  const nlohmann::json c = kea_config(s)["Dhcp4"];
  EXPECT_FALSE(c.contains("subnet4"));
  ASSERT_EQ(c["shared-networks"].size(), 1u);
  const nlohmann::json& net = c["shared-networks"][0];
  EXPECT_EQ(net["name"], "isp1");
  EXPECT_EQ(net["relay"]["ip-addresses"][0], "127.0.0.2");
  ASSERT_EQ(net["subnet4"].size(), 2u);
  EXPECT_EQ(net["subnet4"][1]["id"], 2);
  EXPECT_EQ(net["subnet4"][1]["pools"][0]["pool"], "100.64.1.1 - 100.64.1.2");
  EXPECT_EQ(s.pools[0].capacity(), 16u);
  EXPECT_TRUE(s.pools[0].contains(0x64400102));
  EXPECT_FALSE(s.pools[0].contains(0x64400103));
  EXPECT_FALSE(s.pools[0].contains(0x64400000));
}

TEST(KeaConfig, LeaseTimesAreWholeSecondsAtTheSpeed) {
  const LeaseTimes a = scaled_lease_times(1200, 600);  // 20 min at 600x: 2 s
  EXPECT_EQ(a.valid, 2u);
  EXPECT_EQ(a.renew, 1u);
  EXPECT_EQ(a.rebind, 2u);
  const LeaseTimes b = scaled_lease_times(3600, 60);  // 60 s
  EXPECT_EQ(b.valid, 60u);
  EXPECT_EQ(b.renew, 30u);
  EXPECT_EQ(b.rebind, 53u);  // 52.5 rounded
  const LeaseTimes c = scaled_lease_times(10, 600);  // far below a second: the 2 s floor
  EXPECT_EQ(c.valid, 2u);
  EXPECT_EQ(c.renew, 1u);
  const LeaseTimes d = scaled_lease_times(1e12, 1);  // capped at a year
  EXPECT_EQ(d.valid, 86400u * 365);
  EXPECT_LT(d.renew, d.rebind);
  EXPECT_LT(d.rebind, d.valid);
}

TEST(KeaConfig, ServerForms) {
  EXPECT_TRUE(parse_server("kea")->managed_kea);
  const auto own = parse_server("dhcp://127.0.0.1:6767");
  ASSERT_TRUE(own);
  EXPECT_FALSE(own->managed_kea);
  EXPECT_EQ(own->endpoint.address, 0x7F000001u);
  EXPECT_EQ(own->endpoint.port, 6767);
  EXPECT_EQ(parse_server("dhcp://10.0.0.1")->endpoint.port, 67);
  for (const char* bad : {"", "Kea", "dhcp://", "dhcp://localhost:67", "dhcp://127.0.0.1:", "dhcp://127.0.0.1:0",
                          "dhcp://127.0.0.1:65536", "dhcp://127.0.0.1:6x", "http://127.0.0.1:67",
                          "dhcp://127.0.0.1:99999999999999999999"})
    EXPECT_FALSE(parse_server(bad)) << bad;
}

}  // namespace
}  // namespace provsim::dhcp
