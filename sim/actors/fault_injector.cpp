// The fault injector: plays the scenario's outages.csv. A host
// that goes down loses its actors (SimGrid kills them); the party systems'
// workers are created auto-restarting, so they come back, with empty
// queues, when the host is turned on again. The platform host and the
// standby host (with durability on) crash and restart the components they
// run, or stand by again, instead
// (sim/durability/platform_durability.hpp): the host itself stays on for
// the run's own bookkeeping actors. A link that goes down makes
// every message crossing it fail: the rpc layer counts such a message as
// lost, and the caller times out.

#include "sim/actors/fault_injector.hpp"

#include <algorithm>
#include <vector>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include "sim/durability/platform_durability.hpp"
#include "sim/faults.hpp"
#include "sim/run_context.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

struct Switch {
  double at = 0;
  const OutageSpec* outage = nullptr;
  bool up = false;
};

void flip(const RunContext& context, Faults& faults, PlatformDurability* durability, const Switch& s) {
  const OutageSpec& o = *s.outage;
  if (o.link) {
    sg4::Link* link = context.hosts.links.at(o.target);
    if (s.up)
      link->turn_on();
    else
      link->turn_off();
    return;
  }
  sg4::Host* host = context.hosts.hosts.at(o.target);
  // Allowed with durability only (sim/scenario/fault_tables.cpp).
  if (host == context.hosts.platform_host || host == context.hosts.standby_host) {
    if (s.up)
      durability->restart(host);
    else
      durability->crash(host);
    return;
  }
  if (s.up) {
    faults.host_up(o.target, sg4::Engine::get_clock());
    host->turn_on();
  } else {
    faults.host_down(o.target);
    host->turn_off();
  }
}

}  // namespace

void FaultInjector::operator()() {
  std::vector<Switch> plan;
  for (const OutageSpec& o : context_.scenario.outages) {
    plan.push_back(Switch{o.start_s, &o, false});
    plan.push_back(Switch{o.start_s + o.duration_s, &o, true});
  }
  // In time order; at one instant, what comes back comes back first.
  std::stable_sort(plan.begin(), plan.end(),
                   [](const Switch& a, const Switch& b) { return a.at != b.at ? a.at < b.at : a.up > b.up; });
  for (const Switch& s : plan) {
    if (s.at >= context_.end_time()) return;
    sg4::this_actor::sleep_until(s.at);
    if (!s.up) ++faults_.counts.outages;
    flip(context_, faults_, durability_, s);
  }
}

}  // namespace provsim::sim
