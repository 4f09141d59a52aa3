#include <gtest/gtest.h>

#include <set>
#include <string>

#include "model/address/address_server.hpp"

namespace provsim {

// Reaches into the server to break it on purpose: the invariant checks must
// notice.
struct AddressServerTestPeer {
  static void point_subscriber_at(AddressServer& s, SubscriberId who, Slot slot) {
    auto& r = s.subscribers_[who.value()];
    r.state = AddressServer::State::kOnline;
    r.slot = slot;
  }
  static void set_reserve_lent(AddressServer& s, std::uint32_t n) { s.reserve_lent_ = n; }
  static SlotInfo& slot(AddressServer& s, PoolId pool, Slot slot) { return s.pools_[pool.value()]->slots_[slot]; }
  static PoolStats& stats(AddressServer& s, PoolId pool) { return s.pools_[pool.value()]->stats_; }
};

namespace {

const ProviderId kNp(0);
const ProviderId kIsp(1);
const ProviderId kIsp2(2);
SubscriberId sub(std::uint32_t i) { return SubscriberId(i); }

AddressPlan plan_of(std::initializer_list<std::pair<const char*, ProviderId>> blocks) {
  AddressPlan plan;
  plan.network_provider = kNp;
  for (const auto& [cidr, owner] : blocks) plan.add(AddressBlock{IpPrefix::parse(cidr), owner, "", false});
  return plan;
}

AddressServerConfig explicit_renewal(Duration lease_time) {
  AddressServerConfig c;
  c.lease_time = lease_time;
  c.auto_renew = false;
  return c;
}

TEST(AddressServer, BuildsOnePoolPerIspAndTheReserve) {
  AddressServer s(plan_of({{"10.0.0.0/24", kIsp}, {"100.64.0.0/29", kNp}, {"10.1.0.0/31", kIsp},
                           {"10.2.0.0/30", kIsp2}}),
                  {}, Rng(1));
  ASSERT_EQ(s.pool_count(), 2u);
  const PoolId p1 = *s.find_pool(kIsp);
  EXPECT_EQ(s.pool(p1).stats().capacity, 254u + 2u);  // /24 without network and broadcast, /31 whole
  EXPECT_EQ(s.pool(*s.find_pool(kIsp2)).stats().capacity, 2u);
  EXPECT_EQ(s.reserve().stats().capacity, 6u);
  EXPECT_FALSE(s.find_pool(ProviderId(9)));
  EXPECT_TRUE(s.invariant_violations().empty());
}

TEST(AddressServer, PoolsPerRegion) {
  AddressPlan plan;
  plan.network_provider = kNp;
  plan.add({IpPrefix::parse("10.0.0.0/24"), kIsp, "north", false});
  plan.add({IpPrefix::parse("10.0.1.0/24"), kIsp, "south", false});
  plan.add({IpPrefix::parse("10.0.2.0/24"), kIsp, "", false});
  AddressServerConfig c;
  c.pool_per_region = true;
  AddressServer s(plan, c, Rng(1));
  EXPECT_EQ(s.pool_count(), 3u);
  EXPECT_EQ(s.pool(*s.find_pool(kIsp, "south")).region(), "south");
  EXPECT_EQ(s.pool(*s.find_pool(kIsp, "east")).region(), "");  // falls back on the region-less pool
}

TEST(AddressServer, LeaseReleaseAndStatistics) {
  AddressServer s(plan_of({{"10.0.0.0/29", kIsp}}), {}, Rng(1));
  const PoolId p = *s.find_pool(kIsp);
  for (std::uint32_t i = 0; i < 8; ++i) ASSERT_EQ(s.bind(sub(i), kIsp, "", 0), BindStatus::kBound);
  EXPECT_EQ(s.bind(sub(0), kIsp, "", 0), BindStatus::kBound);  // a retried binding is a no-op
  EXPECT_EQ(s.bind(sub(0), kIsp2, "", 0), BindStatus::kNoPool);
  EXPECT_DOUBLE_EQ(s.pool(p).stats().over_allocation_ratio(), 8.0 / 6.0);

  std::set<std::string> addresses;
  for (std::uint32_t i = 0; i < 6; ++i) {
    const LeaseReply r = s.lease(sub(i), 10);
    ASSERT_EQ(r.status, LeaseStatus::kGranted);
    addresses.insert(s.address_text(s.pool(p), r.slot));
  }
  // Free-queue order: 10.0.0.1 first, never the network (.0) or broadcast (.7).
  EXPECT_EQ(addresses, (std::set<std::string>{"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5",
                                              "10.0.0.6"}));
  EXPECT_EQ(s.lease(sub(6), 11).status, LeaseStatus::kBlocked);
  // Asking again while holding a lease returns the same address.
  EXPECT_EQ(s.lease(sub(0), 12).slot, s.lease_of(sub(0))->second);
  EXPECT_TRUE(s.release(sub(2), 20));
  EXPECT_FALSE(s.release(sub(2), 21));
  EXPECT_EQ(s.lease(sub(6), 22).status, LeaseStatus::kGranted);
  EXPECT_EQ(s.lease(sub(99), 22).status, LeaseStatus::kNotBound);

  const PoolStats& st = s.pool(p).stats();
  EXPECT_EQ(st.capacity, 6u);
  EXPECT_EQ(st.bound, 8u);
  EXPECT_EQ(st.leased, 6u);
  EXPECT_EQ(st.peak_leased, 6u);
  EXPECT_EQ(st.attempts, 8u);
  EXPECT_EQ(st.granted, 7u);
  EXPECT_EQ(st.blocked, 1u);
  EXPECT_EQ(st.releases, 1u);
  EXPECT_EQ(st.over_allocation_requests, 1u);
  EXPECT_DOUBLE_EQ(st.blocking(), 1.0 / 8.0);
  EXPECT_DOUBLE_EQ(st.utilisation(), 1.0);
  s.check_invariants();

  // Unbinding releases the lease.
  EXPECT_TRUE(s.unbind(sub(0), 30));
  EXPECT_FALSE(s.bound(sub(0)));
  EXPECT_EQ(s.pool(p).stats().leased, 5u);
  EXPECT_EQ(s.pool(p).stats().bound, 7u);
  EXPECT_EQ(s.pool(p).stats().unbinds, 1u);
  s.check_invariants();
}

TEST(AddressServer, ExplicitRenewalAndExpiry) {
  AddressServer s(plan_of({{"10.0.0.0/30", kIsp}}), explicit_renewal(100), Rng(1));
  s.bind(sub(1), kIsp, "", 0);
  s.bind(sub(2), kIsp, "", 0);
  EXPECT_EQ(s.next_deadline(), std::numeric_limits<SimTime>::infinity());
  s.lease(sub(1), 0);
  s.lease(sub(2), 30);
  EXPECT_EQ(s.next_deadline(), 100);
  EXPECT_TRUE(s.renew(sub(1), 60));  // now expires at 160
  EXPECT_EQ(s.next_deadline(), 130);
  s.advance(129);
  EXPECT_TRUE(s.effects().empty());
  s.advance(130);
  ASSERT_EQ(s.effects().size(), 1u);
  EXPECT_EQ(s.effects()[0].kind, AddressEffect::Kind::kLeaseExpired);
  EXPECT_EQ(s.effects()[0].subscriber, sub(2));
  s.clear_effects();
  EXPECT_FALSE(s.lease_of(sub(2)));
  EXPECT_EQ(s.next_deadline(), 160);
  const PoolStats& st = s.pool(*s.find_pool(kIsp)).stats();
  EXPECT_EQ(st.expiries, 1u);
  EXPECT_EQ(st.renewals, 1u);
  EXPECT_EQ(st.leased, 1u);
  s.check_invariants();
}

TEST(AddressServer, AutoRenewedLeaseExpiresAfterItsDeviceVanishes) {
  AddressServerConfig c;
  c.lease_time = 100;  // implicit renewals every 50 s
  AddressServer s(plan_of({{"10.0.0.0/30", kIsp}}), c, Rng(1));
  s.bind(sub(1), kIsp, "", 0);
  s.lease(sub(1), 10);
  EXPECT_EQ(s.next_deadline(), std::numeric_limits<SimTime>::infinity());  // online: never expires
  EXPECT_TRUE(s.vanish(sub(1), 140));  // last renewal at 10 + 2 * 50 = 110
  EXPECT_EQ(s.next_deadline(), 210);
  // The device comes back and asks again before expiry: same address, online.
  const Slot slot = s.lease_of(sub(1))->second;
  EXPECT_EQ(s.lease(sub(1), 150).slot, slot);
  EXPECT_EQ(s.next_deadline(), std::numeric_limits<SimTime>::infinity());
  s.vanish(sub(1), 150);  // renewed at 150: expiry 250
  s.advance(250);
  EXPECT_FALSE(s.lease_of(sub(1)));
  EXPECT_EQ(s.pool(*s.find_pool(kIsp)).stats().expiries, 1u);
}

TEST(AddressServer, DeclinedAddressRestsInProbation) {
  AddressServerConfig c;
  c.probation = 600;
  AddressServer s(plan_of({{"10.0.0.5/32", kIsp}}), c, Rng(1));
  s.bind(sub(1), kIsp, "", 0);
  s.bind(sub(2), kIsp, "", 0);
  ASSERT_EQ(s.lease(sub(1), 0).status, LeaseStatus::kGranted);
  EXPECT_TRUE(s.decline(sub(1), 5));
  EXPECT_FALSE(s.lease_of(sub(1)));
  EXPECT_EQ(s.lease(sub(2), 10).status, LeaseStatus::kBlocked);
  EXPECT_EQ(s.next_deadline(), 605);
  s.advance(605);
  const LeaseReply r = s.lease(sub(2), 606);
  ASSERT_EQ(r.status, LeaseStatus::kGranted);
  EXPECT_EQ(s.address_text(s.pool(*s.find_pool(kIsp)), r.slot), "10.0.0.5");
  const PoolStats& st = s.pool(*s.find_pool(kIsp)).stats();
  EXPECT_EQ(st.declines, 1u);
  EXPECT_EQ(st.probation, 0u);
  s.check_invariants();
}

TEST(AddressServer, StickyGivesBackThePreviousAddress) {
  AddressServerConfig c;
  c.pool.allocator = "sticky";
  AddressServer s(plan_of({{"10.0.0.0/24", kIsp}}), c, Rng(1));
  const PoolId p = *s.find_pool(kIsp);
  for (std::uint32_t i = 0; i < 3; ++i) s.bind(sub(i), kIsp, "", 0);
  const Slot first = s.lease(sub(1), 0).slot;
  s.lease(sub(2), 0);
  s.release(sub(1), 10);
  s.release(sub(2), 10);
  EXPECT_EQ(s.lease(sub(1), 20).slot, first);
  EXPECT_EQ(s.address_text(s.pool(p), first), "10.0.0.1");
}

TEST(AddressServer, BindingBeyondTheMaximumRatioIsRefusedByReject) {
  AddressServerConfig c;
  c.pool.max_ratio = 2.0;
  AddressServer s(plan_of({{"10.0.0.0/30", kIsp}}), c, Rng(1));  // 2 addresses: 4 bindings
  for (std::uint32_t i = 0; i < 4; ++i) EXPECT_EQ(s.bind(sub(i), kIsp, "", 0), BindStatus::kBound);
  EXPECT_EQ(s.bind(sub(4), kIsp, "", 0), BindStatus::kRefused);
  const PoolStats& st = s.pool(*s.find_pool(kIsp)).stats();
  EXPECT_EQ(st.bind_attempts, 5u);
  EXPECT_EQ(st.binds_refused, 1u);
  EXPECT_EQ(st.over_allocation_requests, 1u);
  EXPECT_DOUBLE_EQ(st.over_allocation_ratio(), 2.0);
  s.unbind(sub(0), 1);
  EXPECT_EQ(s.bind(sub(4), kIsp, "", 1), BindStatus::kBound);
}

TEST(AddressServer, ThresholdCrossings) {
  AddressServerConfig c;
  c.pool.low_water = 0.5;   // fewer than 3 of 6 free
  c.pool.high_water = 0.5;  // more than 3 of 6 leased
  AddressServer s(plan_of({{"10.0.0.0/29", kIsp}}), c, Rng(1));
  for (std::uint32_t i = 0; i < 6; ++i) s.bind(sub(i), kIsp, "", 0);
  for (std::uint32_t i = 0; i < 6; ++i) s.lease(sub(i), i);
  for (std::uint32_t i = 0; i < 3; ++i) s.release(sub(i), 10);
  for (std::uint32_t i = 0; i < 3; ++i) s.lease(sub(i), 20);
  const PoolStats& st = s.pool(*s.find_pool(kIsp)).stats();
  EXPECT_EQ(st.low_water_crossings, 2u);
  EXPECT_EQ(st.high_water_crossings, 2u);
  EXPECT_EQ(st.over_allocation_requests, 2u);  // the policy is told at each low-water crossing
}

TEST(AddressServer, IpV6PoolUsesABoundedSlice) {
  AddressPlan plan = plan_of({{"2001:db8:0:1::/64", kIsp}});
  plan.v6_slice = 3;
  AddressServer s(plan, {}, Rng(1));
  const PoolId p = *s.find_pool(kIsp);
  EXPECT_EQ(s.pool(p).stats().capacity, 3u);
  for (std::uint32_t i = 0; i < 4; ++i) s.bind(sub(i), kIsp, "", 0);
  EXPECT_EQ(s.address_text(s.pool(p), s.lease(sub(0), 0).slot), "2001:db8:0:1::1");
  s.lease(sub(1), 0);
  EXPECT_EQ(s.address_text(s.pool(p), s.lease(sub(2), 0).slot), "2001:db8:0:1::3");
  EXPECT_EQ(s.lease(sub(3), 0).status, LeaseStatus::kBlocked);
}

// ------------------------------------------------------------ invariants

class BrokenServer : public ::testing::Test {
 protected:
  BrokenServer() : s(plan_of({{"10.0.0.0/29", kIsp}, {"100.64.0.0/29", kNp}, {"10.9.0.0/30", kIsp2}}), {}, Rng(1)) {
    for (std::uint32_t i = 0; i < 4; ++i) s.bind(sub(i), kIsp, "", 0);
    s.lease(sub(0), 0);
    s.lease(sub(1), 0);
    s.check_invariants();
  }
  bool reports(const std::string& words) {
    for (const auto& v : s.invariant_violations())
      if (v.find(words) != std::string::npos) return true;
    ADD_FAILURE() << "no violation mentions '" << words << "'";
    return false;
  }
  AddressServer s;
  PoolId p{0};
};

TEST_F(BrokenServer, DetectsAnAddressHeldByTwoSubscribers) {
  AddressServerTestPeer::point_subscriber_at(s, sub(2), s.lease_of(sub(0))->second);
  EXPECT_TRUE(reports("subscriber 2 holds a lease its pool does not record"));
  EXPECT_THROW(s.check_invariants(), std::logic_error);
}

TEST_F(BrokenServer, DetectsTheSameAddressInTwoSlots) {
  const Slot a = s.lease_of(sub(0))->second;
  const Slot b = s.lease_of(sub(1))->second;
  AddressServerTestPeer::slot(s, p, b).offset = AddressServerTestPeer::slot(s, p, a).offset;
  EXPECT_TRUE(reports("is held twice: by subscriber 0 and by subscriber 1"));
}

TEST_F(BrokenServer, DetectsALeaseOutsideThePool) {
  const Slot a = s.lease_of(sub(0))->second;
  AddressServerTestPeer::slot(s, p, a).block = 2;  // isp2's block
  EXPECT_TRUE(reports("lies outside the pool's blocks and loans"));
}

TEST_F(BrokenServer, DetectsUnbalancedLoans) {
  AddressServerTestPeer::set_reserve_lent(s, 3);
  EXPECT_TRUE(reports("loans do not balance"));
}

TEST_F(BrokenServer, DetectsACountThatDrifted) {
  AddressServerTestPeer::stats(s, p).leased = 5;
  EXPECT_TRUE(reports("2 addresses leased, stats say 5"));
}

}  // namespace
}  // namespace provsim
