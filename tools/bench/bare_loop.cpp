// The limit for tools/bench/engines: the Engset pool of engset_model.hpp
// driven by a bare event loop, one pending event per subscriber, nothing
// else. Two schedulers: `--scheduler heap` (the default), a
// std::priority_queue of (time, subscriber, kind); `--scheduler wheel`,
// provsim's own TimingWheel (model/core/timing_wheel.hpp) built as the IP
// address server's session driver builds it, the fastest queue known here
// for this workload. Prints one JSON line.

#include <cstdint>
#include <queue>
#include <string>
#include <vector>

#include "model/core/random.hpp"
#include "model/core/timing_wheel.hpp"
#include "tools/bench/engset_model.hpp"

namespace {

using provsim::bench::Params;
using provsim::bench::Pool;

// The heap's event has no tie-breaker, as before the wheel was added (16
// bytes); the wheel's orders equal times by insertion (24 bytes).
struct HeapEvent {
  double at;
  std::uint32_t who;
  bool end;  // a session ends (else: an attempt)
};
struct WheelEvent {
  double at;
  std::uint64_t seq;
  std::uint32_t who;
  bool end;
};

struct Later {
  bool operator()(const HeapEvent& a, const HeapEvent& b) const { return a.at > b.at; }
};

using Heap = std::priority_queue<HeapEvent, std::vector<HeapEvent>, Later>;

HeapEvent make(HeapEvent*, double at, std::uint64_t, std::uint32_t who, bool end) { return {at, who, end}; }
WheelEvent make(WheelEvent*, double at, std::uint64_t seq, std::uint32_t who, bool end) {
  return {at, seq, who, end};
}

// The same loop for either queue: each subscriber has one pending event.
template <class Event, class Queue>
std::uint64_t run(const Params& p, provsim::Rng& rng, Pool& pool, Queue& queue) {
  Event* const kind = nullptr;
  std::uint64_t seq = 0;
  for (std::uint64_t i = 0; i < p.sources; ++i)
    queue.push(make(kind, rng.exponential(p.mean_idle), ++seq, static_cast<std::uint32_t>(i), false));
  std::uint64_t events = 0;
  while (!pool.done()) {
    const Event e = queue.top();
    queue.pop();
    ++events;
    if (!e.end && pool.attempt()) {
      queue.push(make(kind, e.at + rng.exponential(p.mean_holding), ++seq, e.who, true));
      continue;
    }
    if (e.end) pool.release();
    queue.push(make(kind, e.at + rng.exponential(p.mean_idle), ++seq, e.who, false));
  }
  return events;
}

}  // namespace

int main(int argc, char** argv) {
  const Params p = provsim::bench::parse_params(argc, argv);
  const std::string scheduler = p.scheduler.empty() ? "heap" : p.scheduler;
  if (scheduler != "heap" && scheduler != "wheel") provsim::bench::usage(argv[0], "--scheduler is heap or wheel");
  provsim::Rng rng(p.seed);
  Pool pool(p);

  const provsim::bench::Stopwatch watch;
  std::uint64_t events = 0;
  if (scheduler == "wheel") {
    provsim::TimingWheel<WheelEvent> wheel;
    events = run<WheelEvent>(p, rng, pool, wheel);
    provsim::bench::print_result("bare loop", "provsim::TimingWheel", p, pool, events, watch);
  } else {
    std::vector<HeapEvent> storage;
    storage.reserve(p.sources);
    Heap heap(Later{}, std::move(storage));
    events = run<HeapEvent>(p, rng, pool, heap);
    provsim::bench::print_result("bare loop", "std::priority_queue", p, pool, events, watch);
  }
  return 0;
}
