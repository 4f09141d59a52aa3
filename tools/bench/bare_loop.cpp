// The limit for tools/bench/engines: the Engset pool of engset_model.hpp
// driven by a bare std::priority_queue of (time, subscriber, kind), one
// pending event per subscriber, nothing else. Prints one JSON line.

#include <cstdint>
#include <queue>
#include <vector>

#include "model/core/random.hpp"
#include "tools/bench/engset_model.hpp"

namespace {

struct Event {
  double at;
  std::uint32_t who;
  bool end;  // a session ends (else: an attempt)
};

struct Later {
  bool operator()(const Event& a, const Event& b) const { return a.at > b.at; }
};

}  // namespace

int main(int argc, char** argv) {
  using namespace provsim::bench;
  const Params p = parse_params(argc, argv);
  provsim::Rng rng(p.seed);
  Pool pool(p);

  const provsim::bench::Stopwatch watch;
  std::vector<Event> storage;
  storage.reserve(p.sources);
  std::priority_queue<Event, std::vector<Event>, Later> queue(Later{}, std::move(storage));
  for (std::uint64_t i = 0; i < p.sources; ++i)
    queue.push(Event{rng.exponential(p.mean_idle), static_cast<std::uint32_t>(i), false});

  std::uint64_t events = 0;
  while (!pool.done()) {
    const Event e = queue.top();
    queue.pop();
    ++events;
    if (!e.end && pool.attempt()) {
      queue.push(Event{e.at + rng.exponential(p.mean_holding), e.who, true});
      continue;
    }
    if (e.end) pool.release();
    queue.push(Event{e.at + rng.exponential(p.mean_idle), e.who, false});
  }
  print_result("bare loop", "std::priority_queue", p, pool, events, watch);
  return 0;
}
