// The end-of-run check compares what billing and each party hold (bit masks
// over the subscriber's plan) with the platform's store (lists, in the order
// they were provisioned). These pin down what it must flag and what it must
// let pass: the order of a list does not matter, a missing, extra,
// repeated or foreign item does.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/core/random.hpp"
#include "model/qualification/serviceability.hpp"
#include "sim/billing_desk.hpp"
#include "sim/party_state.hpp"
#include "sim/rating_port.hpp"
#include "tests/support/small_catalog.hpp"

namespace provsim::sim {
namespace {

// Billing forwards each change to rating; the check reads only billing's
// own accounts, so rating here accepts everything and keeps nothing.
class AcceptingRating : public RatingPort {
 public:
  SubscriptionAnswer change_subscription(const SubscriptionChange&) override { return {}; }
  RateAnswer rate(const RateRequest&) override { return {}; }
  CycleStatement close_cycle(SimTime, const InvoiceSink&) override { return {}; }
};

struct Fixture : test_support::SmallCatalog {
  ServiceabilityDb serviceability;
  AcceptingRating rating;
  Fixture() {  // every offering in the plan but music
    for (OfferingId o : {dsl1, dsl8, mail, game, film}) catalog.add_plan_item(plan, PlanItem{o, Money()});
  }

  Request request(Action action, AdapterKind adapter, ProviderId party, OfferingId offering) const {
    Request r;
    r.action = action;
    r.adapter = adapter;
    r.subscriber = SubscriberId(1);
    r.party = party;
    r.plan = plan;
    r.offering = offering;
    return r;
  }

  // What the store says subscriber 1 has, given as lists in any order.
  SubscriberState state(OfferingId tier, std::vector<OfferingId> services, std::vector<OfferingId> entitlements) const {
    SubscriberState s;
    s.access_tier = tier;
    s.isp_services.assign(services.begin(), services.end());
    s.bsp_entitlements.assign(entitlements.begin(), entitlements.end());
    s.billing_plan = plan;
    return s;
  }
};

std::vector<std::string> billing_problems(BillingDesk& billing, const SubscriberState* s) {
  std::vector<std::string> problems;
  billing.check(1, s, problems);
  return problems;
}

TEST(Reconcile, BillingAgreesWithTheStoreWhateverTheOrderOfItsLists) {
  Fixture f;
  BillingDesk billing(f.catalog, f.rating);
  const std::vector<OfferingId> items{f.dsl1, f.mail, f.game, f.film};
  ASSERT_EQ(
      billing.preload(f.request(Action::kOpen, AdapterKind::kBilling, ProviderId(), OfferingId()), 0, items).outcome,
      Outcome::kOk);

  SubscriberState same = f.state(f.dsl1, {f.mail}, {f.film, f.game});
  EXPECT_TRUE(billing_problems(billing, &same).empty());
}

TEST(Reconcile, BillingFlagsAMissingExtraRepeatedOrForeignItem) {
  Fixture f;
  BillingDesk billing(f.catalog, f.rating);
  const std::vector<OfferingId> items{f.dsl1, f.mail, f.game};
  ASSERT_EQ(
      billing.preload(f.request(Action::kOpen, AdapterKind::kBilling, ProviderId(), OfferingId()), 0, items).outcome,
      Outcome::kOk);

  const SubscriberState cases[] = {
      f.state(f.dsl1, {f.mail}, {}),                // an item billed that the store lacks
      f.state(f.dsl1, {f.mail}, {f.game, f.film}),  // one the store has that is not billed
      f.state(f.dsl1, {f.mail}, {f.game, f.game}),  // the store lists one twice
      f.state(f.dsl8, {f.mail}, {f.game}),          // another tier
      f.state(f.dsl1, {f.mail}, {f.music}),         // not in the plan at all
      f.state(OfferingId(), {f.mail}, {f.game}),    // no tier
  };
  for (const SubscriberState& s : cases) {
    const auto problems = billing_problems(billing, &s);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0], "subscriber 1: billed items and platform store disagree");
  }
  EXPECT_EQ(billing_problems(billing, nullptr).size(), 1u);  // an account the store does not know
}

TEST(Reconcile, PartiesAgreeWithTheStoreWhateverTheOrderOfItsLists) {
  Fixture f;
  PartyState parties(f.catalog, f.serviceability, PartyOptions{}, Rng(1));
  ASSERT_EQ(parties.preload(f.request(Action::kCreate, AdapterKind::kIsp, f.isp, f.mail)).outcome, Outcome::kOk);
  ASSERT_EQ(parties.preload(f.request(Action::kEntitle, AdapterKind::kBsp, f.bsp, f.game)).outcome, Outcome::kOk);
  ASSERT_EQ(parties.preload(f.request(Action::kEntitle, AdapterKind::kBsp, f.bsp, f.film)).outcome, Outcome::kOk);

  std::vector<std::string> problems;
  const SubscriberState same = f.state(f.dsl1, {f.mail}, {f.film, f.game});
  parties.check_items(1, &same, problems);
  EXPECT_TRUE(problems.empty());
  // Nothing on either side for a subscriber the parties never heard of.
  parties.check_items(0, nullptr, problems);
  EXPECT_TRUE(problems.empty());
}

TEST(Reconcile, PartiesFlagAMissingExtraRepeatedOrForeignItem) {
  Fixture f;
  PartyState parties(f.catalog, f.serviceability, PartyOptions{}, Rng(1));
  ASSERT_EQ(parties.preload(f.request(Action::kCreate, AdapterKind::kIsp, f.isp, f.mail)).outcome, Outcome::kOk);
  ASSERT_EQ(parties.preload(f.request(Action::kEntitle, AdapterKind::kBsp, f.bsp, f.game)).outcome, Outcome::kOk);

  struct Case {
    SubscriberState state;
    const char* problem;
  };
  const Case cases[] = {
      {f.state(f.dsl1, {}, {f.game}), "subscriber 1: ISP services and platform store disagree"},
      {f.state(f.dsl1, {f.mail, f.mail}, {f.game}), "subscriber 1: ISP services and platform store disagree"},
      {f.state(f.dsl1, {f.mail}, {}), "subscriber 1: BSP entitlements and platform store disagree"},
      {f.state(f.dsl1, {f.mail}, {f.game, f.film}), "subscriber 1: BSP entitlements and platform store disagree"},
      {f.state(f.dsl1, {f.mail}, {f.music}), "subscriber 1: BSP entitlements and platform store disagree"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> problems;
    parties.check_items(1, &c.state, problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0], c.problem);
  }
  std::vector<std::string> problems;
  parties.check_items(1, nullptr, problems);  // the parties hold what the store has forgotten
  EXPECT_EQ(problems.size(), 2u);
}

}  // namespace
}  // namespace provsim::sim
