#include "sim/records.hpp"

namespace provsim::sim {

void Records::order_finished(OrderResult result) {
  if (counts_in_latency(result))
    for (const StepTiming& s : result.steps)
      if (s.finished_at >= 0 && s.ready_at >= 0)
        step_latencies_[static_cast<std::size_t>(s.adapter)].push_back(s.finished_at - s.ready_at);
  result.steps = {};
  finished_orders_.push_back(std::move(result));
}

void Records::take_sample(SimTime now, const AddressServer& addresses) {
  std::vector<double> row;
  row.reserve(series_.size() + 1);
  row.push_back(now);
  for (const Series& s : series_) row.push_back(s.read());
  samples_.push_back(std::move(row));
  pool_events_.sample(addresses, now);
}

}  // namespace provsim::sim
