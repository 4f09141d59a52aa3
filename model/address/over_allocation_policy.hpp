#pragma once
// The over-allocation request and the policies that answer it.
//
// The server raises an over-allocation request when a lease finds its pool
// exhausted, when the pool's free share drops below its low-water mark, or
// when a binding would push the pool past its maximum over-allocation ratio.
// It hands the policy a read-only view of the pool and carries out what the
// policy decides. A policy is pure: it cannot touch the pool or the clock;
// anything slow it wants (a loan from the network provider's reserve, a new
// block from the ISP) it asks for in its decision, and the server turns that
// into a request the simulation delivers after its own delay
// (AddressServer::complete).
//
// A new policy is one file defining a class derived from
// OverAllocationPolicy plus one registration line in policy_registry.cpp.

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/address/allocator.hpp"
#include "model/address/pool_id.hpp"
#include "model/core/registry.hpp"
#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"

namespace provsim {

enum class OverAllocationTrigger {
  kLeaseExhausted,  // a lease found no free address
  kLowWater,        // free addresses fell below the low-water mark
  kBindOverRatio,   // a binding would exceed the pool's maximum ratio
};

// What a policy may look at.
struct PoolView {
  PoolId pool;
  ProviderId isp;
  SimTime now = 0;
  std::uint32_t capacity = 0;      // addresses usable now: own + borrowed
  std::uint32_t own_capacity = 0;
  std::uint32_t borrowed = 0;      // this pool's loans not yet returned
  std::uint32_t borrow_room = 0;   // addresses the ISP may still borrow (cap - outstanding - in flight)
  std::uint32_t leased = 0;
  std::uint32_t free = 0;
  std::uint32_t bound = 0;
  std::uint32_t waiting = 0;
  bool loan_in_flight = false;
  bool grow_in_flight = false;
  std::uint32_t spare_blocks = 0;  // blocks the ISP can still add (not counting one in flight)
  // The lease a preemption would take back, or kNoSlot when no lease is idle
  // (see AddressServer: the earliest-expiring lease, if its device has
  // vanished or it has not been renewed for `idle_after`).
  Slot idle_victim = kNoSlot;
};

struct PolicyDecision {
  enum class Outcome {
    kBlock,    // the lease (or binding) is refused now
    kWait,     // the lease waits (FIFO) for a free address, up to wait_timeout
    kPreempt,  // the idle victim's lease is revoked and given to the requester
    kAdmit,    // bindings only: bind beyond the ratio (for a lease it means kBlock)
  };
  // kWait with a zero timeout, or kPreempt with no idle victim, is kBlock.
  Outcome outcome = Outcome::kBlock;
  Duration wait_timeout = 0;
  std::uint32_t borrow = 0;  // ask the reserve for this many addresses (0: no)
  bool grow = false;         // ask the ISP for a new block

  static PolicyDecision block() { return {}; }
  static PolicyDecision admit() { return {Outcome::kAdmit, 0, 0, false}; }
  static PolicyDecision wait(Duration timeout) { return {Outcome::kWait, timeout, 0, false}; }
  static PolicyDecision preempt() { return {Outcome::kPreempt, 0, 0, false}; }
};

// Parameters for the built-in policies; `extra` carries a researcher's own
// (the scenario's [address] keys the sim does not know).
struct PolicyOptions {
  Duration queue_timeout = 60;     // how long a waiting lease may wait
  std::uint32_t borrow_count = 16; // addresses asked for per loan request
  bool borrow_waits = true;        // borrow: the lease waits for the loan instead of being blocked
  bool grow_waits = false;         // grow: the lease waits for the new block instead of being blocked
  bool grow_on_low_water = false;  // grow: also ask for a block when the pool runs low
  std::map<std::string, double, std::less<>> extra;
  // Every name param() was asked for. A policy reads its parameters when it
  // is made; a name in `extra` no policy asked for is then a slip (a typo,
  // or a parameter of another policy), and the scenario is refused.
  mutable std::set<std::string, std::less<>> asked;

  double param(std::string_view key, double fallback) const {
    asked.emplace(key);
    auto it = extra.find(key);
    return it == extra.end() ? fallback : it->second;
  }
};

class OverAllocationPolicy {
 public:
  virtual ~OverAllocationPolicy() = default;
  virtual std::string_view name() const = 0;
  virtual PolicyDecision decide(OverAllocationTrigger trigger, const PoolView& pool) = 0;
  // Whether a decision may ask another party for addresses (a loan, a
  // block): such a request is a message sent at the time of the decision,
  // so the simulation must run the pool event by event. A policy that
  // never does lets the session actor batch its events. When unsure, true.
  virtual bool sends_requests() const { return true; }
};

using PolicyRegistry = Registry<OverAllocationPolicy, PolicyOptions>;
// reject, borrow, preempt, queue, grow.
template <>
PolicyRegistry PolicyRegistry::with_builtins();

}  // namespace provsim
