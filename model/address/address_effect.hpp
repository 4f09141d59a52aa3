#pragma once
// What the address server asks of, or tells, the simulation that drives it.
// The server never schedules anything: every call that changes its state may
// append effects to its outbox; the caller reads them (effects()), acts, and
// clears the outbox (clear_effects()).

#include <cstdint>

#include "model/address/allocator.hpp"
#include "model/address/pool_id.hpp"
#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"

namespace provsim {

struct RequestTag {};
using RequestId = StrongId<RequestTag>;

struct AddressEffect {
  enum class Kind : std::uint8_t {
    kLeaseGranted,  // a waiting lease got an address (subscriber, pool, slot, waited)
    kLeaseBlocked,  // a waiting lease timed out (subscriber, pool, waited)
    kLeaseRevoked,  // preempted: the subscriber lost its address (subscriber, pool, slot)
    kLeaseExpired,  // the lease ran out without a renewal (subscriber, pool, slot)
    kRequestLoan,   // ask the NP reserve: call complete(request) after its delay (pool, request, count)
    kRequestBlock,  // ask the ISP for a block: call complete(request) after its delay (pool, request)
    kLoanGranted,   // a loan arrived (pool, count: addresses granted, maybe 0)
    kLoanReturned,  // addresses handed back to the reserve (pool, count)
    kBlockAdded,    // a spare block joined the pool (pool, count: addresses; 0 if none was left)
  };
  Kind kind;
  SubscriberId subscriber;
  PoolId pool;
  Slot slot = kNoSlot;
  RequestId request;
  std::uint32_t count = 0;
  Duration waited = 0;
};

}  // namespace provsim
