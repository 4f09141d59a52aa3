#include "model/provisioning/adapter_gate.hpp"

#include <algorithm>

#include "model/core/check.hpp"

namespace provsim {

double AdapterStats::utilisation(SimTime now) const {
  if (limit == 0 || now <= 0) return 0;
  const Duration pending = now > last_change ? (now - last_change) * in_flight : 0;
  return (in_flight_area + pending) / (static_cast<double>(limit) * now);
}

void AdapterGate::account(SimTime now) {
  PROVSIM_CHECK(now >= stats_.last_change, "time went backwards at an adapter gate");
  const Duration dt = now - stats_.last_change;
  stats_.in_flight_area += dt * stats_.in_flight;
  if (stats_.in_flight > 0) stats_.busy_time += dt;
  stats_.last_change = now;
}

void AdapterGate::take_slot(const Waiting& w, SimTime now) {
  account(now);
  ++stats_.in_flight;
  ++stats_.sent;
  if (now > w.since) {
    ++stats_.waited;
    stats_.wait_time += now - w.since;
  }
  stats_.peak_in_flight = std::max(stats_.peak_in_flight, stats_.in_flight);
}

void AdapterGate::pop_front() {
  waiting_.pop_front();
  stats_.queued = static_cast<std::uint32_t>(waiting_.size());
}

void AdapterGate::queue(const Waiting& waiting) {
  waiting_.push_back(waiting);
  stats_.queued = static_cast<std::uint32_t>(waiting_.size());
}

void AdapterGate::release(SimTime now) {
  PROVSIM_CHECK(stats_.in_flight > 0, "adapter released more requests than it sent");
  account(now);
  --stats_.in_flight;
}

}  // namespace provsim
