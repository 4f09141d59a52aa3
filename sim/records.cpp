#include "sim/records.hpp"

namespace provsim::sim {

void Records::take_sample(SimTime now, const AddressServer& addresses) {
  std::vector<double> row;
  row.reserve(series_.size() + 1);
  row.push_back(now);
  for (const Series& s : series_) row.push_back(s.read());
  samples_.push_back(std::move(row));
  pool_events_.sample(addresses, now);
}

}  // namespace provsim::sim
