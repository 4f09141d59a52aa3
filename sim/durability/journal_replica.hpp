#pragma once
// The standby host's copy of a journal (durability.failover = replicated).
// Each write the active host makes to its own disk is then shipped over the
// network to the standby host (a transfer across both hosts' links, with
// their bandwidth and latency from hosts.csv) and written to the standby's
// disk. A record counts as durable only once it is on both disks: the
// components that wait for their records (sync) then wait for the copy
// too, so a takeover finds every change they acted on; what the lease file
// granted without waiting and had not shipped is lost at a takeover.

#include <simgrid/s4u/Disk.hpp>
#include <simgrid/s4u/Host.hpp>

namespace provsim::sim {

struct ShippingCounts {
  double bytes = 0;   // bytes sent to the standby, snapshots included
  double time_s = 0;  // seconds spent shipping and writing the copies
  unsigned long long writes = 0;
};

class JournalReplica {
 public:
  // `from` is the active host; `disk` the standby's disk.
  JournalReplica(simgrid::s4u::Host* from, simgrid::s4u::Disk* disk, double write_latency)
      : from_(from), disk_(disk), write_latency_(write_latency) {}

  simgrid::s4u::Disk* disk() const { return disk_; }
  // After a takeover the copy runs the other way: from the host that took
  // over to the disk of the host it replaced (the counts go on).
  void redirect(simgrid::s4u::Host* from, simgrid::s4u::Disk* disk) {
    from_ = from;
    disk_ = disk;
  }
  // Sends `bytes` to the standby and writes them there (blocks the calling
  // actor for the transfer and the write).
  void ship(double bytes);
  const ShippingCounts& counts() const { return counts_; }

 private:
  simgrid::s4u::Host* from_;
  simgrid::s4u::Disk* disk_;
  double write_latency_;
  ShippingCounts counts_;
};

}  // namespace provsim::sim
