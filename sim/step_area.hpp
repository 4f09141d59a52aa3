#pragma once
// The area under a step function of time (orders in the system): its time
// average is Little's L. A plain value, kept in the run's records
// (sim/records.hpp) and updated by whoever changes the quantity.

namespace provsim::sim {

struct StepArea {
  double area = 0;
  double last_time = 0;
  double last_value = 0;
  void update(double now, double value) {
    area += last_value * (now - last_time);
    last_time = now;
    last_value = value;
  }
};

}  // namespace provsim::sim
