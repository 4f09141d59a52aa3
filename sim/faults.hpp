#pragma once
// Fault injection at run time: the random faults of each party
// system (a provisioning request or its reply lost, a request refused for
// good) and the state of scheduled outages (sim/actors/fault_injector.cpp
// takes hosts and links down and up; outages.csv says when).
//
// A lost message is simply never delivered: the caller's timeout and retry
// budget decide what happens next. A host that is down loses whatever was
// waiting in its systems' queues: a party worker drops requests sent before
// its host last came back up.

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "model/core/random.hpp"
#include "model/provisioning/task.hpp"
#include "sim/scenario/run_options.hpp"

namespace provsim::sim {

struct FaultCounts {
  std::uint64_t lost_requests = 0;
  std::uint64_t lost_replies = 0;
  std::uint64_t refused = 0;
  std::uint64_t dropped_by_outage = 0;  // requests sent to a system while its host was down
  std::uint64_t outages = 0;            // outages that began
};

class Faults {
 public:
  explicit Faults(const FaultOptions& options) : loss_(options.loss), refuse_(options.refuse) {}

  // Random faults of `adapter`'s party system; each draw only when its
  // probability is above zero, so a scenario without faults draws nothing.
  bool lose(AdapterKind adapter, Rng& rng) const;
  bool refuse(AdapterKind adapter, Rng& rng) const;
  bool any_random() const;

  // Outage bookkeeping, by host name.
  void host_down(const std::string& host) { down_[host] = true; }
  void host_up(const std::string& host, double now);
  // Whether a request sent at `sent_at` to a system on `host` was lost to
  // an outage (sent before the host last came back up, or while it is down).
  bool lost_to_outage(const std::string& host, double sent_at) const;

  FaultCounts counts;

 private:
  std::array<double, kAdapterKindCount> loss_{};
  std::array<double, kAdapterKindCount> refuse_{};
  std::map<std::string, double> up_since_;
  std::map<std::string, bool> down_;
};

}  // namespace provsim::sim
