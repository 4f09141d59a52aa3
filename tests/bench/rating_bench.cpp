// Rated events per second for each price model (with a three-way revenue
// split, duplicate check, subscription lookup and invoice accumulation),
// beside a baseline that only finds the subscription and adds up quantities.
// Release build: build/rating2-rel/bench/rating_bench (docs/performance.md).
//
// The set-up (subscribers, reserved memory) is sized from the iterations
// Google Benchmark asks for, so a smoke run (--benchmark_min_time=0.001)
// sets up little, while a measuring run gets 100,000 subscribers and about
// 20 events per subscriber, as before.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

#include "model/core/random.hpp"
#include "model/rating/price_model_registry.hpp"
#include "model/rating/rating_engine.hpp"

namespace provsim {
namespace {

constexpr std::uint32_t kSubscribers = 100'000;  // at most
constexpr std::size_t kRing = 1 << 16;           // pre-drawn events, replayed with fresh ids
constexpr std::size_t kBatch = 256;
constexpr std::uint64_t kEventsPerSubscriber = 20;

// Subscribers for a run of `events` events: enough that a measuring run
// misses the caches as a large population does, few for a smoke run.
std::uint32_t subscribers_for(std::uint64_t events) {
  return static_cast<std::uint32_t>(std::clamp<std::uint64_t>(events / kEventsPerSubscriber, 1000, kSubscribers));
}

struct World {
  Catalog catalog;
  PlanId plan;
  ProviderId np, isp, bsp;
  std::vector<OfferingId> offerings;  // one per model, in kModels order
  std::unique_ptr<RatingBook> book;
};

const std::vector<std::pair<const char*, std::vector<std::pair<const char*, const char*>>>> kModels = {
    {"one_time", {{"price", "3.99"}}},
    {"per_unit", {{"connect_fee", "0.01"}, {"rate", "0.06"}, {"rate_unit", "60"}, {"rate_increment", "1"},
                  {"rounding", "*middle"}, {"rounding_decimals", "4"}}},
    {"graduated", {{"tiers", "0:0.01;1000:0.008;5000:0.005"}}},
    {"allowance", {{"allowance", "600"}, {"overage_price", "0.002"}}},
    {"peak_offpeak", {{"peak_price", "0.02"}, {"offpeak_price", "0.01"}, {"peak_start", "08:00"}, {"peak_end", "20:00"}}},
};

const World& world() {
  static const World* w = [] {
    auto* x = new World;
    x->np = x->catalog.add_provider("np", ProviderKind::kNetworkProvider, "NP");
    x->isp = x->catalog.add_provider("isp", ProviderKind::kIsp, "ISP");
    x->bsp = x->catalog.add_provider("bsp", ProviderKind::kBsp, "BSP");
    x->plan = x->catalog.add_plan("p", x->isp, "m", "P");
    for (const auto& [name, kv] : kModels) {
      const auto o = x->catalog.add_offering(name, x->bsp, OfferingKind::kBspUsage, "second", name);
      x->offerings.push_back(o);
      x->catalog.add_plan_item(x->plan, {o, Money{}});
    }
    x->book = std::make_unique<RatingBook>(x->catalog);
    for (std::size_t i = 0; i < kModels.size(); ++i) {
      PriceParams p;
      for (const auto& [k, v] : kModels[i].second) p.set(k, v);
      x->book->add_rule(x->plan, x->offerings[i], kModels[i].first, make_price_model(kModels[i].first, p));
      x->book->set_shares(x->offerings[i],
                          ShareRule({ShareLine{x->isp, ShareKind::kPercent, Percentage::parse_percent("20"), {}, Rounding::kHalfUp},
                                     ShareLine{x->np, ShareKind::kWholesale, {}, Money::parse("0.0001"), Rounding::kHalfUp}},
                                    x->bsp));
    }
    return x;
  }();
  return *w;
}

std::vector<RatingEvent> ring(OfferingId offering, std::uint32_t subscribers) {
  const World& w = world();
  Rng rng = Rng::stream(42, "rating-bench");
  std::vector<RatingEvent> events;
  events.reserve(kRing);
  for (std::size_t i = 0; i < kRing; ++i) {
    const auto user = SubscriberId(static_cast<std::uint32_t>(rng.below(subscribers)));
    const SimTime t = 100.0 + static_cast<double>(rng.below(29 * 86400));
    const auto q = Quantity::from_millis(static_cast<std::int64_t>(1000 + rng.below(600'000)));
    events.push_back(RatingEvent::usage(0, w.bsp, user, offering, t, t + 60, q));
  }
  return events;
}

void BM_Rate(benchmark::State& state) {
  const World& w = world();
  const OfferingId offering = w.offerings[static_cast<std::size_t>(state.range(0))];
  const std::uint64_t planned = static_cast<std::uint64_t>(state.max_iterations) * kBatch;
  // range(1): a fixed population (1,000 fits the caches: the rating work
  // alone), or 0 for one sized to the run (memory-bound, as in production).
  const auto fixed = static_cast<std::uint32_t>(state.range(1));
  const std::uint32_t subscribers = fixed ? fixed : subscribers_for(planned);
  auto events = ring(offering, subscribers);
  RatingEngine engine(w.catalog, *w.book);
  for (std::uint32_t u = 0; u < subscribers; ++u) engine.open_subscription(SubscriberId(u), w.plan, 0);
  // Memory for every event of the run is set up here, untimed: first-touch
  // page faults are costly on some VMs and are not rating work.
  engine.reserve(planned);
  // BSPs send batches; submit_batch prefetches ahead inside a batch.
  std::uint64_t id = 1;
  std::size_t pos = 0;
  for (auto _ : state) {
    std::span<RatingEvent> batch(events.data() + pos, kBatch);
    for (RatingEvent& e : batch) e.id = id++;
    benchmark::DoNotOptimize(engine.submit_batch(batch));
    pos = (pos + kBatch) & (kRing - 1);
  }
  if (engine.counters().rated != static_cast<std::int64_t>(id - 1)) state.SkipWithError("not every event was rated");
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
  std::string label = kModels[static_cast<std::size_t>(state.range(0))].first;
  if (fixed) label.append(" (fixed population)");
  state.SetLabel(label);
}
BENCHMARK(BM_Rate)->ArgsProduct({{0, 1, 2, 3, 4}, {0}})->Args({1, 1000});

// The baseline: find the subscriber's item for the offering and add up the
// quantity; no duplicate check, no pricing, no split, no invoice lines.
void BM_Baseline(benchmark::State& state) {
  const World& w = world();
  const auto fixed = static_cast<std::uint32_t>(state.range(0));
  const std::uint32_t subscribers = fixed ? fixed : subscribers_for(static_cast<std::uint64_t>(state.max_iterations));
  auto events = ring(w.offerings[1], subscribers);
  struct Item {
    OfferingId offering;
    std::int64_t quantity = 0;
  };
  std::vector<std::vector<Item>> subscriptions(subscribers);
  for (auto& s : subscriptions)
    for (const auto& item : w.catalog.plan(w.plan).items) s.push_back(Item{item.offering});
  std::uint64_t i = 0;
  for (auto _ : state) {
    const RatingEvent& e = events[i++ & (kRing - 1)];
    for (Item& item : subscriptions[e.user.value()])
      if (item.offering == e.offering) {
        item.quantity += e.quantity.millis();
        break;
      }
  }
  std::int64_t total = 0;
  for (const auto& s : subscriptions)
    for (const auto& item : s) total += item.quantity;
  benchmark::DoNotOptimize(total);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline)->Arg(0)->Arg(1000);

}  // namespace
}  // namespace provsim

BENCHMARK_MAIN();
