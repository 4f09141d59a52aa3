// The metrics collector: every run.metrics_interval of simulated time it
// reads each registered series into a row of metrics.csv. Sampling on a
// fixed grid keeps rows comparable across runs and scenarios.

#include "sim/actors/metrics.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/actors/ip_address_server.hpp"
#include "sim/call_centre.hpp"
#include "sim/world.hpp"

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

void sample_now(World& w) {
  const double now = sg4::Engine::get_clock();
  w.platform().sessions().catch_up(now);  // the address pools as they are now (sessions.step)
  w.platform().rating_port().settle();  // the rating engine's counters with every batch received so far rated
  std::vector<double> row;
  row.reserve(w.records().series.size() + 1);
  row.push_back(now);
  for (const Series& s : w.records().series) row.push_back(s.read());
  w.records().samples.push_back(std::move(row));
  w.records().pool_events.sample(w.platform().addresses(), now);
  for (auto& centre : w.channels().call_centres()) centre->start_wait_interval();
}

void metrics_actor(World& w) {
  const double interval = w.options.metrics_interval;
  for (double t = 0; t < w.end_time(); t += interval) {
    sg4::this_actor::sleep_until(t);
    sample_now(w);
  }
}

}  // namespace provsim::sim
