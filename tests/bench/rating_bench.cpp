// Rated events per second for each price model (with a three-way revenue
// split, duplicate check, subscription lookup and invoice accumulation),
// beside a baseline that only finds the subscription and adds up quantities,
// and the floor: the least work exact per_unit rating with the same split
// does per event (BM_RateFloor).
// BM_Memory reports the engine's bytes per subscriber and per event for a
// realistic mix (docs/performance.md, "Rating engine"); its 1,000,000
// subscriber case runs only with PROVSIM_BENCH_LARGE=1 set, so the CI smoke
// run stays short.
// Build: cmake --workflow --preset release, then build/release/bench/rating_bench.
//
// The set-up (subscribers, reserved memory) is sized from the iterations
// Google Benchmark asks for, so a smoke run (--benchmark_min_time=0.001)
// sets up little, while a measuring run gets 100,000 subscribers and about
// 20 events per subscriber, as before.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <span>
#include <string>
#include <unistd.h>

#include "model/core/random.hpp"
#include "model/rating/per_unit.hpp"
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
  OfferingId film;                    // a purchase offering (one_time), for BM_Memory
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
    x->film = x->catalog.add_offering("film", x->bsp, OfferingKind::kBspPurchase, "item", "film");
    x->catalog.add_plan_item(x->plan, {x->film, Money{}});
    x->book = std::make_unique<RatingBook>(x->catalog);
    {
      PriceParams p;
      p.set("price", "3.99");
      x->book->add_rule(x->plan, x->film, "one_time", make_price_model("one_time", p));
    }
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

// The population of a batch-shaped benchmark: `fixed` subscribers, or (0)
// one sized to the events the run is planned to send.
std::uint32_t batch_population(const benchmark::State& state, std::int64_t fixed) {
  const std::uint64_t planned = static_cast<std::uint64_t>(state.max_iterations) * kBatch;
  return fixed ? static_cast<std::uint32_t>(fixed) : subscribers_for(planned);
}

// The timed loop of the batch-shaped benchmarks: `events` replayed in
// batches of kBatch with fresh ids (1, 2, ...), each batch handed to
// `rate`. Returns the number of events sent.
template <typename RateBatch>
std::uint64_t replay_batches(benchmark::State& state, std::vector<RatingEvent>& events, RateBatch&& rate) {
  std::uint64_t id = 1;
  std::size_t pos = 0;
  for (auto _ : state) {
    std::span<RatingEvent> batch(events.data() + pos, kBatch);
    for (RatingEvent& e : batch) e.id = id++;
    benchmark::DoNotOptimize(rate(std::span<const RatingEvent>(batch)));
    pos = (pos + kBatch) & (kRing - 1);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
  return id - 1;
}

// Every subscriber's item list for the batch-shaped baselines: one Item per
// plan item, made from its offering.
template <typename Item>
std::vector<std::vector<Item>> item_lists(std::uint32_t subscribers) {
  const World& w = world();
  std::vector<std::vector<Item>> lists(subscribers);
  for (auto& list : lists)
    for (const auto& item : w.catalog.plan(w.plan).items) list.push_back(Item{item.offering});
  return lists;
}

void BM_Rate(benchmark::State& state) {
  const World& w = world();
  const OfferingId offering = w.offerings[static_cast<std::size_t>(state.range(0))];
  // range(1): a fixed population (1,000 fits the caches: the rating work
  // alone), or 0 for one sized to the run (memory-bound, as in production).
  const std::uint32_t subscribers = batch_population(state, state.range(1));
  auto events = ring(offering, subscribers);
  RatingEngine engine(w.catalog, *w.book);
  for (std::uint32_t u = 0; u < subscribers; ++u) engine.open_subscription(SubscriberId(u), w.plan, 0, w.offerings);
  // BSPs send batches; submit_batch prefetches ahead inside a batch.
  const std::uint64_t sent =
      replay_batches(state, events, [&](std::span<const RatingEvent> batch) { return engine.submit_batch(batch); });
  if (engine.counters().rated != static_cast<std::int64_t>(sent)) state.SkipWithError("not every event was rated");
  std::string label = kModels[static_cast<std::size_t>(state.range(0))].first;
  if (state.range(1) != 0) label.append(" (fixed population)");
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

// The same baseline work in BM_Rate's loop shape: the same ring replayed in
// batches of 256 with fresh ids written per batch, each batch handed to a
// function that is not inlined into the loop (as submit_batch is not). It
// does no more work per event than BM_Baseline; it only takes away what
// BM_Baseline's loop has and BM_Rate's cannot (the compiler fusing the
// benchmark loop with the work). docs/performance.md, "Rating engine",
// reports the ratio to both.
struct BaselineItem {
  OfferingId offering;
  std::int64_t quantity = 0;
};
[[gnu::noinline]] std::int64_t baseline_batch(std::vector<std::vector<BaselineItem>>& subscriptions,
                                              std::span<const RatingEvent> batch) {
  std::int64_t found = 0;
  for (const RatingEvent& e : batch)
    for (BaselineItem& item : subscriptions[e.user.value()])
      if (item.offering == e.offering) {
        item.quantity += e.quantity.millis();
        ++found;
        break;
      }
  return found;
}

void BM_BaselineBatch(benchmark::State& state) {
  const World& w = world();
  const std::uint32_t subscribers = batch_population(state, state.range(0));
  auto events = ring(w.offerings[1], subscribers);
  auto subscriptions = item_lists<BaselineItem>(subscribers);
  replay_batches(state, events, [&](std::span<const RatingEvent> batch) { return baseline_batch(subscriptions, batch); });
}
BENCHMARK(BM_BaselineBatch)->Arg(0)->Arg(1000);

// The floor: the least work exact per_unit rating with the benchmark's
// three-way split does per event, in BM_BaselineBatch's shape and memory
// layout, with the subscriber's items prefetched ahead as submit_batch
// prefetches. It finds the item as the baseline does, prices and splits
// the event (the Rater), and adds the charge to the item and the shares to
// the party totals. No duplicate check, no subscription dates, no refund
// log, no counters, no conservation check: everything the engine does
// beyond this is what BM_Rate costs beyond it. After the timed loop a batch
// is rated through a real RatingEngine too, and the benchmark fails unless
// every charge and share is the same. docs/performance.md, "Rating engine".
struct FloorItem {
  OfferingId offering;
  std::int64_t quantity = 0;
  Money amount = Money{};
};
using Parties3 = std::array<Money, 3>;  // ISP, NP, BSP: kModels' share lines, residual last

// A Rater prices one event, adds its shares to `parties` and returns the
// charge. This one is the engine's own table-driven code: the tariff and the
// share rule as read from tables (PerUnitTariff called directly, not
// through PriceModel).
class TableRater {
 public:
  TableRater()
      : tariff_(CgrTariff(UsageDimension::kCount, {kModelsPerUnit()}, CgrOptions{}), UsageUnit{}),
        shares_(&world().book->shares(world().offerings[1])),
        isp_(world().isp) {}
  Money operator()(Quantity q, Parties3& parties) const {
    const Money charge = tariff_.charge(q);
    shares_->split(charge, q, out_, isp_);
    for (std::size_t k = 0; k < 3; ++k) parties[k] += out_[k].amount;
    return charge;
  }
  // kModels' per_unit stage: 0.01 connect, 0.06 per 60 s in 1 s increments.
  static CgrInterval kModelsPerUnit() {
    CgrInterval iv;
    iv.rating.connect_fee = Money::parse("0.01");
    iv.rating.method = Rounding::kHalfUp;
    iv.rating.decimals = 4;
    iv.rating.stages = {CgrStage{0, parse_pico("0.06"), 60'000, 1'000}};
    return iv;
  }

 private:
  PerUnitTariff tariff_;
  const ShareRule* shares_;
  ProviderId isp_;
  mutable std::array<PartyAmount, ShareRule::kMaxParties> out_{};
};

// The same tariff and split with their numbers compiled in: 0.01 plus
// 0.001 per started second (whole at 4 decimals), 20 % to the ISP rounded
// half up, 0.0001 per second to the NP rounded half up, the rest to the
// BSP. What code generated per tariff could reach at best.
struct CompiledRater {
  Money operator()(Quantity quantity, Parties3& parties) const {
    const std::int64_t q = quantity.millis();
    const std::int64_t charge = 10'000 + (q + 999) / 1000 * 1000;
    const std::int64_t isp = (charge * 200'000 + 500'000) / 1'000'000;
    const std::int64_t np = (100 * q + 500) / 1000;
    parties[0] += Money::from_micros(isp);
    parties[1] += Money::from_micros(np);
    parties[2] += Money::from_micros(charge - isp - np);
    return Money::from_micros(charge);
  }
};

template <typename Rater>
[[gnu::noinline]] std::int64_t floor_batch(std::vector<std::vector<FloorItem>>& subscriptions, const Rater& rate,
                                           Parties3& parties, std::span<const RatingEvent> batch) {
  std::int64_t found = 0;
  const std::size_t size = batch.size();
  for (std::size_t i = 0; i < size; ++i) {
    // The item list's header far ahead, then (once it is likely cached) the items.
    if (i + 16 < size) __builtin_prefetch(&subscriptions[batch[i + 16].user.value()]);
    if (i + 8 < size) __builtin_prefetch(subscriptions[batch[i + 8].user.value()].data());
    const RatingEvent& e = batch[i];
    for (FloorItem& item : subscriptions[e.user.value()])
      if (item.offering == e.offering) {
        item.amount += rate(e.quantity, parties);
        item.quantity += e.quantity.millis();
        ++found;
        break;
      }
  }
  return found;
}

template <typename Rater>
void BM_RateFloor(benchmark::State& state) {
  const World& w = world();
  const std::uint32_t subscribers = batch_population(state, state.range(0));
  auto events = ring(w.offerings[1], subscribers);
  auto subscriptions = item_lists<FloorItem>(subscribers);
  const Rater rate;
  Parties3 parties{};
  replay_batches(state, events,
                 [&](std::span<const RatingEvent> batch) { return floor_batch(subscriptions, rate, parties, batch); });
  RatingEngine engine(w.catalog, *w.book);
  for (std::size_t i = 0; i < kBatch; ++i) {
    RatingEvent e = events[i];
    e.id = i + 1;
    if (!engine.is_subscribed(e.user)) engine.open_subscription(e.user, w.plan, 0, w.offerings);
    const RatingOutcome rated = engine.submit(e);
    const auto shares = engine.last_shares();
    Parties3 mine{};
    bool same = rated.status == RatingStatus::kRated && rated.charge == rate(e.quantity, mine) && shares.size() == 3;
    for (std::size_t k = 0; same && k < 3; ++k) same = shares[k].amount == mine[k];
    if (!same) state.SkipWithError("the floor rates differently from the engine");
  }
}
BENCHMARK_TEMPLATE(BM_RateFloor, TableRater)->Arg(0)->Arg(1000);
BENCHMARK_TEMPLATE(BM_RateFloor, CompiledRater)->Arg(0)->Arg(1000);

// Resident memory of this process, from /proc (0 where there is none).
std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Memory for a realistic mix (scenarios/capacity-1m's): range(0) subscribers,
// each subscribed to 2-5 of the six BSP offerings (five usage, one
// purchase), then range(1) events per subscriber in batches of 256 with
// sequential ids, 1 % of batches resent, 1 % of purchases refunded in the
// next batch. Reports, from RatingEngine::memory() (what the engine's
// structures hold, heap-block overhead included):
//   bytes_per_sub    after the first events (accounts made): the state per subscriber
//   bytes_per_event  growth from the first third of the events to the end, per event
// and rss_per_sub / rss_per_event, the same from the process's resident
// memory (a cross-check: it includes the allocator's slack). One iteration;
// the time is the whole intake.
void BM_Memory(benchmark::State& state) {
  const World& w = world();
  const auto subscribers = static_cast<std::uint32_t>(state.range(0));
  const auto per_sub = static_cast<std::uint64_t>(state.range(1));
  const std::uint64_t total = subscribers * per_sub;
  for (auto _ : state) {
    state.PauseTiming();
    const std::size_t rss0 = resident_bytes();
    auto engine = std::make_unique<RatingEngine>(w.catalog, *w.book);
    Rng rng = Rng::stream(7, "rating-memory");
    std::vector<OfferingId> all = w.offerings;
    all.push_back(w.film);
    std::vector<std::uint8_t> first(subscribers), count(subscribers);  // a rotation of `all`
    std::vector<OfferingId> mine;
    for (std::uint32_t u = 0; u < subscribers; ++u) {
      first[u] = static_cast<std::uint8_t>(rng.below(all.size()));
      count[u] = static_cast<std::uint8_t>(2 + rng.below(4));
      mine.clear();
      for (std::uint8_t k = 0; k < count[u]; ++k) mine.push_back(all[(first[u] + k) % all.size()]);
      engine->open_subscription(SubscriberId(u), w.plan, 0, mine);
    }
    state.ResumeTiming();
    std::vector<RatingEvent> batch, refunds;
    std::uint64_t id = 1, sent = 0, purchases = 0;
    std::size_t state_bytes = 0, state_rss = 0, third_bytes = 0, third_rss = 0;
    std::uint64_t third_events = 0;
    while (sent < total) {
      batch.clear();
      batch.insert(batch.end(), refunds.begin(), refunds.end());
      refunds.clear();
      while (batch.size() < kBatch) {
        const auto u = static_cast<std::uint32_t>(rng.below(subscribers));
        const OfferingId o = all[(first[u] + rng.below(count[u])) % all.size()];
        const SimTime t = 100.0 + static_cast<double>(rng.below(29 * 86400));
        if (o == w.film) {
          batch.push_back(RatingEvent::purchase(id, w.bsp, SubscriberId(u), o, t, Quantity::units(1)));
          ++purchases;
          if (rng.bernoulli(0.01))
            refunds.push_back(RatingEvent::refund(0, w.bsp, SubscriberId(u), o, EventKind::kPurchase, t + 60,
                                                  Quantity::units(1), id));
        } else {
          const auto q = Quantity::from_millis(static_cast<std::int64_t>(1000 + rng.below(600'000)));
          batch.push_back(RatingEvent::usage(id, w.bsp, SubscriberId(u), o, t, t + 60, q));
        }
        ++id;
      }
      for (RatingEvent& r : refunds) r.id = id++;
      benchmark::DoNotOptimize(engine->submit_batch(batch));
      if (rng.bernoulli(0.01)) benchmark::DoNotOptimize(engine->submit_batch(batch));  // a resend
      sent += batch.size();
      if (!state_bytes && sent >= total / 30) {  // about a day into the month: every account made
        state.PauseTiming();
        state_bytes = engine->memory_bytes();
        state_rss = resident_bytes();
        state.ResumeTiming();
      }
      if (!third_bytes && sent >= total / 3) {
        state.PauseTiming();
        third_bytes = engine->memory_bytes();
        third_rss = resident_bytes();
        third_events = sent;
        state.ResumeTiming();
      }
    }
    state.PauseTiming();
    const auto end_bytes = engine->memory_bytes();
    const auto end_rss = resident_bytes();
    const auto m = engine->memory();
    const double events_after = static_cast<double>(sent - third_events);
    state.counters["bytes_per_sub"] = static_cast<double>(state_bytes) / subscribers;
    state.counters["bytes_per_event"] = static_cast<double>(end_bytes - third_bytes) / events_after;
    state.counters["rss_per_sub"] = static_cast<double>(state_rss - rss0) / subscribers;
    state.counters["rss_per_event"] = (static_cast<double>(end_rss) - static_cast<double>(third_rss)) / events_after;
    state.counters["end_bytes_per_sub"] = static_cast<double>(end_bytes) / subscribers;
    state.counters["subs_bytes_per_sub"] = static_cast<double>(m.subscribers) / subscribers;
    state.counters["refund_records"] = static_cast<double>(m.refund_records);
    state.counters["purchase_share"] = static_cast<double>(purchases) / static_cast<double>(sent);
    state.counters["events"] = static_cast<double>(sent);
    state.counters["ev_per_s"] = benchmark::Counter(static_cast<double>(sent), benchmark::Counter::kIsRate);
    if (engine->counters().rated + engine->counters().duplicates != engine->counters().received)
      state.SkipWithError("not every event was rated");
    engine.reset();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_Memory)->Args({10'000, 30})->Iterations(1)->Unit(benchmark::kMillisecond);

// The capacity-1m size: a month of 300 events per subscriber would take a
// few minutes, so 60 per subscriber (the growth per event is measured from
// a third of the way on); and per_unit rating and the baseline over
// 1,000,000 subscribers. Opt in: PROVSIM_BENCH_LARGE=1.
[[maybe_unused]] const bool kLarge = [] {
  const char* v = std::getenv("PROVSIM_BENCH_LARGE");
  if (!v || std::string(v) != "1") return false;
  benchmark::RegisterBenchmark("BM_Memory", BM_Memory)->Args({1'000'000, 60})->Iterations(1)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Rate", BM_Rate)->Args({1, 1'000'000});
  benchmark::RegisterBenchmark("BM_Baseline", BM_Baseline)->Arg(1'000'000);
  return true;
}();

}  // namespace
}  // namespace provsim

BENCHMARK_MAIN();
