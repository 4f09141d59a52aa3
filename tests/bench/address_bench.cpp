// Allocate + release pairs per second for each address allocator on a /16
// pool (65,534 addresses) held at 10 %, 50 % and 99 % occupancy, beside a
// bare free list (a vector pop and push) doing the same work. Each pair takes
// a free address and releases the oldest held one, so occupancy stays put.
// Also the whole server (lease + release through AddressServer) for scale.
//
// Targets: each allocator at 99 % within 2x of its own rate at 10 %;
// free-queue within 3x of the bare free list. Measure in a Release build.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "model/address/address_server.hpp"
#include "model/address/allocator.hpp"
#include "model/core/random.hpp"

namespace {

using provsim::Slot;

constexpr Slot kPool = 65534;  // a /16 without network and broadcast

Slot held_for(double occupancy) { return static_cast<Slot>(occupancy * kPool); }

// A ring of held slots, oldest first, that never allocates after set-up.
class Ring {
 public:
  explicit Ring(std::size_t capacity) : slots_(capacity + 1) {}
  void push(Slot s) {
    slots_[tail_] = s;
    tail_ = (tail_ + 1) % slots_.size();
  }
  Slot pop() {
    const Slot s = slots_[head_];
    head_ = (head_ + 1) % slots_.size();
    return s;
  }

 private:
  std::vector<Slot> slots_;
  std::size_t head_ = 0, tail_ = 0;
};

void bare_free_list(benchmark::State& state, double occupancy) {
  std::vector<Slot> free;
  free.reserve(kPool);
  for (Slot s = kPool; s-- > 0;) free.push_back(s);
  Ring held(kPool);
  for (Slot i = 0; i < held_for(occupancy); ++i) {
    held.push(free.back());
    free.pop_back();
  }
  for (auto _ : state) {
    const Slot s = free.back();
    free.pop_back();
    held.push(s);
    free.push_back(held.pop());
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}

void allocator_pairs(benchmark::State& state, const std::string& name, double occupancy) {
  auto alloc = provsim::AllocatorRegistry::with_builtins().create(name);
  provsim::Rng rng(42);
  alloc->resize(kPool);
  for (Slot s = 0; s < kPool; ++s) alloc->on_free(s);
  Ring held(kPool);
  for (Slot i = 0; i < held_for(occupancy); ++i) held.push(alloc->allocate({}, rng));
  // Randomise which slots are held, so the free ones are scattered as in a
  // pool that has been running for a while.
  for (Slot i = 0; i < 2 * kPool; ++i) {
    alloc->on_free(held.pop());
    held.push(alloc->allocate({static_cast<Slot>(rng.below(kPool))}, rng));
  }
  Slot previous = provsim::kNoSlot;
  for (auto _ : state) {
    const Slot s = alloc->allocate({previous}, rng);
    held.push(s);
    previous = held.pop();
    alloc->on_free(previous);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}

void server_pairs(benchmark::State& state, const std::string& name, double occupancy) {
  provsim::AddressPlan plan;
  plan.network_provider = provsim::ProviderId(0);
  plan.add({provsim::IpPrefix::parse("10.0.0.0/16"), provsim::ProviderId(1), "", false});
  provsim::AddressServerConfig config;
  config.pool.allocator = name;
  provsim::AddressServer server(plan, config, provsim::Rng(7));
  const std::uint32_t subscribers = kPool;
  for (std::uint32_t i = 0; i < subscribers; ++i)
    server.bind(provsim::SubscriberId(i), provsim::ProviderId(1), "", 0);
  std::deque<std::uint32_t> online;
  std::uint32_t next = 0;
  for (; next < held_for(occupancy); ++next) {
    server.lease(provsim::SubscriberId(next), 0);
    online.push_back(next);
  }
  double now = 0;
  for (auto _ : state) {
    now += 1;
    server.lease(provsim::SubscriberId(next), now);
    online.push_back(next);
    next = online.front();
    online.pop_front();
    server.release(provsim::SubscriberId(next), now);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::pair<std::string, double>> occupancies = {{"10%", 0.10}, {"50%", 0.50}, {"99%", 0.99}};
  for (const auto& [label, occ] : occupancies)
    benchmark::RegisterBenchmark(("bare_free_list/" + label).c_str(), bare_free_list, occ);
  for (const std::string name : {"iterative", "random", "free-queue", "sticky"})
    for (const auto& [label, occ] : occupancies)
      benchmark::RegisterBenchmark(("allocator/" + name + "/" + label).c_str(), allocator_pairs, name, occ);
  for (const std::string name : {"iterative", "random", "free-queue", "sticky"})
    for (const auto& [label, occ] : occupancies)
      benchmark::RegisterBenchmark(("server/" + name + "/" + label).c_str(), server_pairs, name, occ);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
