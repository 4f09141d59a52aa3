#pragma once

#include <cstdint>
#include <vector>

#include "model/address/address_server.hpp"

namespace provsim::sim {

// What happened to each address pool between two metrics samples, from the
// growth of its counters (PoolStats): rows of pool_events.csv. Per interval
// rather than per event: at chart resolution that is the same picture, and
// the address server's event loop stays untouched.
//   borrow        addresses the pool received on loan from the NP reserve
//   return        addresses it handed back to the reserve
//   block_added   addresses in the spare blocks the ISP added (grow)
//   lease_blocked session attempts the pool blocked
// Only kinds with a non-zero count in an interval get a row.
struct PoolEvent {
  double time_s;       // the sample that ends the interval
  std::uint32_t pool;  // PoolId, as pools.csv's "pool"
  const char* event;
  std::uint64_t count;
};

class PoolEventLog {
 public:
  void sample(const AddressServer& server, double now);
  const std::vector<PoolEvent>& rows() const { return rows_; }

 private:
  struct Counters {
    std::uint64_t borrowed = 0, returned = 0, grown = 0, blocked = 0;
  };
  std::vector<Counters> last_;  // by pool, at the previous sample
  std::vector<PoolEvent> rows_;
};

}  // namespace provsim::sim
