#pragma once
// Statistics of one address pool. The "now" fields are the current state
// (sample them to draw a time series); the counters only grow.

#include <cstdint>

namespace provsim {

struct PoolStats {
  // Now.
  std::uint32_t capacity = 0;      // usable addresses: own + borrowed
  std::uint32_t own_capacity = 0;  // from the pool's own blocks
  std::uint32_t borrowed = 0;      // loans not yet returned
  std::uint32_t bound = 0;         // subscribers bound to the pool
  std::uint32_t leased = 0;
  std::uint32_t probation = 0;     // declined addresses resting
  std::uint32_t waiting = 0;       // leases queued for an address
  std::uint32_t peak_leased = 0;

  // Leases. Every lease() of a subscriber without a lease is one attempt and
  // ends exactly once: granted (at once or after a wait) or blocked (at once
  // or when its wait timed out), unless it is still waiting or was withdrawn.
  std::uint64_t attempts = 0;
  std::uint64_t granted = 0;
  std::uint64_t blocked = 0;
  std::uint64_t waited = 0;         // attempts that had to wait
  std::uint64_t wait_granted = 0;   // of those, granted
  std::uint64_t wait_timeouts = 0;  // of those, blocked when the wait ran out
  std::uint64_t wait_withdrawn = 0; // of those, given up by the client (or unbound)
  double total_wait = 0;            // seconds waited by the attempts that were granted after a wait
  std::uint64_t renewals = 0;
  std::uint64_t releases = 0;
  std::uint64_t expiries = 0;
  std::uint64_t declines = 0;       // addresses put on probation
  std::uint64_t forgotten = 0;      // leases the server lost in a crash (their addresses on probation)
  std::uint64_t preempted = 0;      // leases revoked to serve another

  // Bindings.
  std::uint64_t bind_attempts = 0;
  std::uint64_t binds_refused = 0;  // over the ratio and the policy said no
  std::uint64_t unbinds = 0;

  // Over-allocation.
  std::uint64_t over_allocation_requests = 0;  // times the policy was asked
  std::uint64_t loan_requests = 0;
  std::uint64_t borrowed_total = 0;   // addresses received on loan
  std::uint64_t returned_total = 0;   // addresses handed back
  std::uint64_t grow_requests = 0;
  std::uint64_t grown_blocks = 0;
  std::uint64_t grown_addresses = 0;
  std::uint64_t low_water_crossings = 0;   // free share fell below the low-water mark
  std::uint64_t high_water_crossings = 0;  // utilisation rose above the high-water mark

  double over_allocation_ratio() const { return capacity ? static_cast<double>(bound) / capacity : 0.0; }
  double utilisation() const { return capacity ? static_cast<double>(leased) / capacity : 0.0; }
  double blocking() const { return attempts ? static_cast<double>(blocked) / static_cast<double>(attempts) : 0.0; }
  double mean_wait() const { return wait_granted ? total_wait / static_cast<double>(wait_granted) : 0.0; }
};

}  // namespace provsim
