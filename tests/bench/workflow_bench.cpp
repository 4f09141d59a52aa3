// Orders through the provisioning workflow engine per second, every party
// answering at once with success. One iteration is a subscriber's whole
// life: a new order (6 tasks: network, address, ISP service, two BSP
// entitlements, billing) and its disconnect (6 tasks back), so the store
// stays small. Simulated time moves 1 ms per order and advance() pops the
// timeouts that went stale, as it would in a run.
//
// Baseline: the least any engine must do per request — note it in a hash
// map when sent, find and erase it when answered, hand a result back —
// for the same 12 requests.

#include <benchmark/benchmark.h>

#include <unordered_map>
#include <vector>

#include "model/provisioning/workflow_engine.hpp"

namespace provsim {
namespace {

struct BenchWorld {
  Catalog catalog;
  Order new_order, disconnect;
  BenchWorld() {
    const auto np = catalog.add_provider("np", ProviderKind::kNetworkProvider, "");
    const auto isp = catalog.add_provider("isp", ProviderKind::kIsp, "");
    const auto bsp = catalog.add_provider("bsp", ProviderKind::kBsp, "");
    const auto tier = catalog.add_offering("dsl", np, OfferingKind::kAccessTier, "month", "");
    const auto mail = catalog.add_offering("mail", isp, OfferingKind::kIspService, "month", "");
    const auto game = catalog.add_offering("game", bsp, OfferingKind::kBspUsage, "session", "");
    const auto film = catalog.add_offering("film", bsp, OfferingKind::kBspPurchase, "item", "");
    const auto plan = catalog.add_plan("p", isp, "m", "");
    new_order.kind = OrderKind::kNew;
    new_order.isp = isp;
    new_order.plan = plan;
    new_order.access_tier = tier;
    new_order.isp_services = {mail};
    new_order.bsp_offerings = {game, film};
    disconnect = new_order;
    disconnect.kind = OrderKind::kDisconnect;
    disconnect.isp_services.clear();
    disconnect.bsp_offerings.clear();
  }
};

// Answers every request at once; returns the number of orders finished.
std::size_t drive(WorkflowEngine& engine, Effects effects, SimTime now) {
  std::size_t finished = effects.finished.size();
  std::vector<Request> todo = std::move(effects.requests);
  while (!todo.empty()) {
    const Request r = todo.back();
    todo.pop_back();
    Effects e = engine.on_response(r.id, Outcome::kOk, now);
    finished += e.finished.size();
    todo.insert(todo.end(), e.requests.begin(), e.requests.end());
  }
  return finished;
}

void BM_WorkflowEngineOrders(benchmark::State& state) {
  BenchWorld w;
  Rng rng(1);
  WorkflowEngine engine(w.catalog, EngineConfig{}, rng);
  std::uint32_t next = 0;
  SimTime now = 0;
  std::size_t finished = 0;
  for (auto _ : state) {
    Order o = w.new_order;
    o.id = OrderId(next++);
    o.subscriber = SubscriberId(7);
    finished += drive(engine, engine.start(std::move(o), now), now);
    Order d = w.disconnect;
    d.id = OrderId(next++);
    d.subscriber = SubscriberId(7);
    finished += drive(engine, engine.start(std::move(d), now), now);
    now += 0.002;
    if ((next & 1023) == 0) engine.advance(now);
  }
  if (finished != next) state.SkipWithError("an order did not finish");
  state.SetItemsProcessed(static_cast<std::int64_t>(finished));
  state.counters["requests"] = benchmark::Counter(static_cast<double>(finished) * 6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_WorkflowEngineOrders);

void BM_BaselineRequestBookkeeping(benchmark::State& state) {
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint16_t>> in_flight;
  std::vector<Request> sent;
  std::uint64_t next = 1;
  std::size_t orders = 0;
  for (auto _ : state) {
    for (int order = 0; order < 2; ++order) {
      for (std::uint16_t task = 0; task < 6; ++task) {
        Request r;
        r.id = next++;
        r.task = task;
        sent.push_back(r);
        in_flight.emplace(r.id, std::pair(static_cast<std::uint32_t>(orders), task));
      }
      for (const Request& r : sent) {
        auto it = in_flight.find(r.id);
        benchmark::DoNotOptimize(it->second);
        in_flight.erase(it);
      }
      sent.clear();
      ++orders;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(orders));
}
BENCHMARK(BM_BaselineRequestBookkeeping);

}  // namespace
}  // namespace provsim

BENCHMARK_MAIN();
