// ns-3's event scheduler on the Engset pool of engset_model.hpp, for
// tools/bench/engines: every attempt and session end is an ns-3 event
// (Simulator::Schedule of a function with the subscriber as argument), the
// rest is the same code as bare_loop.cpp. The scheduler is ns-3's default
// (the SchedulerType global value: ns3::MapScheduler in 3.37) unless
// --scheduler names another (ns3::HeapScheduler, ns3::CalendarScheduler,
// ns3::ListScheduler, ns3::PriorityQueueScheduler). Prints one JSON line.

#include <cstdint>
#include <optional>
#include <string>

#include <ns3/global-value.h>
#include <ns3/nstime.h>
#include <ns3/simulator.h>
#include <ns3/string.h>
#include <ns3/type-id.h>

#include "model/core/random.hpp"
#include "tools/bench/engset_model.hpp"

namespace {

using provsim::bench::Params;
using provsim::bench::Pool;

struct State {
  const Params* params = nullptr;
  std::optional<provsim::Rng> rng;
  std::optional<Pool> pool;
  std::uint64_t events = 0;
};
State state;

void on_end(std::uint32_t who);

void on_attempt(std::uint32_t who) {
  ++state.events;
  if (state.pool->attempt())
    ns3::Simulator::Schedule(ns3::Seconds(state.rng->exponential(state.params->mean_holding)), &on_end, who);
  else
    ns3::Simulator::Schedule(ns3::Seconds(state.rng->exponential(state.params->mean_idle)), &on_attempt, who);
  if (state.pool->done()) ns3::Simulator::Stop();
}

void on_end(std::uint32_t who) {
  ++state.events;
  state.pool->release();
  ns3::Simulator::Schedule(ns3::Seconds(state.rng->exponential(state.params->mean_idle)), &on_attempt, who);
}

std::string scheduler_name() {
  ns3::TypeIdValue type;
  ns3::GlobalValue::GetValueByName("SchedulerType", type);
  return type.Get().GetName();
}

}  // namespace

int main(int argc, char** argv) {
  const Params p = provsim::bench::parse_params(argc, argv);
  if (!p.scheduler.empty()) ns3::GlobalValue::Bind("SchedulerType", ns3::StringValue(p.scheduler));
  const std::string scheduler = scheduler_name();
  state.params = &p;
  state.rng.emplace(p.seed);
  state.pool.emplace(p);

  const provsim::bench::Stopwatch watch;
  for (std::uint64_t i = 0; i < p.sources; ++i)
    ns3::Simulator::Schedule(ns3::Seconds(state.rng->exponential(p.mean_idle)), &on_attempt,
                             static_cast<std::uint32_t>(i));
  ns3::Simulator::Run();
  provsim::bench::print_result("ns-3", scheduler.c_str(), p, *state.pool, state.events, watch);
  ns3::Simulator::Destroy();
  return 0;
}
