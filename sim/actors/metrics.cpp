// The metrics collector: every run.metrics_interval of simulated time it
// reads each registered series into a row of metrics.csv. Sampling on a
// fixed grid keeps rows comparable across runs and scenarios.

#include "sim/actors/metrics.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/actors/ip_address_server.hpp"
#include "sim/call_centre.hpp"
#include "sim/channels.hpp"
#include "sim/platform_components.hpp"
#include "sim/records.hpp"
#include "sim/run_context.hpp"

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

void sample_now(PlatformComponents& platform, Channels& channels, Records& records) {
  const double now = sg4::Engine::get_clock();
  platform.sessions().catch_up(now);  // the address pools as they are now (sessions.step)
  platform.rating_port().settle();    // the rating engine's counters with every batch received so far rated
  records.take_sample(now, platform.addresses());
  for (auto& centre : channels.call_centres()) centre->start_wait_interval();
}

void MetricsActor::operator()() {
  const double interval = context_.options.metrics_interval;
  for (double t = 0; t < context_.end_time(); t += interval) {
    sg4::this_actor::sleep_until(t);
    sample_now(platform_, channels_, records_);
  }
}

}  // namespace provsim::sim
