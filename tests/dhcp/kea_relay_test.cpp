// The relay-agent client against a real kea-dhcp4 on loopback, started and
// stopped by each test: DORA, exhaustion (no OFFER), renewal, release and
// reuse, expiry and reclamation, read back over Kea's control socket.
// Skipped, with the reason, where Kea cannot run (not root, not installed).

#include <gtest/gtest.h>

#include <signal.h>

#include <filesystem>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "sut/dhcp/control_socket.hpp"
#include "sut/dhcp/kea_server.hpp"
#include "sut/dhcp/relay_client.hpp"
#include "sut/dhcp/session_driver.hpp"
#include "tests/dhcp/kea_support.hpp"

namespace provsim::dhcp {
namespace {

constexpr Ipv4 kRelay = 0x7F000002;  // 127.0.0.2

class KeaRelay : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string why = testing::kea_unavailable(install_);
    if (!why.empty()) GTEST_SKIP() << why;
    std::random_device rd;
    dir_ = std::filesystem::path("/tmp") / ("provsim-kea-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (kea_) {
      const pid_t pid = kea_->pid();
      EXPECT_TRUE(kea_->stop()) << "Kea did not stop on SIGTERM";
      EXPECT_NE(::kill(pid, 0), 0) << "Kea still running";
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // A Kea serving `subnet` (usable first..last) behind the relay.
  void start(const std::string& subnet, Ipv4 first, Ipv4 last, LeaseTimes lease) {
    KeaSettings s;
    s.run_dir = dir_;
    s.relay = kRelay;
    s.pools = {DhcpPool{"isp1", {DhcpRange{subnet, first, last}}}};
    s.lease = lease;
    s.hooks_dir = install_.hooks_dir;
    kea_.emplace(install_, s);
  }

  std::map<std::string, std::int64_t> stats() { return latest_statistics(kea_->command("statistic-get-all")); }

  static RelayClient::Options client_options() {
    RelayClient::Options o;
    o.relay = Endpoint{kRelay, 67};
    o.server = Endpoint{0x7F000001, 67};
    o.timeout = std::chrono::milliseconds(300);
    return o;
  }

  static ClientIdentity who(std::uint32_t n) {
    return ClientIdentity{text_client_id("t-" + std::to_string(n)), local_mac(n + 1)};
  }

  // Waits for `n` completions (or 10 s).
  static std::vector<Completion> collect(RelayClient& c, std::size_t n) {
    std::vector<Completion> all;
    const auto give_up = Clock::now() + std::chrono::seconds(10);
    while (all.size() < n && Clock::now() < give_up)
      for (const Completion& x : c.poll(give_up)) all.push_back(x);
    return all;
  }

  KeaInstall install_;
  std::filesystem::path dir_;
  std::optional<KeaServer> kea_;
};

TEST_F(KeaRelay, DoraExhaustionRenewReleaseAndReuse) {
  start("100.64.0.0/29", 0x64400001, 0x64400006, LeaseTimes{30, 15, 26});  // 6 addresses
  RelayClient client(client_options());
  for (std::uint32_t n = 0; n < 6; ++n) client.discover(n, who(n));
  std::set<Ipv4> addresses;
  std::map<std::uint64_t, Completion> by_client;
  for (const Completion& c : collect(client, 6)) {
    ASSERT_EQ(c.outcome, Outcome::kAck) << outcome_name(c.outcome);
    EXPECT_GE(c.address, 0x64400001u);
    EXPECT_LE(c.address, 0x64400006u);
    EXPECT_EQ(c.server_id, 0x7F000001u);  // Kea answers from its loopback address
    EXPECT_EQ(c.lease_time, 30u);
    EXPECT_EQ(c.renewal_time, 15u);
    addresses.insert(c.address);
    by_client[c.tag] = c;
  }
  EXPECT_EQ(addresses.size(), 6u);

  client.discover(6, who(6));  // the pool is full: no OFFER
  std::vector<Completion> c = collect(client, 1);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].outcome, Outcome::kNoOffer);
  std::map<std::string, std::int64_t> s = stats();
  EXPECT_EQ(s["v4-allocation-fail"], 1);
  EXPECT_EQ(s["subnet[1].assigned-addresses"], 6);

  {  // the leases, read back over the control socket
    const nlohmann::json leases = kea_->command("lease4-get-all");
    ASSERT_EQ(leases["leases"].size(), 6u);
    for (const auto& l : leases["leases"]) {
      const Ipv4 a = *parse_ipv4(l["ip-address"].get<std::string>());
      bool found = false;
      for (const auto& [tag, done] : by_client)
        if (done.address == a) {
          EXPECT_EQ(l["client-id"].get<std::string>(), client_id_hex(who(static_cast<std::uint32_t>(tag)).client_id));
          found = true;
        }
      EXPECT_TRUE(found) << l.dump();
    }
  }

  client.renew(2, who(2), by_client[2].address);  // RENEWING: ciaddr, through the relay
  c = collect(client, 1);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].outcome, Outcome::kRenewed);
  EXPECT_EQ(c[0].address, by_client[2].address);

  client.release(who(3), by_client[3].address, by_client[3].server_id);
  client.discover(6, who(6));  // the released address is the one free
  c = collect(client, 1);
  ASSERT_EQ(c.size(), 1u);
  ASSERT_EQ(c[0].outcome, Outcome::kAck);
  EXPECT_EQ(c[0].address, by_client[3].address);
  s = stats();
  EXPECT_EQ(s["pkt4-release-received"], 1);
  EXPECT_EQ(s["subnet[1].assigned-addresses"], 6);
  EXPECT_EQ(s["pkt4-discover-received"], static_cast<std::int64_t>(client.counters().sent[1]));
  EXPECT_EQ(s["pkt4-ack-sent"], static_cast<std::int64_t>(client.counters().received[5]));
  EXPECT_EQ(client.counters().malformed, 0u);
}

TEST_F(KeaRelay, AnExpiredLeaseIsReclaimedAndReused) {
  start("100.64.0.0/30", 0x64400001, 0x64400002, LeaseTimes{2, 1, 1});  // 2 addresses, 2 s leases
  RelayClient client(client_options());
  client.discover(0, who(0));
  client.discover(1, who(1));
  const std::vector<Completion> c = collect(client, 2);
  ASSERT_EQ(c.size(), 2u);
  for (const Completion& x : c) ASSERT_EQ(x.outcome, Outcome::kAck);
  // Both devices vanish: no renewal, no release. After the lease time plus
  // a reclamation pass the server holds nothing and a newcomer is served.
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));
  const std::map<std::string, std::int64_t> s = stats();
  EXPECT_EQ(s.at("reclaimed-leases"), 2);
  EXPECT_EQ(s.at("subnet[1].assigned-addresses"), 0);
  client.discover(2, who(2));
  const std::vector<Completion> d = collect(client, 1);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].outcome, Outcome::kAck);
}

// Transactions per second through Kea with many in flight: printed, never
// asserted (a wall-clock figure). Every DORA must succeed.
TEST_F(KeaRelay, ManyTransactionsInFlight) {
  start("100.64.0.0/22", 0x64400001, 0x644003FE, LeaseTimes{3600, 1800, 3150});  // 1022 addresses
  RelayClient client(client_options());
  constexpr std::uint32_t kClients = 1000;
  constexpr std::size_t kWindow = 64;
  std::vector<Completion> acks;
  std::uint32_t next = 0;
  const auto t0 = Clock::now();
  while (acks.size() < kClients) {
    while (next < kClients && client.in_flight() < kWindow) client.discover(next, who(next)), ++next;
    for (const Completion& c : client.poll(Clock::now() + std::chrono::seconds(1))) {
      ASSERT_EQ(c.outcome, Outcome::kAck) << "client " << c.tag << ": " << outcome_name(c.outcome);
      acks.push_back(c);
    }
  }
  const double dora_s = std::chrono::duration<double>(Clock::now() - t0).count();
  // RELEASEs have no answer: a window of them at a time, the next once the
  // server has counted the last, so a burst never overflows its socket.
  for (std::size_t i = 0; i < acks.size(); ++i) {
    client.release(who(static_cast<std::uint32_t>(acks[i].tag)), acks[i].address, acks[i].server_id);
    if (i % kWindow != kWindow - 1 && i + 1 != acks.size()) continue;
    const auto give_up = Clock::now() + std::chrono::seconds(10);
    while (stats().at("pkt4-release-received") < static_cast<std::int64_t>(i + 1) && Clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::set<Ipv4> distinct;
  for (const Completion& c : acks) distinct.insert(c.address);
  EXPECT_EQ(distinct.size(), kClients);
  EXPECT_EQ(stats().at("pkt4-release-received"), kClients);
  EXPECT_EQ(stats().at("subnet[1].assigned-addresses"), 0);
  std::cout << "[ figures  ] " << kClients << " DORAs (" << 4 * kClients << " messages) in " << dora_s << " s: "
            << kClients / dora_s << " DORA/s, window " << kWindow << "\n";
}

}  // namespace
}  // namespace provsim::dhcp
