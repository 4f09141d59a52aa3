// Properties over random event streams (fixed seeds): shares always add up to
// the charge, conservation always holds, resending a batch changes nothing.
#include <gtest/gtest.h>

#include <string>

#include "model/core/random.hpp"
#include "model/rating/price_model_registry.hpp"
#include "model/rating/rating_engine.hpp"

namespace provsim {
namespace {

// One BSP with five offerings, one per price model, all in one plan, each
// with a three-way share rule using all three kinds of share.
struct World {
  Catalog catalog;
  PlanId plan;
  ProviderId np, isp, bsp;
  std::vector<OfferingId> offerings;
  std::unique_ptr<RatingBook> book;

  World() {
    np = catalog.add_provider("np", ProviderKind::kNetworkProvider, "NP");
    isp = catalog.add_provider("isp", ProviderKind::kIsp, "ISP");
    bsp = catalog.add_provider("bsp", ProviderKind::kBsp, "BSP");
    plan = catalog.add_plan("p", isp, "m", "P");
    const std::vector<std::pair<const char*, std::vector<std::pair<const char*, const char*>>>> models = {
        {"one_time", {{"price", "2.999999"}, {"rounding", "half_even"}}},
        {"per_unit", {{"connect_fee", "0.013"}, {"rate", "0.07"}, {"rate_unit", "60"}, {"rate_increment", "7"},
                      {"rounding", "*middle"}, {"rounding_decimals", "3"}}},
        {"graduated", {{"tiers", "0:0.011;50:0.007;300:0.0031"}}},
        {"allowance", {{"allowance", "120"}, {"overage_price", "0.0333"}}},
        {"peak_offpeak", {{"peak_price", "0.019"}, {"offpeak_price", "0.0071"}, {"peak_start", "07:00"}, {"peak_end", "23:00"}}},
    };
    for (const auto& [name, kv] : models)
      offerings.push_back(catalog.add_offering(name, bsp, OfferingKind::kBspUsage, "unit", name));
    for (auto o : offerings) catalog.add_plan_item(plan, {o, Money::parse("1.5")});
    book = std::make_unique<RatingBook>(catalog);
    for (std::size_t i = 0; i < models.size(); ++i) {
      PriceParams p;
      for (const auto& [k, v] : models[i].second) p.set(k, v);
      book->add_rule(plan, offerings[i], models[i].first, make_price_model(models[i].first, p),
                     i == 0 ? std::optional<Money>(Money::parse("0.5")) : std::nullopt);
      book->set_shares(offerings[i],
                       ShareRule({ShareLine{isp, ShareKind::kPercent, Percentage::parse_percent("33.3333"), {}, Rounding::kHalfEven},
                                  ShareLine{np, ShareKind::kWholesale, {}, Money::parse("0.000357"), Rounding::kUp},
                                  ShareLine{np, ShareKind::kFixed, {}, Money::parse("0.000011"), Rounding::kDown}},
                                 bsp));
    }
  }
};

std::vector<RatingEvent> random_events(const World& w, Rng& rng, std::size_t n, std::uint64_t first_id,
                                       SimTime t0) {
  std::vector<RatingEvent> out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t id = first_id + i;
    const auto user = SubscriberId(static_cast<std::uint32_t>(rng.below(24)));  // 20 known, 4 unknown
    const OfferingId o = w.offerings[rng.below(w.offerings.size())];
    const SimTime t = t0 + static_cast<double>(rng.below(30 * 86400));
    const auto q = Quantity::from_millis(static_cast<std::int64_t>(rng.below(400'000)));
    if (i > 0 && rng.bernoulli(0.1)) {  // a refund of an earlier event (maybe a bad reference)
      const std::uint64_t original = first_id + rng.below(i);
      const RatingEvent& orig = out[original - first_id];
      out.push_back(RatingEvent::refund(id, w.bsp, orig.user, orig.offering, EventKind::kUsage, t,
                                        Quantity::from_millis(static_cast<std::int64_t>(rng.below(500'000))), original));
    } else {
      out.push_back(RatingEvent::usage(id, w.bsp, user, o, t, t + 60, q));
    }
  }
  return out;
}

struct ShareChecker : RatingObserver {
  std::int64_t seen = 0;
  void on_rated(const RatedEvent& r) override {
    Money sum;
    for (const auto& s : r.shares) sum += s.amount;
    ASSERT_EQ(sum, r.charge) << "event " << r.event.id;
    ++seen;
  }
};

void open_users(RatingEngine& engine, const World& w, Rng& rng) {
  for (std::uint32_t u = 0; u < 20; ++u) engine.open_subscription(SubscriberId(u), w.plan, static_cast<double>(rng.below(86400)));
}

TEST(RatingProperties, SharesAddUpAndConservationHoldsOverRandomStreams) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    World w;
    Rng rng = Rng::stream(seed, "rating-property");
    RatingEngine engine(w.catalog, *w.book);
    ShareChecker checker;
    engine.set_observer(&checker);
    open_users(engine, w, rng);
    std::uint64_t next_id = 1;
    for (int cycle = 0; cycle < 3; ++cycle) {
      for (int batch = 0; batch < 5; ++batch) {
        auto events = random_events(w, rng, 200, next_id, cycle * 30 * kDay);
        next_id += events.size();
        engine.submit_batch(events);
        // Resend part of the batch, as a BSP does after a timeout.
        engine.submit_batch(std::span(events).first(rng.below(events.size())));
        ASSERT_TRUE(engine.counters().conserved());
      }
      // Late subscription for one unknown user re-rates its suspense.
      if (cycle == 1) engine.open_subscription(SubscriberId(21), w.plan, 0);
      if (cycle == 2) engine.change_plan(SubscriberId(3), w.plan, 2 * 30 * kDay + 100);
      const auto statement = engine.close_cycle((cycle + 1) * 30 * kDay);
      EXPECT_EQ(statement.invoiced, statement.settled);
    }
    const auto& c = engine.counters();
    EXPECT_EQ(c.received, c.rated + c.suspended + c.duplicates);
    EXPECT_EQ(checker.seen, c.rated);
    EXPECT_GT(c.duplicates, 0);
    EXPECT_GT(c.refunds_clamped, 0);
    EXPECT_GT(c.resolved, 0);
    EXPECT_EQ(c.invoiced, c.settled);
  }
}

struct Totals {
  std::vector<std::pair<std::uint32_t, std::int64_t>> invoices;
  std::vector<std::pair<std::uint16_t, std::int64_t>> settlements;
  bool operator==(const Totals&) const = default;
};

Totals totals(const CycleStatement& c) {
  Totals t;
  for (const auto& i : c.invoices) t.invoices.emplace_back(i.subscriber.value(), i.total.micros());
  for (const auto& s : c.settlements) t.settlements.emplace_back(s.party.value(), s.total.micros());
  return t;
}

TEST(RatingProperties, SubmittingABatchTwiceChangesNothing) {
  for (std::uint64_t seed : {11u, 12u}) {
    World w;
    Rng rng = Rng::stream(seed, "rating-twice");
    auto events = random_events(w, rng, 1500, 1, 0);
    RatingEngine once(w.catalog, *w.book);
    RatingEngine twice(w.catalog, *w.book);
    Rng open_a = Rng::stream(seed, "open");
    Rng open_b = Rng::stream(seed, "open");
    open_users(once, w, open_a);
    open_users(twice, w, open_b);
    once.submit_batch(events);
    twice.submit_batch(events);
    const auto again = twice.submit_batch(events);
    EXPECT_EQ(again.duplicates, static_cast<std::int64_t>(events.size()));
    EXPECT_EQ(once.counters().rated, twice.counters().rated);
    EXPECT_EQ(once.counters().suspended, twice.counters().suspended);
    EXPECT_EQ(once.counters().charged, twice.counters().charged);
    EXPECT_EQ(totals(once.close_cycle(30 * kDay)), totals(twice.close_cycle(30 * kDay)));
  }
}

// Everything the engine says about each event, as text, in order.
struct Recorder : RatingObserver {
  std::vector<std::string> log;
  void on_rated(const RatedEvent& r) override {
    std::string line = "rated " + std::to_string(r.event.id) + " plan " + std::to_string(r.plan.value()) + " " +
                       r.charge.to_string() + (r.late ? " late" : "") + (r.clamped ? " clamped" : "") +
                       (r.from_suspense ? " resolved" : "");
    for (const auto& s : r.shares) line += " " + std::to_string(s.party.value()) + ":" + s.amount.to_string();
    log.push_back(line);
  }
  void on_suspended(const RatingEvent& e, SuspenseReason reason) override {
    log.push_back("suspended " + std::to_string(e.id) + " " + std::string(to_string(reason)));
  }
};

std::string statement_text(const CycleStatement& c) {
  std::string t = std::to_string(c.cycle) + " " + c.invoiced.to_string() + " " + c.settled.to_string() + "\n";
  for (const auto& i : c.invoices) {
    t += "invoice " + std::to_string(i.subscriber.value()) + " " + i.total.to_string() + "\n";
    for (const auto& l : i.lines)
      t += "  " + std::to_string(l.offering.value()) + " " + std::to_string(static_cast<int>(l.kind)) +
           (l.late ? " late " : " ") + std::to_string(l.events) + " " + l.quantity.to_string() + " " +
           l.amount.to_string() + " " + std::to_string(l.plan.value()) + "\n";
  }
  for (const auto& s : c.settlements) {
    t += "settlement " + std::to_string(s.party.value()) + " " + s.total.to_string() + " " + std::to_string(s.shares);
    for (const auto& k : s.by_kind) t += " " + k.to_string();
    t += "\n";
  }
  return t;
}

std::string counters_text(const RatingCounters& c) {
  std::string t;
  for (std::int64_t v : {c.received, c.rated, c.suspended, c.duplicates, c.resolved, c.refunds, c.refunds_clamped, c.late})
    t += std::to_string(v) + " ";
  for (std::int64_t v : c.suspended_by_reason) t += std::to_string(v) + " ";
  return t + c.charged.to_string() + " " + c.invoiced.to_string() + " " + c.settled.to_string();
}

// The inline fast path (on-time events with an account) against the general
// path for every event: the same outcomes, observer calls (shares and
// order), counters, suspense, invoices and settlements, over streams with
// refunds, duplicates, suspense, late events, purchases sent to usage
// offerings, subscription changes and small refund windows.
TEST(RatingProperties, TheFastPathRatesExactlyAsTheGeneralPath) {
  for (std::uint64_t seed : {21u, 22u, 23u}) {
    World w;
    RatingEngineOptions fast_options;
    fast_options.usage_refund_window = 300;
    fast_options.purchase_refund_window = 100;
    RatingEngineOptions general_options = fast_options;
    general_options.general_path_only = true;
    RatingEngine fast(w.catalog, *w.book, fast_options), general(w.catalog, *w.book, general_options);
    Recorder fast_log, general_log;
    fast.set_observer(&fast_log);
    general.set_observer(&general_log);
    Rng open_a = Rng::stream(seed, "open"), open_b = Rng::stream(seed, "open");
    open_users(fast, w, open_a);
    open_users(general, w, open_b);
    Rng rng = Rng::stream(seed, "fast-vs-general");
    std::uint64_t next_id = 1;
    for (int cycle = 0; cycle < 3; ++cycle) {
      for (int batch = 0; batch < 6; ++batch) {
        // Some batches lie in the closed cycle before (late events).
        const SimTime t0 = (cycle > 0 && batch % 3 == 2 ? cycle - 1 : cycle) * 30 * kDay;
        auto events = random_events(w, rng, 200, next_id, t0);
        for (auto& e : events)
          if (!e.is_refund() && rng.bernoulli(0.05)) e.kind = EventKind::kPurchase;  // to a usage offering
        next_id += events.size();
        const auto resend = std::span(events).first(rng.below(events.size()));
        if (batch % 2 == 0) {
          const auto a = fast.submit_batch(events), b = general.submit_batch(events);
          EXPECT_EQ(a.rated, b.rated);
          EXPECT_EQ(a.suspended, b.suspended);
        } else {
          for (const auto& e : events) {
            const RatingOutcome a = fast.submit(e), b = general.submit(e);
            ASSERT_EQ(static_cast<int>(a.status), static_cast<int>(b.status)) << e.id;
            ASSERT_EQ(a.charge, b.charge) << e.id;
            ASSERT_EQ(a.late, b.late) << e.id;
            ASSERT_EQ(static_cast<int>(a.reason), static_cast<int>(b.reason)) << e.id;
            ASSERT_EQ(fast.last_shares().size(), general.last_shares().size()) << e.id;
          }
        }
        fast.submit_batch(resend);
        general.submit_batch(resend);
      }
      if (cycle == 1) {
        fast.open_subscription(SubscriberId(21), w.plan, 0);
        general.open_subscription(SubscriberId(21), w.plan, 0);
      }
      if (cycle == 2) {
        fast.change_plan(SubscriberId(3), w.plan, 2 * 30 * kDay + 100);
        general.change_plan(SubscriberId(3), w.plan, 2 * 30 * kDay + 100);
        fast.remove_offering(SubscriberId(4), w.offerings[1], 2 * 30 * kDay + 50);
        general.remove_offering(SubscriberId(4), w.offerings[1], 2 * 30 * kDay + 50);
      }
      ASSERT_EQ(statement_text(fast.close_cycle((cycle + 1) * 30 * kDay)),
                statement_text(general.close_cycle((cycle + 1) * 30 * kDay)));
    }
    ASSERT_EQ(fast_log.log.size(), general_log.log.size());
    for (std::size_t i = 0; i < fast_log.log.size(); ++i) ASSERT_EQ(fast_log.log[i], general_log.log[i]) << i;
    EXPECT_EQ(counters_text(fast.counters()), counters_text(general.counters()));
    for (std::uint32_t u = 0; u < 24; ++u)
      EXPECT_EQ(fast.suspended_events(SubscriberId(u)).size(), general.suspended_events(SubscriberId(u)).size());
    EXPECT_GT(fast.counters().late, 0);
    EXPECT_GT(fast.counters().refunds, 0);
    EXPECT_GT(fast.counters().resolved, 0);
  }
}

}  // namespace
}  // namespace provsim
