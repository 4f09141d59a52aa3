#pragma once
// A time series sampled into metrics.csv: a column name and how to read it.
// Registered once before the run (world.cpp, the call centres), read by the
// metrics actor at every sample; the rows are kept in the run's records
// (sim/records.hpp).

#include <functional>
#include <string>

namespace provsim::sim {

struct Series {
  std::string name;
  std::function<double()> read;
};

}  // namespace provsim::sim
