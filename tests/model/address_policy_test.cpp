#include <gtest/gtest.h>

#include "model/address/address_server.hpp"

namespace provsim {
namespace {

const ProviderId kNp(0);
const ProviderId kIsp(1);
SubscriberId sub(std::uint32_t i) { return SubscriberId(i); }

using Kind = AddressEffect::Kind;

// One ISP address (a /32), an NP reserve of 6 (a /29), more blocks on demand.
AddressPlan small_plan(bool with_spare = false) {
  AddressPlan plan;
  plan.network_provider = kNp;
  plan.add({IpPrefix::parse("10.0.0.1/32"), kIsp, "", false});
  plan.add({IpPrefix::parse("100.64.0.0/29"), kNp, "", false});
  if (with_spare) plan.add({IpPrefix::parse("10.0.1.0/30"), kIsp, "", true});
  return plan;
}

AddressServerConfig with_policy(const char* policy) {
  AddressServerConfig c;
  c.pool.policy = policy;
  return c;
}

class Policies : public ::testing::Test {
 protected:
  void start(AddressServerConfig config, bool with_spare = false) {
    server = std::make_unique<AddressServer>(small_plan(with_spare), config, Rng(5));
    for (std::uint32_t i = 0; i < 6; ++i) server->bind(sub(i), kIsp, "", 0);
    ASSERT_EQ(server->lease(sub(0), 0).status, LeaseStatus::kGranted);  // the pool is now full
  }
  const PoolStats& stats() const { return server->pool(PoolId(0)).stats(); }
  std::vector<AddressEffect> take() {
    std::vector<AddressEffect> out(server->effects().begin(), server->effects().end());
    server->clear_effects();
    return out;
  }
  std::unique_ptr<AddressServer> server;
};

TEST_F(Policies, RejectBlocks) {
  start(with_policy("reject"));
  EXPECT_EQ(server->lease(sub(1), 1).status, LeaseStatus::kBlocked);
  EXPECT_TRUE(take().empty());
  EXPECT_EQ(stats().blocked, 1u);
  EXPECT_EQ(stats().over_allocation_requests, 1u);
}

TEST_F(Policies, QueueWaitsFirstComeFirstServedUpToTheTimeout) {
  AddressServerConfig c = with_policy("queue");
  c.policy.queue_timeout = 60;
  start(c);
  EXPECT_EQ(server->lease(sub(1), 10).status, LeaseStatus::kWaiting);
  EXPECT_EQ(server->lease(sub(2), 20).status, LeaseStatus::kWaiting);
  EXPECT_EQ(server->lease(sub(3), 30).status, LeaseStatus::kWaiting);
  EXPECT_TRUE(server->withdraw(sub(2), 35));  // gives up
  EXPECT_EQ(server->next_deadline(), 70);

  server->release(sub(0), 45);  // the first in line gets it
  auto effects = take();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].kind, Kind::kLeaseGranted);
  EXPECT_EQ(effects[0].subscriber, sub(1));
  EXPECT_DOUBLE_EQ(effects[0].waited, 35);
  EXPECT_TRUE(server->lease_of(sub(1)));

  server->advance(90);  // sub 3 waited from 30 to 90
  effects = take();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].kind, Kind::kLeaseBlocked);
  EXPECT_EQ(effects[0].subscriber, sub(3));
  EXPECT_DOUBLE_EQ(effects[0].waited, 60);
  EXPECT_FALSE(server->waiting(sub(3)));

  EXPECT_EQ(stats().attempts, 4u);
  EXPECT_EQ(stats().waited, 3u);
  EXPECT_EQ(stats().wait_granted, 1u);
  EXPECT_EQ(stats().wait_timeouts, 1u);
  EXPECT_EQ(stats().wait_withdrawn, 1u);
  EXPECT_EQ(stats().blocked, 1u);
  EXPECT_EQ(stats().waiting, 0u);
  EXPECT_DOUBLE_EQ(stats().mean_wait(), 35);
  server->check_invariants();
}

TEST_F(Policies, BorrowAsksTheReserveAndReturnsTheLoanAfterTheHold) {
  AddressServerConfig c = with_policy("borrow");
  c.policy.borrow_count = 4;
  c.pool.borrow_cap = 5;
  c.pool.high_water = 0.8;
  c.pool.loan_hold = 100;
  start(c);
  EXPECT_EQ(server->lease(sub(1), 1).status, LeaseStatus::kWaiting);
  auto effects = take();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].kind, Kind::kRequestLoan);
  EXPECT_EQ(effects[0].count, 4u);
  const RequestId loan = effects[0].request;
  // A second exhaustion while the loan is on its way asks nothing more.
  EXPECT_EQ(server->lease(sub(2), 1.5).status, LeaseStatus::kWaiting);
  EXPECT_TRUE(take().empty());

  server->complete(loan, 2);  // the reserve's answer, 1 s later
  effects = take();
  ASSERT_EQ(effects.size(), 3u);
  EXPECT_EQ(effects[0].kind, Kind::kLoanGranted);
  EXPECT_EQ(effects[0].count, 4u);
  EXPECT_EQ(effects[1].kind, Kind::kLeaseGranted);
  EXPECT_EQ(effects[1].subscriber, sub(1));
  EXPECT_DOUBLE_EQ(effects[1].waited, 1);
  EXPECT_EQ(effects[2].subscriber, sub(2));
  EXPECT_EQ(stats().capacity, 5u);
  EXPECT_EQ(stats().borrowed, 4u);
  EXPECT_EQ(server->reserve_lent(), 4u);
  const auto lease1 = server->lease_of(sub(1));
  EXPECT_EQ(server->address_text(server->pool(lease1->first), lease1->second).rfind("100.64.0.", 0), 0u);
  server->check_invariants();

  // 3 of 5 leased (0.6) is below high water since the loan came at t = 2:
  // the loans go back at 102, as many as keep utilisation <= 0.8: 5 - ceil(3 / 0.8) = 1.
  EXPECT_EQ(server->next_deadline(), 102);
  server->advance(102);
  effects = take();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].kind, Kind::kLoanReturned);
  EXPECT_EQ(effects[0].count, 1u);
  EXPECT_EQ(stats().borrowed, 3u);
  EXPECT_EQ(server->reserve_lent(), 3u);
  // Everyone leaves; after another hold every free borrowed address goes back.
  for (std::uint32_t i = 0; i < 3; ++i) server->release(sub(i), 110);
  server->advance(202);
  EXPECT_EQ(stats().borrowed, 0u);
  EXPECT_EQ(stats().returned_total, 4u);
  EXPECT_EQ(stats().borrowed_total, 4u);
  EXPECT_EQ(server->reserve_lent(), 0u);
  EXPECT_EQ(server->reserve().free_count(), 6u);
  server->check_invariants();
}

TEST_F(Policies, BorrowIsCappedPerIsp) {
  AddressServerConfig c = with_policy("borrow");
  c.policy.borrow_count = 4;
  c.pool.borrow_cap = 2;
  start(c);
  server->lease(sub(1), 1);
  auto effects = take();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].count, 2u);  // asked only up to the cap
  server->complete(effects[0].request, 2);
  take();
  server->lease(sub(2), 3);
  // Pool full again, cap reached: no request, and no point waiting.
  EXPECT_EQ(server->lease(sub(3), 4).status, LeaseStatus::kBlocked);
  EXPECT_TRUE(take().empty());
  EXPECT_EQ(stats().loan_requests, 1u);
  server->check_invariants();
}

TEST_F(Policies, PreemptTakesTheLingeringLease) {
  start(with_policy("preempt"));
  EXPECT_EQ(server->lease(sub(1), 5).status, LeaseStatus::kBlocked);  // sub 0 is online: nothing idle
  server->vanish(sub(0), 10);
  const Slot slot = server->lease_of(sub(0))->second;
  const LeaseReply r = server->lease(sub(1), 20);
  ASSERT_EQ(r.status, LeaseStatus::kGranted);
  EXPECT_EQ(r.slot, slot);
  auto effects = take();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].kind, Kind::kLeaseRevoked);
  EXPECT_EQ(effects[0].subscriber, sub(0));
  EXPECT_FALSE(server->lease_of(sub(0)));
  EXPECT_EQ(stats().preempted, 1u);
  EXPECT_EQ(stats().blocked, 1u);
  server->check_invariants();
}

TEST_F(Policies, PreemptInExplicitModeTakesALeaseThatMissedItsRenewals) {
  AddressServerConfig c = with_policy("preempt");
  c.auto_renew = false;
  c.lease_time = 100;  // idle after 50 s without renewal
  start(c);
  EXPECT_EQ(server->lease(sub(1), 50).status, LeaseStatus::kBlocked);
  EXPECT_EQ(server->lease(sub(1), 51).status, LeaseStatus::kGranted);
  EXPECT_EQ(stats().preempted, 1u);
}

TEST_F(Policies, GrowAddsASpareBlock) {
  start(with_policy("grow"), /*with_spare=*/true);
  EXPECT_EQ(server->lease(sub(1), 1).status, LeaseStatus::kBlocked);
  auto effects = take();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].kind, Kind::kRequestBlock);
  server->complete(effects[0].request, 86400);  // a day later
  effects = take();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].kind, Kind::kBlockAdded);
  EXPECT_EQ(effects[0].count, 2u);  // 10.0.1.0/30 without network and broadcast
  EXPECT_EQ(stats().capacity, 3u);
  EXPECT_EQ(stats().own_capacity, 3u);
  EXPECT_EQ(stats().grown_blocks, 1u);
  EXPECT_EQ(server->lease(sub(1), 86401).status, LeaseStatus::kGranted);
  // No spare left: nothing more to ask for.
  server->lease(sub(2), 86402);
  EXPECT_EQ(server->lease(sub(3), 86403).status, LeaseStatus::kBlocked);
  EXPECT_TRUE(take().empty());
  EXPECT_EQ(stats().grow_requests, 1u);
  server->check_invariants();
}

TEST_F(Policies, GrowAdmitsBindingsBeyondTheRatioWhileASpareRemains) {
  AddressServerConfig c = with_policy("grow");
  c.pool.max_ratio = 6;
  start(c, /*with_spare=*/true);  // 6 bound to 1 address: at the limit
  EXPECT_EQ(server->bind(sub(6), kIsp, "", 1), BindStatus::kBound);
  auto effects = take();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].kind, Kind::kRequestBlock);
  server->complete(effects[0].request, 2);
  EXPECT_EQ(stats().capacity, 3u);
  EXPECT_DOUBLE_EQ(stats().over_allocation_ratio(), 7.0 / 3.0);
}

// A researcher's policy: one class plus one registration.
class WaitBrieflyPolicy final : public OverAllocationPolicy {
 public:
  std::string_view name() const override { return "wait-briefly"; }
  PolicyDecision decide(OverAllocationTrigger trigger, const PoolView& pool) override {
    if (trigger != OverAllocationTrigger::kLeaseExhausted || pool.waiting >= 1) return PolicyDecision::block();
    return PolicyDecision::wait(5);
  }
};

TEST(PolicyRegistry, TakesAResearchersPolicy) {
  PolicyRegistry registry = PolicyRegistry::with_builtins();
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"borrow", "grow", "preempt", "queue", "reject"}));
  registry.add("wait-briefly", [](const PolicyOptions&) { return std::make_unique<WaitBrieflyPolicy>(); });
  AddressServerConfig c = with_policy("wait-briefly");
  AddressServer s(small_plan(), c, Rng(1), AllocatorRegistry::with_builtins(), registry);
  for (std::uint32_t i = 0; i < 3; ++i) s.bind(sub(i), kIsp, "", 0);
  s.lease(sub(0), 0);
  EXPECT_EQ(s.lease(sub(1), 0).status, LeaseStatus::kWaiting);
  EXPECT_EQ(s.lease(sub(2), 0).status, LeaseStatus::kBlocked);
  EXPECT_THROW(PolicyRegistry::with_builtins().create("wait-briefly"), std::invalid_argument);
}

}  // namespace
}  // namespace provsim
