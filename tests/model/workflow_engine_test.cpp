#include "model/provisioning/workflow_engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <tuple>

#include "model/provisioning/idempotency_ledger.hpp"
#include "tests/support/small_catalog.hpp"

namespace provsim {
namespace {

// A small world (tests/support/small_catalog.hpp) and the orders made in it.
struct World : test_support::SmallCatalog {
  Order new_order(std::uint32_t id, std::uint32_t subscriber) const {
    Order o;
    o.id = OrderId(id);
    o.channel = Channel::kIspWeb;
    o.kind = OrderKind::kNew;
    o.subscriber = SubscriberId(subscriber);
    o.isp = isp;
    o.line = LineId(subscriber);
    o.plan = plan;
    o.access_tier = dsl1;
    o.isp_services = {mail};
    o.bsp_offerings = {game, film};
    return o;
  }
  Order change(std::uint32_t id, std::uint32_t subscriber, ChangeKind kind, OfferingId offering) const {
    Order o = new_order(id, subscriber);
    o.kind = OrderKind::kChange;
    o.change = kind;
    o.isp_services.clear();
    o.bsp_offerings.clear();
    if (kind == ChangeKind::kChangeTier)
      o.access_tier = offering;
    else
      o.bsp_offerings = {offering};
    return o;
  }
  Order disconnect(std::uint32_t id, std::uint32_t subscriber) const {
    Order o = new_order(id, subscriber);
    o.kind = OrderKind::kDisconnect;
    o.isp_services.clear();
    o.bsp_offerings.clear();
    return o;
  }
};

EngineConfig no_jitter() {
  EngineConfig c;
  c.retry.jitter = 0;
  c.retry.base_backoff = 2;
  c.retry.multiplier = 2;
  return c;
}

// Drives an engine the way the SimGrid actor will: every request is
// answered `latency` seconds after it is sent by the `party` function
// (nothing: the answer is lost), and the engine is woken at its timers.
struct Driver {
  using Party = std::function<std::optional<Outcome>(const Request&)>;

  explicit Driver(WorkflowEngine& e) : engine(e) {}

  WorkflowEngine& engine;
  Party party = [](const Request&) { return std::optional<Outcome>(Outcome::kOk); };
  std::function<Duration(const Request&)> latency = [](const Request&) { return 1.0; };
  SimTime now = 0;
  std::vector<Request> sent;
  std::vector<OrderResult> finished;
  std::multimap<SimTime, std::pair<TaskRequestId, Outcome>> answers;

  void absorb(Effects e) {
    for (const Request& r : e.requests) {
      sent.push_back(r);
      if (auto outcome = party(r)) answers.emplace(now + latency(r), std::pair(r.id, *outcome));
    }
    for (OrderResult& f : e.finished) finished.push_back(std::move(f));
  }
  void start(const Order& o) { absorb(engine.start(o, now)); }
  // Runs until nothing is left to happen.
  void run() {
    while (true) {
      const auto wake = engine.next_wakeup();
      const bool answer_first = !answers.empty() && (!wake || answers.begin()->first <= *wake);
      if (answer_first) {
        auto it = answers.begin();
        now = it->first;
        const auto [id, outcome] = it->second;
        answers.erase(it);
        absorb(engine.on_response(id, outcome, now));
      } else if (wake) {
        now = *wake;
        absorb(engine.advance(now));
      } else {
        return;
      }
    }
  }
  const OrderResult& result(OrderId id) const {
    auto it = std::find_if(finished.begin(), finished.end(), [&](const OrderResult& r) { return r.order == id; });
    if (it == finished.end()) throw std::logic_error("order not finished");
    return *it;
  }
  std::vector<std::pair<AdapterKind, Action>> actions() const {
    std::vector<std::pair<AdapterKind, Action>> out;
    for (const Request& r : sent) out.emplace_back(r.adapter, r.action);
    return out;
  }
};

using AA = std::pair<AdapterKind, Action>;
constexpr AA kActivate{AdapterKind::kNetwork, Action::kActivate};
constexpr AA kDeactivate{AdapterKind::kNetwork, Action::kDeactivate};
constexpr AA kBind{AdapterKind::kAddress, Action::kBind};
constexpr AA kRelease{AdapterKind::kAddress, Action::kRelease};
constexpr AA kCreate{AdapterKind::kIsp, Action::kCreate};
constexpr AA kDelete{AdapterKind::kIsp, Action::kDelete};
constexpr AA kEntitle{AdapterKind::kBsp, Action::kEntitle};
constexpr AA kRevoke{AdapterKind::kBsp, Action::kRevoke};
constexpr AA kOpen{AdapterKind::kBilling, Action::kOpen};
constexpr AA kClose{AdapterKind::kBilling, Action::kClose};

class WorkflowTest : public ::testing::Test {
 protected:
  World w;
  Rng rng{42};
  WorkflowEngine engine{w.catalog, no_jitter(), rng};
  Driver d{engine};
};

TEST_F(WorkflowTest, NewOrderRunsNetworkThenAddressThenServicesInParallelThenBilling) {
  d.start(w.new_order(1, 7));
  d.run();
  EXPECT_EQ(d.actions(), (std::vector<AA>{kActivate, kBind, kCreate, kEntitle, kEntitle, kOpen}));
  // One second per step: the device at t = 0, the address at 1, the three
  // services together at 2, billing at 3.
  std::vector<SimTime> times;
  for (const Request& r : d.sent) times.push_back(r.sent_at);
  EXPECT_EQ(times, (std::vector<SimTime>{0, 1, 2, 2, 2, 3}));

  const OrderResult& r = d.result(OrderId(1));
  EXPECT_EQ(r.state, OrderState::kCompleted);
  EXPECT_TRUE(r.reason.empty());
  EXPECT_DOUBLE_EQ(r.started_at, 0);
  EXPECT_DOUBLE_EQ(r.finished_at, 4);
  ASSERT_EQ(r.steps.size(), 6u);
  EXPECT_DOUBLE_EQ(r.steps[5].ready_at, 3);
  EXPECT_DOUBLE_EQ(r.steps[5].started_at, 3);
  EXPECT_DOUBLE_EQ(r.steps[5].finished_at, 4);
  EXPECT_EQ(r.steps[3].final_state, TaskState::kDone);
  EXPECT_EQ(engine.active_orders(), 0u);

  const SubscriberState* s = engine.store().find(SubscriberId(7));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->access_tier, w.dsl1);
  EXPECT_EQ(s->line, LineId(7));
  EXPECT_EQ(s->address_pool, w.isp);
  EXPECT_EQ(s->isp_services, (OfferingList<4>{w.mail}));
  EXPECT_EQ(s->bsp_entitlements, (OfferingList<8>{w.game, w.film}));
  EXPECT_EQ(s->billing_plan, w.plan);
}

TEST_F(WorkflowTest, RequestsCarryWhatThePartyNeeds) {
  d.start(w.new_order(1, 7));
  d.run();
  const Request& entitle = d.sent[4];
  EXPECT_EQ(entitle.party, w.bsp);
  EXPECT_EQ(entitle.offering, w.film);
  EXPECT_EQ(entitle.subscriber, SubscriberId(7));
  EXPECT_EQ(entitle.order, OrderId(1));
  EXPECT_EQ(entitle.attempt, 1);
  EXPECT_FALSE(entitle.compensation);
  EXPECT_DOUBLE_EQ(entitle.deadline, 2 + 20.0);  // the BSP timeout
  EXPECT_EQ(d.sent[0].party, w.np);
  EXPECT_EQ(d.sent[0].offering, w.dsl1);
  EXPECT_EQ(d.sent[1].party, w.isp);
  EXPECT_EQ(d.sent[5].plan, w.plan);
}

TEST_F(WorkflowTest, ChangeOrdersAddRemoveBspAndChangeTier) {
  d.start(w.new_order(1, 7));
  d.run();
  d.sent.clear();
  d.start(w.change(2, 7, ChangeKind::kAddBsp, w.music));
  d.run();
  EXPECT_EQ(d.actions(), (std::vector<AA>{kEntitle, {AdapterKind::kBilling, Action::kAddItem}}));
  EXPECT_EQ(engine.store().find(SubscriberId(7))->bsp_entitlements, (OfferingList<8>{w.game, w.film, w.music}));

  d.sent.clear();
  d.start(w.change(3, 7, ChangeKind::kRemoveBsp, w.game));
  d.run();
  EXPECT_EQ(d.actions(), (std::vector<AA>{kRevoke, {AdapterKind::kBilling, Action::kRemoveItem}}));
  EXPECT_EQ(engine.store().find(SubscriberId(7))->bsp_entitlements, (OfferingList<8>{w.film, w.music}));

  d.sent.clear();
  d.start(w.change(4, 7, ChangeKind::kChangeTier, w.dsl8));
  d.run();
  ASSERT_EQ(d.sent.size(), 2u);
  EXPECT_EQ(d.sent[0].action, Action::kModify);
  EXPECT_EQ(d.sent[0].offering, w.dsl8);
  EXPECT_EQ(d.sent[0].previous, w.dsl1);
  EXPECT_EQ(d.sent[1].adapter, AdapterKind::kBilling);
  EXPECT_EQ(engine.store().find(SubscriberId(7))->access_tier, w.dsl8);
  for (std::uint32_t id : {2u, 3u, 4u}) EXPECT_EQ(d.result(OrderId(id)).state, OrderState::kCompleted);
}

TEST_F(WorkflowTest, InvalidChangesAreRejectedAtOnce) {
  d.start(w.change(1, 7, ChangeKind::kAddBsp, w.music));  // nothing provisioned yet
  EXPECT_EQ(d.result(OrderId(1)).state, OrderState::kFailed);
  EXPECT_EQ(d.result(OrderId(1)).reason, "nothing_provisioned");
  d.start(w.new_order(2, 7));
  d.start(w.new_order(3, 7));  // the same subscriber, while order 2 runs
  EXPECT_EQ(d.result(OrderId(3)).reason, "subscriber_busy");
  d.run();
  d.start(w.change(4, 7, ChangeKind::kAddBsp, w.game));
  EXPECT_EQ(d.result(OrderId(4)).reason, "already_entitled");
  d.start(w.change(5, 7, ChangeKind::kChangeTier, w.dsl1));
  EXPECT_EQ(d.result(OrderId(5)).reason, "same_tier");
  d.start(w.new_order(6, 7));
  EXPECT_EQ(d.result(OrderId(6)).reason, "already_provisioned");
  EXPECT_TRUE(d.sent.size() == 6u);  // only order 2 sent anything
  EXPECT_EQ(engine.counts().started, 6u);
  EXPECT_EQ(engine.counts().failed, 5u);
  EXPECT_EQ(engine.counts().completed, 1u);
}

TEST_F(WorkflowTest, DisconnectRunsTheReversePathAndEmptiesTheStore) {
  d.start(w.new_order(1, 7));
  d.run();
  d.sent.clear();
  d.start(w.disconnect(2, 7));
  d.run();
  EXPECT_EQ(d.actions(), (std::vector<AA>{kRevoke, kRevoke, kDelete, kRelease, kDeactivate, kClose}));
  EXPECT_EQ(d.sent[3].party, w.isp);
  EXPECT_EQ(d.sent[5].plan, w.plan);
  EXPECT_EQ(d.result(OrderId(2)).state, OrderState::kCompleted);
  EXPECT_TRUE(engine.store().find(SubscriberId(7))->empty());
  EXPECT_EQ(engine.store().active_subscribers(), 0u);
}

TEST_F(WorkflowTest, TransientErrorsAreRetriedWithExponentialBackOff) {
  int failures = 0;
  d.party = [&](const Request& r) {
    if (r.adapter == AdapterKind::kNetwork && failures < 2) {
      ++failures;
      return std::optional(Outcome::kTransientError);
    }
    return std::optional(Outcome::kOk);
  };
  d.start(w.new_order(1, 7));
  d.run();
  // Sent at 0, answered at 1, back-off 2 -> resent at 3, answered at 4,
  // back-off 4 -> resent at 8, done at 9.
  ASSERT_GE(d.sent.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(d.sent[i].action, Action::kActivate);
    EXPECT_EQ(d.sent[i].attempt, i + 1);
    EXPECT_EQ(d.sent[i].key, d.sent[0].key);  // stable across retries
  }
  EXPECT_DOUBLE_EQ(d.sent[0].sent_at, 0);
  EXPECT_DOUBLE_EQ(d.sent[1].sent_at, 3);
  EXPECT_DOUBLE_EQ(d.sent[2].sent_at, 8);
  EXPECT_DOUBLE_EQ(d.sent[3].sent_at, 9);  // address bind after the network is done
  const OrderResult& r = d.result(OrderId(1));
  EXPECT_EQ(r.state, OrderState::kCompleted);
  EXPECT_EQ(r.steps[0].attempts, 3);
  EXPECT_DOUBLE_EQ(r.steps[0].started_at, 0);
  EXPECT_DOUBLE_EQ(r.steps[0].finished_at, 9);
  EXPECT_EQ(engine.counts().retries, 2u);
}

TEST_F(WorkflowTest, ALostAnswerTimesOutAndIsRetried) {
  bool lost = false;
  d.party = [&](const Request& r) -> std::optional<Outcome> {
    if (r.adapter == AdapterKind::kAddress && !lost) {
      lost = true;
      return std::nullopt;
    }
    return Outcome::kOk;
  };
  d.start(w.new_order(1, 7));
  d.run();
  // Bind sent at 1, times out at 1 + 10, back-off 2 -> resent at 13.
  EXPECT_DOUBLE_EQ(d.sent[1].sent_at, 1);
  EXPECT_DOUBLE_EQ(d.sent[2].sent_at, 13);
  EXPECT_EQ(d.sent[2].action, Action::kBind);
  EXPECT_EQ(d.sent[2].attempt, 2);
  EXPECT_EQ(engine.counts().timeouts, 1u);
  EXPECT_EQ(d.result(OrderId(1)).state, OrderState::kCompleted);
}

TEST_F(WorkflowTest, JitterStaysWithinItsBandAndRepeatsWithTheSeed) {
  RetryPolicy p;
  p.base_backoff = 10;
  p.multiplier = 3;
  p.max_backoff = 60;
  p.jitter = 0.25;
  Rng a(9), b(9);
  for (std::uint16_t n = 1; n <= 4; ++n) {
    const double plain = std::min(60.0, 10.0 * std::pow(3.0, n - 1));
    const double x = p.backoff(n, a);
    EXPECT_GE(x, plain * 0.75);
    EXPECT_LT(x, plain * 1.25);
    EXPECT_DOUBLE_EQ(x, p.backoff(n, b));
  }
}

TEST_F(WorkflowTest, RetryBudgetSpentFailsTheOrder) {
  d.party = [](const Request& r) {
    return std::optional(r.adapter == AdapterKind::kNetwork ? Outcome::kTransientError : Outcome::kOk);
  };
  d.start(w.new_order(1, 7));
  d.run();
  EXPECT_EQ(d.sent.size(), 4u);  // max_attempts
  const OrderResult& r = d.result(OrderId(1));
  EXPECT_EQ(r.state, OrderState::kFailed);
  EXPECT_EQ(r.reason, "network activate: transient_error");
  EXPECT_EQ(r.steps[1].final_state, TaskState::kSkipped);
}

// The party side of idempotency: a request whose first attempt went
// through but whose answer was lost is retried with the same key, and the
// party answers from its ledger instead of provisioning again.
TEST_F(WorkflowTest, ARetryOfARequestThatWentThroughDoesNotProvisionTwice) {
  IdempotencyLedger ledger;
  std::map<std::uint64_t, int> provisioned;
  d.party = [&](const Request& r) -> std::optional<Outcome> {
    if (auto prior = ledger.find(r.key)) return *prior;
    ++provisioned[r.key.value];
    ledger.record(r.key, Outcome::kOk);
    if (r.adapter == AdapterKind::kBsp && r.attempt == 1) return std::nullopt;  // answer lost
    return Outcome::kOk;
  };
  d.start(w.new_order(1, 7));
  d.run();
  EXPECT_EQ(d.result(OrderId(1)).state, OrderState::kCompleted);
  EXPECT_EQ(d.sent.size(), 8u);  // two BSP entitlements sent twice each
  EXPECT_EQ(provisioned.size(), 6u);
  for (const auto& [key, times] : provisioned) EXPECT_EQ(times, 1) << key;
}

TEST(IdempotencyLedgerTest, RemembersFinalOutcomesOnly) {
  IdempotencyLedger ledger;
  const auto k1 = IdempotencyKey::make(OrderId(1), 0, false);
  const auto k2 = IdempotencyKey::make(OrderId(1), 1, false);
  ledger.record(k1, Outcome::kPermanentError);
  ledger.record(k2, Outcome::kTransientError);
  EXPECT_EQ(ledger.find(k1), Outcome::kPermanentError);
  EXPECT_FALSE(ledger.find(k2).has_value());
  EXPECT_NE(IdempotencyKey::make(OrderId(1), 0, true), k1);  // undoing is a different request
  EXPECT_NE(IdempotencyKey::make(OrderId(2), 0, false), k1);
}

// A permanent failure at each position of the new-order graph compensates
// exactly the tasks done before it, in reverse order of completion.
class CompensationTest : public WorkflowTest, public ::testing::WithParamInterface<int> {};

TEST_P(CompensationTest, PermanentFailureUndoesExactlyTheDoneTasksInReverse) {
  const int fail_at = GetParam();  // 0 network, 1 address, 2 mail, 3 game, 4 film, 5 billing
  engine.audit().set_buffering(true);
  d.party = [&](const Request& r) {
    return std::optional(!r.compensation && r.task == fail_at ? Outcome::kPermanentError : Outcome::kOk);
  };
  // The parallel services take different times so completion order is not
  // the graph order: film (2 s), then game (2.5 s), then mail (3 s).
  d.latency = [](const Request& r) {
    const bool service = r.adapter == AdapterKind::kIsp || r.adapter == AdapterKind::kBsp;
    return service && !r.compensation ? 4.0 - r.task * 0.5 : 1.0;
  };
  d.start(w.new_order(1, 7));
  d.run();

  std::vector<std::uint16_t> completed;
  for (const AuditRecord& a : engine.audit().drain())
    if (a.to == "done") completed.push_back(a.task);
  std::vector<std::uint16_t> compensated;
  std::vector<AA> undo;
  for (const Request& r : d.sent)
    if (r.compensation) {
      compensated.push_back(r.task);
      undo.emplace_back(r.adapter, r.action);
    }
  // A failing service lets its siblings in flight finish (and be undone).
  constexpr std::size_t kDoneBefore[] = {0, 1, 4, 4, 4, 5};
  EXPECT_EQ(completed.size(), kDoneBefore[fail_at]);
  std::vector<std::uint16_t> expected(completed.rbegin(), completed.rend());
  EXPECT_EQ(compensated, expected);
  for (const AA& a : undo) {
    const bool is_undo = a == kDeactivate || a == kRelease || a == kDelete || a == kRevoke || a == kClose;
    EXPECT_TRUE(is_undo);
  }
  const OrderResult& r = d.result(OrderId(1));
  EXPECT_EQ(r.state, OrderState::kFailed);
  EXPECT_NE(r.reason.find("permanent_error"), std::string::npos);
  EXPECT_FALSE(r.cleanup_incomplete);
  EXPECT_EQ(r.steps[fail_at].final_state, TaskState::kFailed);
  for (std::uint16_t t : completed) EXPECT_EQ(r.steps[t].final_state, TaskState::kCompensated);
  const SubscriberState* held = engine.store().find(SubscriberId(7));
  EXPECT_TRUE(held == nullptr || held->empty());
  EXPECT_EQ(engine.active_orders(), 0u);
}

INSTANTIATE_TEST_SUITE_P(EveryTask, CompensationTest, ::testing::Range(0, 6));

TEST_F(WorkflowTest, CompensationOrderFollowsCompletionNotTheGraph) {
  // mail fails last; game (at 3) and film (at 4) finished before it.
  d.party = [](const Request& r) {
    return std::optional(!r.compensation && r.offering.valid() && r.adapter == AdapterKind::kIsp
                             ? Outcome::kPermanentError
                             : Outcome::kOk);
  };
  d.latency = [&](const Request& r) {
    if (r.adapter == AdapterKind::kIsp && !r.compensation) return 5.0;
    if (r.offering == w.film && !r.compensation) return 2.0;
    return 1.0;
  };
  d.start(w.new_order(1, 7));
  d.run();
  std::vector<AA> undo;
  std::vector<OfferingId> revoked;
  for (const Request& r : d.sent)
    if (r.compensation) {
      undo.emplace_back(r.adapter, r.action);
      if (r.adapter == AdapterKind::kBsp) revoked.push_back(r.offering);
    }
  EXPECT_EQ(undo, (std::vector<AA>{kRevoke, kRevoke, kRelease, kDeactivate}));
  EXPECT_EQ(revoked, (std::vector<OfferingId>{w.film, w.game}));
  EXPECT_EQ(d.result(OrderId(1)).reason, "isp create: permanent_error");
}

TEST_F(WorkflowTest, ATaskWhoseLastAttemptTimedOutIsUndoneInCaseItWentThrough) {
  d.party = [](const Request& r) -> std::optional<Outcome> {
    if (r.adapter == AdapterKind::kAddress && !r.compensation) return std::nullopt;  // never answers
    return Outcome::kOk;
  };
  d.start(w.new_order(1, 7));
  d.run();
  std::vector<AA> undo;
  for (const Request& r : d.sent)
    if (r.compensation) undo.push_back({r.adapter, r.action});
  EXPECT_EQ(undo, (std::vector<AA>{kRelease, kDeactivate}));
  const OrderResult& r = d.result(OrderId(1));
  EXPECT_EQ(r.state, OrderState::kFailed);
  EXPECT_EQ(r.reason, "address bind: timeout");
  EXPECT_EQ(r.steps[1].attempts, 4);
  EXPECT_EQ(r.steps[1].final_state, TaskState::kCompensated);
  EXPECT_TRUE(engine.store().find(SubscriberId(7))->empty());  // the release did not double-count
}

// What a restarted server asks of the engine about a change it lost: an
// action being sent (or to be sent again) is not settled; once the engine
// has taken its outcome in, or given up on it, it is; and when the order
// has ended, all of its actions are.
TEST_F(WorkflowTest, SettledSaysWhetherTheEngineWillAskForAnActionAgain) {
  int compensations = 0;
  d.party = [&](const Request& r) -> std::optional<Outcome> {
    EXPECT_FALSE(engine.settled(r.key)) << to_string(r.action) << " attempt " << r.attempt;
    if (r.adapter == AdapterKind::kAddress && r.compensation) {
      ++compensations;  // the bind timed out for good: the engine will not send it again
      EXPECT_TRUE(engine.settled(IdempotencyKey::make(r.order, r.task, false)));
    }
    if (r.adapter == AdapterKind::kAddress && !r.compensation) return std::nullopt;  // never answers
    return Outcome::kOk;
  };
  d.start(w.new_order(1, 7));
  d.run();
  EXPECT_EQ(compensations, 1);
  for (const Request& r : d.sent) EXPECT_TRUE(engine.settled(r.key)) << to_string(r.action);
}

TEST_F(WorkflowTest, AFailedCompensationIsReportedNotHidden) {
  d.party = [](const Request& r) {
    if (!r.compensation && r.adapter == AdapterKind::kBilling) return std::optional(Outcome::kPermanentError);
    if (r.compensation && r.adapter == AdapterKind::kAddress) return std::optional(Outcome::kPermanentError);
    return std::optional(Outcome::kOk);
  };
  d.start(w.new_order(1, 7));
  d.run();
  const OrderResult& r = d.result(OrderId(1));
  EXPECT_EQ(r.state, OrderState::kFailed);
  EXPECT_TRUE(r.cleanup_incomplete);
  EXPECT_EQ(r.steps[1].final_state, TaskState::kCompensationFailed);
  EXPECT_EQ(r.steps[0].final_state, TaskState::kCompensated);  // the rest still undone
  const SubscriberState* s = engine.store().find(SubscriberId(7));
  EXPECT_EQ(s->address_pool, w.isp);  // the store still shows what the party holds
  EXPECT_FALSE(s->access_tier.valid());
}

TEST_F(WorkflowTest, CancelUndoesWhatIsDoneAndEndsCancelled) {
  d.start(w.new_order(1, 7));
  d.run();
  d.start(w.disconnect(2, 7));  // its revokes and delete are now in flight
  d.absorb(engine.cancel(OrderId(2), d.now));
  d.run();
  const OrderResult& r = d.result(OrderId(2));
  EXPECT_EQ(r.state, OrderState::kCancelled);
  EXPECT_EQ(r.reason, "cancelled");
  // The revokes and delete in flight at the cancel went through and were undone.
  const SubscriberState* s = engine.store().find(SubscriberId(7));
  EXPECT_EQ(s->bsp_entitlements.size(), 2u);
  EXPECT_EQ(s->isp_services.size(), 1u);
  EXPECT_EQ(s->billing_plan, w.plan);
  EXPECT_EQ(engine.cancel(OrderId(2), d.now).finished.size(), 0u);  // already over
}

TEST_F(WorkflowTest, ConcurrencyLimitQueuesRequestsInArrivalOrder) {
  EngineConfig c = no_jitter();
  c.concurrency[static_cast<std::size_t>(AdapterKind::kNetwork)] = 2;
  WorkflowEngine limited(w.catalog, c, rng);
  Driver ld{limited};
  for (std::uint32_t i = 1; i <= 5; ++i) ld.start(w.new_order(i, i));
  ASSERT_EQ(ld.sent.size(), 2u);
  EXPECT_EQ(ld.sent[0].order, OrderId(1));
  EXPECT_EQ(ld.sent[1].order, OrderId(2));
  const AdapterStats& net = limited.adapter_stats(AdapterKind::kNetwork);
  EXPECT_EQ(net.in_flight, 2u);
  EXPECT_EQ(net.queued, 3u);
  EXPECT_EQ(net.peak_queued, 3u);

  ld.run();
  std::vector<std::pair<std::uint32_t, SimTime>> activations;
  for (const Request& r : ld.sent)
    if (r.adapter == AdapterKind::kNetwork) activations.emplace_back(r.order.value(), r.sent_at);
  EXPECT_EQ(activations, (std::vector<std::pair<std::uint32_t, SimTime>>{{1, 0}, {2, 0}, {3, 1}, {4, 1}, {5, 2}}));
  EXPECT_EQ(net.peak_in_flight, 2u);
  EXPECT_EQ(net.sent, 5u);
  EXPECT_EQ(net.waited, 3u);
  EXPECT_DOUBLE_EQ(net.wait_time, 1 + 1 + 2);
  EXPECT_DOUBLE_EQ(net.busy_time, 3);       // [0, 3)
  EXPECT_DOUBLE_EQ(net.in_flight_area, 5);  // five requests of one second
  EXPECT_DOUBLE_EQ(net.utilisation(3), 5.0 / 6.0);
  for (std::uint32_t i = 1; i <= 5; ++i) EXPECT_EQ(ld.result(OrderId(i)).state, OrderState::kCompleted);
  // The order that waited for a slot shows it in its step timing.
  EXPECT_DOUBLE_EQ(ld.result(OrderId(5)).steps[0].ready_at, 0);
  EXPECT_DOUBLE_EQ(ld.result(OrderId(5)).steps[0].started_at, 2);
}

TEST_F(WorkflowTest, AuditLogStreamsEveryTransition) {
  std::vector<AuditRecord> streamed;
  engine.audit().set_sink([&](const AuditRecord& r) { streamed.push_back(r); });
  d.start(w.new_order(1, 7));
  d.run();
  // Per task: pending->queued->running->done (3 each), plus the order's
  // created->running and running->completed.
  EXPECT_EQ(streamed.size(), 6u * 3u + 2u);
  EXPECT_EQ(streamed.front().to, "running");
  EXPECT_EQ(streamed.front().task, AuditRecord::kOrderLevel);
  EXPECT_EQ(streamed.back().to, "completed");
  const AuditRecord& first_task = streamed[1];
  EXPECT_EQ(first_task.task, 0);
  EXPECT_EQ(first_task.from, "pending");
  EXPECT_EQ(first_task.to, "queued");
  EXPECT_EQ(first_task.action, Action::kActivate);
  for (std::size_t i = 1; i < streamed.size(); ++i) EXPECT_LE(streamed[i - 1].time, streamed[i].time);
  EXPECT_TRUE(engine.audit().drain().empty());  // not buffered unless asked
}

TEST_F(WorkflowTest, AuditBufferIsDrained) {
  engine.audit().set_buffering(true);
  d.start(w.new_order(1, 7));
  d.run();
  EXPECT_EQ(engine.audit().drain().size(), 20u);
  EXPECT_TRUE(engine.audit().drain().empty());
}

TEST_F(WorkflowTest, StaleTimersAndLateAnswersAreHarmless) {
  d.latency = [](const Request& r) { return r.attempt == 1 && r.adapter == AdapterKind::kBilling ? 15.0 : 1.0; };
  d.start(w.new_order(1, 7));
  d.run();  // billing times out at 3 + 10, is retried, the late first answer arrives at 18
  EXPECT_EQ(d.result(OrderId(1)).state, OrderState::kCompleted);
  EXPECT_EQ(engine.counts().late_responses, 1u);
  EXPECT_TRUE(engine.on_timeout(12345, d.now).requests.empty());
  EXPECT_TRUE(engine.on_retry_due(OrderId(1), 0, 1, false, d.now).requests.empty());
}

// ---- the property: random outcomes, every order ends exactly once, and the
// store equals the net of what was done and undone.

using TallyKey = std::tuple<std::uint32_t, AdapterKind, std::uint32_t>;

void tally(std::map<TallyKey, int>& net, SubscriberId sub, const AuditRecord& r) {
  auto add = [&](std::uint32_t what, int delta) { net[{sub.value(), r.adapter, what}] += delta; };
  switch (r.action) {
    case Action::kActivate: add(r.offering.value(), +1); break;
    case Action::kDeactivate: add(r.offering.value(), -1); break;
    case Action::kModify:
      if (r.adapter == AdapterKind::kNetwork) {
        add(r.offering.value(), +1);
        add(r.previous.value(), -1);
      }
      break;
    case Action::kBind: add(0, +1); break;
    case Action::kRelease: add(0, -1); break;
    case Action::kCreate: case Action::kEntitle: add(r.offering.value(), +1); break;
    case Action::kDelete: case Action::kRevoke: add(r.offering.value(), -1); break;
    case Action::kOpen: add(0, +1); break;
    case Action::kClose: add(0, -1); break;
    case Action::kAddItem: case Action::kRemoveItem: break;
  }
}

std::map<TallyKey, int> holdings(const ProvisionedStateStore& store, std::uint32_t subscribers) {
  std::map<TallyKey, int> out;
  for (std::uint32_t s = 0; s < subscribers; ++s) {
    const SubscriberState* st = store.find(SubscriberId(s));
    if (st == nullptr) continue;
    if (st->access_tier.valid()) out[{s, AdapterKind::kNetwork, st->access_tier.value()}] = 1;
    if (st->address_pool.valid()) out[{s, AdapterKind::kAddress, 0}] = 1;
    for (OfferingId o : st->isp_services) out[{s, AdapterKind::kIsp, o.value()}] = 1;
    for (OfferingId o : st->bsp_entitlements) out[{s, AdapterKind::kBsp, o.value()}] = 1;
    if (st->billing_plan.valid()) out[{s, AdapterKind::kBilling, 0}] = 1;
  }
  return out;
}

TEST(WorkflowPropertyTest, EveryOrderEndsOnceAndTheStoreIsTheNetOfDoneAndUndone) {
  EngineCounts all;  // over every seed: the paths the property covered
  std::uint64_t cleanup_incomplete = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    World w;
    Rng jitter = Rng::stream(seed, "jitter");
    Rng chance = Rng::stream(seed, "outcomes");
    EngineConfig c;
    c.concurrency = {3, 2, 0, 4, 1};
    WorkflowEngine engine(w.catalog, c, jitter);
    engine.audit().set_buffering(true);
    Driver d{engine};
    d.party = [&](const Request&) -> std::optional<Outcome> {
      const double u = chance.uniform();
      if (u < 0.06) return std::nullopt;
      if (u < 0.16) return Outcome::kTransientError;
      if (u < 0.21) return Outcome::kPermanentError;
      return Outcome::kOk;
    };
    d.latency = [&](const Request&) { return chance.exponential(2.0); };

    constexpr std::uint32_t kSubscribers = 40;
    std::uint32_t next_order = 1;
    // Everyone at once: the orders contend for the adapters' slots.
    for (std::uint32_t s = 0; s < kSubscribers; ++s) d.start(w.new_order(next_order++, s));
    d.run();
    // Second wave: changes, disconnects and cancels on whoever is there.
    for (std::uint32_t s = 0; s < kSubscribers; ++s) {
      const double u = chance.uniform();
      const std::uint32_t id = next_order++;
      if (u < 0.3)
        d.start(w.disconnect(id, s));
      else if (u < 0.5)
        d.start(w.change(id, s, ChangeKind::kAddBsp, w.music));
      else if (u < 0.7)
        d.start(w.change(id, s, ChangeKind::kChangeTier, w.dsl8));
      else
        d.start(w.change(id, s, ChangeKind::kRemoveBsp, w.game));
      if (chance.bernoulli(0.1)) d.absorb(engine.cancel(OrderId(id), d.now));
    }
    d.run();

    std::map<std::uint32_t, int> ended;
    for (const OrderResult& r : d.finished) {
      ++ended[r.order.value()];
      EXPECT_TRUE(is_terminal(r.state));
    }
    ASSERT_EQ(ended.size(), next_order - 1) << "seed " << seed;
    for (const auto& [id, n] : ended) EXPECT_EQ(n, 1) << "order " << id << " seed " << seed;
    const EngineCounts k = engine.counts();
    EXPECT_EQ(k.started, k.completed + k.failed + k.cancelled);
    all.completed += k.completed;
    all.failed += k.failed;
    all.cancelled += k.cancelled;
    all.timeouts += k.timeouts;
    all.compensations += k.compensations;
    all.late_responses += k.late_responses;
    for (const OrderResult& r : d.finished) cleanup_incomplete += r.cleanup_incomplete;
    EXPECT_EQ(engine.active_orders(), 0u);
    EXPECT_EQ(engine.requests_in_flight(), 0u);
    for (std::size_t a = 0; a < kAdapterKindCount; ++a) {
      EXPECT_EQ(engine.adapter_stats(static_cast<AdapterKind>(a)).in_flight, 0u);
      EXPECT_LE(engine.adapter_stats(static_cast<AdapterKind>(a)).peak_in_flight,
                c.concurrency[a] == 0 ? 1000u : c.concurrency[a]);
    }

    std::map<OrderId, SubscriberId> subscriber_of;
    for (const OrderResult& r : d.finished) subscriber_of[r.order] = r.subscriber;
    std::map<TallyKey, int> net;
    for (const AuditRecord& r : engine.audit().drain())
      if (r.task != AuditRecord::kOrderLevel && (r.to == "done" || (r.to == "compensated" && r.detail != "uncertain")))
        tally(net, subscriber_of.at(r.order), r);
    std::erase_if(net, [](const auto& e) { return e.second == 0; });
    EXPECT_EQ(net, holdings(engine.store(), kSubscribers)) << "seed " << seed;
  }
  EXPECT_GT(all.completed, 0u);
  EXPECT_GT(all.failed, 0u);
  EXPECT_GT(all.cancelled, 0u);
  EXPECT_GT(all.timeouts, 0u);
  EXPECT_GT(all.compensations, 0u);
  EXPECT_GT(all.late_responses, 0u);
  std::printf("property: %llu completed, %llu failed, %llu cancelled, %llu compensations, %llu timeouts, "
              "%llu with cleanup incomplete\n",
              static_cast<unsigned long long>(all.completed), static_cast<unsigned long long>(all.failed),
              static_cast<unsigned long long>(all.cancelled), static_cast<unsigned long long>(all.compensations),
              static_cast<unsigned long long>(all.timeouts), static_cast<unsigned long long>(cleanup_incomplete));
}

}  // namespace
}  // namespace provsim
