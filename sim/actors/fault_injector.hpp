#pragma once
// The fault injector: takes the hosts and links of outages.csv down and
// back up on schedule.
//
// Reads the run context (the outages, the hosts and links, the end time).
// Changes the fault state (outages counted, hosts down) and, for the
// platform's hosts, crashes and restarts the platform through its
// durability (null when durability is off).

namespace provsim::sim {

class Faults;
class PlatformDurability;
class RunContext;

class FaultInjector {
 public:
  FaultInjector(const RunContext& context, Faults& faults, PlatformDurability* durability)
      : context_(context), faults_(faults), durability_(durability) {}

  void operator()();

 private:
  const RunContext& context_;
  Faults& faults_;
  PlatformDurability* durability_;
};

}  // namespace provsim::sim
