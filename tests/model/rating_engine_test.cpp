// The rating engine: intake, duplicates, suspense, refunds, cycles,
// proration and conservation, against hand-worked amounts.
#include <gtest/gtest.h>

#include <map>

#include "model/rating/price_model_registry.hpp"
#include "model/rating/rating_engine.hpp"

namespace provsim {
namespace {

Money M(const char* text) { return Money::parse(text); }
Quantity Q(const char* text) { return Quantity::parse(text); }
constexpr SimTime kCycle = 30 * kDay;

// np, isp, a video BSP (films) and a voice BSP (calls); plan basic has
// dsl 30/month, mail, film at 4.00, calls at 0.06/min in whole minutes;
// premium has dsl 60/month, film at 3.00 and 600 free seconds of calls.
struct World {
  Catalog catalog;
  ProviderId np, isp, video, voice;
  OfferingId dsl, mail, film, calls;
  PlanId basic, premium;
  std::unique_ptr<RatingBook> book;

  World() {
    np = catalog.add_provider("np", ProviderKind::kNetworkProvider, "NP");
    isp = catalog.add_provider("isp", ProviderKind::kIsp, "ISP");
    video = catalog.add_provider("video", ProviderKind::kBsp, "Video");
    voice = catalog.add_provider("voice", ProviderKind::kBsp, "Voice");
    dsl = catalog.add_offering("dsl", np, OfferingKind::kAccessTier, "month", "DSL");
    mail = catalog.add_offering("mail", isp, OfferingKind::kIspService, "month", "Mail");
    film = catalog.add_offering("film", video, OfferingKind::kBspPurchase, "item", "Film");
    calls = catalog.add_offering("calls", voice, OfferingKind::kBspUsage, "second", "Calls");
    basic = catalog.add_plan("basic", isp, "m1", "Basic");
    premium = catalog.add_plan("premium", isp, "m1", "Premium");
    catalog.add_plan_item(basic, {dsl, M("30")});
    catalog.add_plan_item(basic, {mail, M("0")});
    catalog.add_plan_item(basic, {film, M("0")});
    catalog.add_plan_item(basic, {calls, M("0")});
    catalog.add_plan_item(premium, {dsl, M("60")});
    catalog.add_plan_item(premium, {film, M("0")});
    catalog.add_plan_item(premium, {calls, M("0")});
    book = std::make_unique<RatingBook>(catalog);
    book->add_rule(basic, film, "one_time", model("one_time", {{"price", "4.00"}}));
    book->add_rule(basic, calls, "per_unit",
                   model("per_unit", {{"rate", "0.06"}, {"rate_unit", "60"}, {"rate_increment", "60"}}));
    book->add_rule(premium, film, "one_time", model("one_time", {{"price", "3.00"}}));
    book->add_rule(premium, calls, "allowance", model("allowance", {{"allowance", "600"}, {"overage_price", "0.001"}}));
    // film: ISP 20 %, NP 0.10 per event, the rest to the studio.
    book->set_shares(film, ShareRule({ShareLine{isp, ShareKind::kPercent, Percentage::parse_percent("20"), {}, Rounding::kHalfUp},
                                      ShareLine{np, ShareKind::kFixed, {}, M("0.10"), Rounding::kHalfUp}},
                                     video));
    // calls: NP wholesale 0.0001 per second, ISP 10 %, the rest to voice.
    book->set_shares(calls, ShareRule({ShareLine{np, ShareKind::kWholesale, {}, M("0.0001"), Rounding::kHalfUp},
                                       ShareLine{isp, ShareKind::kPercent, Percentage::parse_percent("10"), {}, Rounding::kHalfUp}},
                                      voice));
  }

  static std::unique_ptr<PriceModel> model(const char* name, std::initializer_list<std::pair<const char*, const char*>> kv) {
    PriceParams p;
    for (const auto& [k, v] : kv) p.set(k, v);
    return make_price_model(name, p);
  }
  RatingEvent buy(std::uint64_t id, std::uint32_t user, SimTime t, const char* q = "1") const {
    return RatingEvent::purchase(id, video, SubscriberId(user), film, t, Q(q));
  }
  RatingEvent call(std::uint64_t id, std::uint32_t user, SimTime t, const char* seconds) const {
    return RatingEvent::usage(id, voice, SubscriberId(user), calls, t, t + 1, Q(seconds));
  }
};

Money share_of(std::span<const PartyAmount> shares, ProviderId party) {
  Money m;
  for (const auto& s : shares)
    if (s.party == party) m += s.amount;
  return m;
}

const Invoice* invoice_of(const CycleStatement& c, std::uint32_t user) {
  for (const auto& i : c.invoices)
    if (i.subscriber == SubscriberId(user)) return &i;
  return nullptr;
}

Money line_amount(const Invoice& inv, OfferingId o, ChargeKind kind, bool late = false) {
  Money m;
  for (const auto& l : inv.lines)
    if (l.offering == o && l.kind == kind && l.late == late) m += l.amount;
  return m;
}

TEST(RatingEngine, RatesAPurchaseAndSplitsItExactly) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  engine.open_subscription(SubscriberId(0), w.basic, 0);
  const auto out = engine.submit(w.buy(1, 0, 100));
  ASSERT_EQ(out.status, RatingStatus::kRated);
  EXPECT_EQ(out.charge, M("4"));
  EXPECT_EQ(share_of(engine.last_shares(), w.isp), M("0.8"));
  EXPECT_EQ(share_of(engine.last_shares(), w.np), M("0.1"));
  EXPECT_EQ(share_of(engine.last_shares(), w.video), M("3.1"));
}

TEST(RatingEngine, UsageWithWholesaleShare) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  engine.open_subscription(SubscriberId(0), w.basic, 0);
  // 61 s -> two whole minutes = 0.12; NP 61 x 0.0001 = 0.0061; ISP 0.012.
  const auto out = engine.submit(w.call(1, 0, 50, "61"));
  EXPECT_EQ(out.charge, M("0.12"));
  EXPECT_EQ(share_of(engine.last_shares(), w.np), M("0.0061"));
  EXPECT_EQ(share_of(engine.last_shares(), w.isp), M("0.012"));
  EXPECT_EQ(share_of(engine.last_shares(), w.voice), M("0.1019"));
}

TEST(RatingEngine, DuplicatesPerBspAreCountedAndDropped) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  engine.open_subscription(SubscriberId(0), w.basic, 0);
  EXPECT_EQ(engine.submit(w.buy(7, 0, 10)).status, RatingStatus::kRated);
  EXPECT_EQ(engine.submit(w.buy(7, 0, 10)).status, RatingStatus::kDuplicate);
  // The same id from another BSP is a different event.
  EXPECT_EQ(engine.submit(w.call(7, 0, 10, "60")).status, RatingStatus::kRated);
  EXPECT_EQ(engine.counters().duplicates, 1);
  EXPECT_EQ(engine.counters().rated, 2);
  EXPECT_EQ(engine.counters().charged, M("4.06"));
  EXPECT_TRUE(engine.counters().conserved());
}

TEST(RatingEngine, SuspenseReasons) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  engine.open_subscription(SubscriberId(0), w.basic, 1000, std::vector<OfferingId>{w.dsl});
  EXPECT_EQ(engine.submit(w.buy(1, 9, 2000)).reason, SuspenseReason::kUnknownUser);
  EXPECT_EQ(engine.submit(w.buy(2, 0, 2000)).reason, SuspenseReason::kNotSubscribed);
  EXPECT_EQ(engine.submit(RatingEvent::purchase(3, w.voice, SubscriberId(0), w.film, 2000, Q("1"))).reason,
            SuspenseReason::kUnknownOffering);
  EXPECT_EQ(engine.submit(RatingEvent::purchase(4, w.video, SubscriberId(0), OfferingId(99), 2000, Q("1"))).reason,
            SuspenseReason::kUnknownOffering);
  engine.add_offering(SubscriberId(0), w.calls, 1500);  // rates nothing suspended: event 2 is a film
  EXPECT_EQ(engine.submit(w.call(5, 0, 900, "60")).reason, SuspenseReason::kOutsideSubscription);
  const auto& c = engine.counters();
  EXPECT_EQ(c.suspended, 5);
  EXPECT_EQ(c.suspended_by_reason[static_cast<std::size_t>(SuspenseReason::kUnknownOffering)], 2);
  EXPECT_EQ(c.suspended_by_reason[static_cast<std::size_t>(SuspenseReason::kNotSubscribed)], 1);
  EXPECT_TRUE(c.conserved());
}

struct Recorder : RatingObserver {
  std::vector<std::pair<std::uint64_t, bool>> rated;  // id, from suspense
  std::vector<SuspenseReason> suspended;
  void on_rated(const RatedEvent& r) override {
    Money sum;
    for (const auto& s : r.shares) sum += s.amount;
    EXPECT_EQ(sum, r.charge);
    rated.emplace_back(r.event.id, r.from_suspense);
  }
  void on_suspended(const RatingEvent&, SuspenseReason reason) override { suspended.push_back(reason); }
};

TEST(RatingEngine, SuspendedEventsAreReRatedWhenASubscriptionMakesThemValid) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  Recorder rec;
  engine.set_observer(&rec);
  engine.submit(w.buy(1, 3, 2000));                      // unknown user
  engine.submit(w.buy(2, 3, 500));                       // will be before the start
  engine.open_subscription(SubscriberId(3), w.basic, 1000, std::vector<OfferingId>{w.dsl});
  EXPECT_EQ(engine.counters().suspended, 2);             // now not_subscribed / outside
  engine.add_offering(SubscriberId(3), w.film, 1500);    // back-dated: event 1 becomes valid
  ASSERT_EQ(rec.rated.size(), 1u);
  EXPECT_EQ(rec.rated[0], (std::pair<std::uint64_t, bool>{1, true}));
  EXPECT_EQ(engine.counters().suspended, 1);
  EXPECT_EQ(engine.counters().resolved, 1);
  EXPECT_EQ(engine.counters().suspended_by_reason[static_cast<std::size_t>(SuspenseReason::kOutsideSubscription)], 1);
  // A resent copy of a suspended event is still a duplicate.
  EXPECT_EQ(engine.submit(w.buy(2, 3, 500)).status, RatingStatus::kDuplicate);
  EXPECT_NO_THROW(engine.check_conservation());
}

TEST(RatingEngine, RefundsAreProRataAndClampedToTheOriginal) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  engine.open_subscription(SubscriberId(0), w.basic, 0);
  engine.submit(w.buy(1, 0, 10, "3"));  // 12.00
  auto r1 = engine.submit(RatingEvent::refund(2, w.video, SubscriberId(0), w.film, EventKind::kPurchase, 20, Q("1"), 1));
  EXPECT_EQ(r1.charge, M("-4"));
  EXPECT_FALSE(r1.clamped);
  // Each party gives back its share pro rata: ISP 2.40 x 1/3, NP 0.10 x 1/3.
  EXPECT_EQ(share_of(engine.last_shares(), w.isp), M("-0.8"));
  EXPECT_EQ(share_of(engine.last_shares(), w.np), M("-0.033333"));
  EXPECT_EQ(share_of(engine.last_shares(), w.video), M("-3.166667"));
  auto r2 = engine.submit(RatingEvent::refund(3, w.video, SubscriberId(0), w.film, EventKind::kPurchase, 30, Q("3"), 1));
  EXPECT_TRUE(r2.clamped);
  EXPECT_EQ(r2.charge, M("-8"));  // only what is left
  auto r3 = engine.submit(RatingEvent::refund(4, w.video, SubscriberId(0), w.film, EventKind::kPurchase, 30, Q("1"), 1));
  EXPECT_EQ(r3.charge, M("0"));
  EXPECT_EQ(engine.counters().refunds_clamped, 2);
  EXPECT_EQ(engine.counters().charged, M("0"));
  // A refund of a refund, or of an unknown event, goes to suspense.
  EXPECT_EQ(engine.submit(RatingEvent::refund(5, w.video, SubscriberId(0), w.film, EventKind::kPurchase, 30, Q("1"), 2)).reason,
            SuspenseReason::kUnknownOriginal);
  EXPECT_EQ(engine.submit(RatingEvent::refund(6, w.video, SubscriberId(0), w.film, EventKind::kPurchase, 30, Q("1"), 99)).reason,
            SuspenseReason::kUnknownOriginal);
  const auto cycle = engine.close_cycle(kCycle);
  EXPECT_EQ(line_amount(*invoice_of(cycle, 0), w.film, ChargeKind::kPurchase), M("0"));
  EXPECT_EQ(cycle.invoiced, cycle.settled);
}

TEST(RatingEngine, RecurringFeesProratedToTheSecondAcrossCyclesAndPlanChanges) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  engine.open_subscription(SubscriberId(0), w.basic, 10 * kDay);  // 20 of 30 days
  engine.open_subscription(SubscriberId(1), w.basic, 1);          // all but one second
  auto c0 = engine.close_cycle(kCycle);
  EXPECT_EQ(line_amount(*invoice_of(c0, 0), w.dsl, ChargeKind::kRecurring), M("20"));
  // 30 x 2591999 / 2592000 = 29.99998842.. -> 29.999988
  EXPECT_EQ(line_amount(*invoice_of(c0, 1), w.dsl, ChargeKind::kRecurring), M("29.999988"));
  // Cycle 2: half on basic (30), half on premium (60).
  engine.change_plan(SubscriberId(0), w.premium, kCycle + 15 * kDay);
  auto c1 = engine.close_cycle(2 * kCycle);
  const Invoice& inv = *invoice_of(c1, 0);
  EXPECT_EQ(line_amount(inv, w.dsl, ChargeKind::kRecurring), M("45"));
  EXPECT_EQ(inv.total, M("45"));
  // Stop ten days into cycle 3: 60 x 10/30.
  engine.close_subscription(SubscriberId(0), 2 * kCycle + 10 * kDay);
  auto c2 = engine.close_cycle(3 * kCycle);
  EXPECT_EQ(invoice_of(c2, 0)->total, M("20"));
  auto c3 = engine.close_cycle(4 * kCycle);
  EXPECT_EQ(invoice_of(c3, 0), nullptr);  // nothing active, nothing billed
  // All of it settled to the NP (dsl has no share rule: the owner gets all).
  ASSERT_EQ(c2.settlements.size(), 1u);
  EXPECT_EQ(c2.settlements[0].party, w.np);
  EXPECT_EQ(c2.settlements[0].total, c2.invoiced);
}

TEST(RatingEngine, LateEventsGoOnTheNextInvoice) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  engine.open_subscription(SubscriberId(0), w.basic, 0);
  engine.submit(w.buy(1, 0, 100));
  engine.close_cycle(kCycle);
  const auto late = engine.submit(w.buy(2, 0, kCycle - 50));  // happened in cycle 0, arrived after
  EXPECT_TRUE(late.late);
  engine.submit(w.buy(3, 0, kCycle + 50));
  auto c1 = engine.close_cycle(2 * kCycle);
  const Invoice& inv = *invoice_of(c1, 0);
  EXPECT_EQ(line_amount(inv, w.film, ChargeKind::kPurchase, true), M("4"));
  EXPECT_EQ(line_amount(inv, w.film, ChargeKind::kPurchase, false), M("4"));
  EXPECT_EQ(inv.total, M("38"));
  EXPECT_EQ(engine.counters().late, 1);
}

TEST(RatingEngine, InvoicesGivenToASinkAreTheSameAsInTheStatement) {
  // The simulation hands each invoice to a sink (to disk) as it is made;
  // what it gets must be what the statement would have held.
  World w;
  RatingEngine held(w.catalog, *w.book), streamed(w.catalog, *w.book);
  for (RatingEngine* e : {&held, &streamed}) {
    e->open_subscription(SubscriberId(0), w.basic, 0);
    e->open_subscription(SubscriberId(2), w.premium, 5 * kDay);
    e->submit(w.buy(1, 0, 100));
    e->submit(w.call(2, 2, 6 * kDay, "700"));
    e->close_cycle(kCycle);
    e->submit(w.buy(3, 0, kCycle - 50));  // late
    e->submit(w.call(4, 2, kCycle + 10, "30"));
  }
  const CycleStatement a = held.close_cycle(2 * kCycle);
  std::vector<Invoice> sunk;
  const CycleStatement b = streamed.close_cycle(2 * kCycle, [&](const Invoice& inv) { sunk.push_back(inv); });
  EXPECT_TRUE(b.invoices.empty());
  ASSERT_EQ(sunk.size(), a.invoices.size());
  ASSERT_EQ(sunk.size(), 2u);
  for (std::size_t i = 0; i < sunk.size(); ++i) {
    EXPECT_EQ(sunk[i].subscriber, a.invoices[i].subscriber);
    EXPECT_EQ(sunk[i].total, a.invoices[i].total);
    ASSERT_EQ(sunk[i].lines.size(), a.invoices[i].lines.size());
    for (std::size_t l = 0; l < sunk[i].lines.size(); ++l) {
      EXPECT_EQ(sunk[i].lines[l].amount, a.invoices[i].lines[l].amount);
      EXPECT_EQ(sunk[i].lines[l].offering, a.invoices[i].lines[l].offering);
      EXPECT_EQ(sunk[i].lines[l].late, a.invoices[i].lines[l].late);
    }
  }
  EXPECT_EQ(b.invoiced, a.invoiced);
  EXPECT_EQ(b.settled, a.settled);
  EXPECT_EQ(b.cycle, 1u);
  EXPECT_EQ(streamed.open_cycle(), 2u);
}

TEST(RatingEngine, AllowanceRestartsEachCycle) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  engine.open_subscription(SubscriberId(0), w.premium, 0);
  EXPECT_EQ(engine.submit(w.call(1, 0, 10, "500")).charge, M("0"));
  EXPECT_EQ(engine.submit(w.call(2, 0, 20, "200")).charge, M("0.1"));  // 100 s over
  engine.close_cycle(kCycle);
  EXPECT_EQ(engine.submit(w.call(3, 0, kCycle + 10, "600")).charge, M("0"));
}

TEST(RatingEngine, ConservationAcrossInvoicesAndSettlements) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  for (std::uint32_t u = 0; u < 4; ++u) engine.open_subscription(SubscriberId(u), u % 2 ? w.premium : w.basic, u * 1000.0);
  std::uint64_t id = 1;
  for (std::uint32_t u = 0; u < 5; ++u) {
    engine.submit(w.buy(id++, u, 5000));
    engine.submit(w.call(id++, u, 6000, "333.3"));
  }
  auto c = engine.close_cycle(kCycle);
  Money invoices, settlements;
  for (const auto& i : c.invoices) invoices += i.total;
  for (const auto& s : c.settlements) settlements += s.total;
  EXPECT_EQ(invoices, settlements);
  EXPECT_EQ(invoices, c.invoiced);
  // 2 x 30 + 2 x 60 fees (prorated by a few seconds) plus events: check a few.
  EXPECT_EQ(engine.counters().received, 10);
  EXPECT_EQ(engine.counters().suspended, 2);  // user 4 is unknown
  EXPECT_NO_THROW(engine.check_conservation());
}

TEST(RatingEngine, BadSubscriptionCallsThrow) {
  World w;
  RatingEngine engine(w.catalog, *w.book);
  engine.open_subscription(SubscriberId(0), w.premium, 0);
  EXPECT_THROW(engine.open_subscription(SubscriberId(0), w.basic, 0), std::invalid_argument);
  EXPECT_THROW(engine.add_offering(SubscriberId(0), w.mail, 0), std::invalid_argument);  // not in premium
  EXPECT_THROW(engine.add_offering(SubscriberId(0), w.film, 0), std::invalid_argument);  // already
  EXPECT_THROW(engine.close_subscription(SubscriberId(1), 0), std::invalid_argument);
  EXPECT_THROW(engine.close_cycle(0), std::invalid_argument);
}

// `isp` in a revenue-share rule is the ISP of the subscriber's plan, resolved
// per event: after a plan change to another ISP's plan new events pay the
// new ISP, and a refund takes the share back from the ISP that got it.
TEST(RatingEngineShares, PlanIspPlaceholderPaysTheIspThatSoldThePlan) {
  Catalog c;
  const auto np = c.add_provider("np", ProviderKind::kNetworkProvider, "NP");
  const auto isp_a = c.add_provider("isp-a", ProviderKind::kIsp, "A");
  const auto isp_b = c.add_provider("isp-b", ProviderKind::kIsp, "B");
  const auto games = c.add_provider("games", ProviderKind::kBsp, "Games");
  const auto game = c.add_offering("game", games, OfferingKind::kBspPurchase, "item", "Game");
  const auto plan_a = c.add_plan("a", isp_a, "m", "A");
  const auto plan_b = c.add_plan("b", isp_b, "m", "B");
  c.add_plan_item(plan_a, {game, Money{}});
  c.add_plan_item(plan_b, {game, Money{}});
  RatingBook book(c);
  book.add_rule(plan_a, game, "one_time", World::model("one_time", {{"price", "4.99"}}));
  book.add_rule(plan_b, game, "one_time", World::model("one_time", {{"price", "4.99"}}));
  // The usual three-way split: BSP 70 % (residual), ISP 20 %, NP 10 %.
  book.set_shares(game, ShareRule({ShareLine{kPlanIsp, ShareKind::kPercent, Percentage::parse_percent("20"), {}, Rounding::kHalfUp},
                                   ShareLine{np, ShareKind::kPercent, Percentage::parse_percent("10"), {}, Rounding::kHalfUp}},
                                  games));
  RatingEngine engine(c, book);
  engine.open_subscription(SubscriberId(0), plan_a, 0);
  ASSERT_EQ(engine.submit(RatingEvent::purchase(1, games, SubscriberId(0), game, 10, Q("1"))).status, RatingStatus::kRated);
  engine.change_plan(SubscriberId(0), plan_b, 100);
  ASSERT_EQ(engine.submit(RatingEvent::purchase(2, games, SubscriberId(0), game, 200, Q("1"))).status, RatingStatus::kRated);
  ASSERT_EQ(engine.submit(RatingEvent::refund(3, games, SubscriberId(0), game, EventKind::kPurchase, 300, Q("1"), 1)).status,
            RatingStatus::kRated);
  std::map<ProviderId, Money> settled;
  for (const Settlement& s : engine.close_cycle(kCycle).settlements) settled[s.party] = s.total;
  EXPECT_EQ(settled[isp_a], M("0"));      // 0.998 given, then taken back with the refund
  EXPECT_EQ(settled[isp_b], M("0.998"));  // 4.99 x 20 %
  EXPECT_EQ(settled[np], M("0.499"));
  EXPECT_EQ(settled[games], M("3.493"));
}

}  // namespace
}  // namespace provsim
