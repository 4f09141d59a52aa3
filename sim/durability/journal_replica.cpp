#include "sim/durability/journal_replica.hpp"

#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <cmath>

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

void JournalReplica::ship(double bytes) {
  const double start = sg4::Engine::get_clock();
  const auto whole = static_cast<sg_size_t>(std::ceil(std::max(bytes, 0.0)));
  // A link taken down (outages.csv) fails the transfer: the copy waits and
  // sends again, and the records wait with it.
  while (true) {
    try {
      sg4::Comm::sendto(from_, disk_->get_host(), whole);
      break;
    } catch (const simgrid::NetworkFailureException&) {
      sg4::this_actor::sleep_for(1);
    }
  }
  disk_->write(whole);
  if (write_latency_ > 0) sg4::this_actor::sleep_for(write_latency_);
  counts_.bytes += static_cast<double>(whole);
  counts_.time_s += sg4::Engine::get_clock() - start;
  ++counts_.writes;
}

}  // namespace provsim::sim
