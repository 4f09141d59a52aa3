#pragma once
// One address pool: the addresses an ISP (optionally per serving region) can
// lease, each a slot in a dense table; the allocator's index of the free
// ones; the leases ordered by expiry; declined addresses on probation; the
// leases waiting for an address; and the pool's statistics.
//
// The pool keeps its own books consistent; the decisions (which subscriber,
// which policy, loans, requests) are the AddressServer's. The network
// provider's reserve is a pool too: its slots are lent instead of leased.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "model/address/allocator.hpp"
#include "model/address/ip_prefix.hpp"
#include "model/address/lease_heap.hpp"
#include "model/address/pool_id.hpp"
#include "model/address/pool_stats.hpp"
#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"

namespace provsim {

struct PoolConfig {
  std::string allocator = "free-queue";  // a name in the AllocatorRegistry
  std::string policy = "reject";         // a name in the PolicyRegistry
  double max_ratio = 0;                  // bound / capacity limit for bindings; 0: no limit
  double low_water = 0;                  // free share below which the policy is told; 0: never
  double high_water = 0.8;               // utilisation mark: crossings, and loans go back below it
  Duration loan_hold = 3600;             // ...after staying below it this long
  std::uint32_t borrow_cap = 256;        // addresses the ISP may have on loan or asked for
};

enum class SlotState : std::uint8_t { kFree, kLeased, kProbation, kLent, kRetired };

struct SlotInfo {
  std::uint32_t block = 0;   // index into the plan's blocks
  std::uint32_t offset = 0;  // the address is the block's base + offset
  std::uint32_t holder = UINT32_MAX;  // leased: the subscriber; lent: the borrowing pool
  Slot loan = kNoSlot;       // a borrowed slot: the reserve's slot it stands for
  SlotState state = SlotState::kRetired;
};

struct Waiter {
  SubscriberId who;
  std::uint32_t ticket;  // matches the subscriber's current wait, else stale
  SimTime since;
  SimTime deadline;
};

class AddressPool {
 public:
  AddressPool(PoolId id, ProviderId owner, std::string region, PoolConfig config,
              std::unique_ptr<Allocator> allocator);

  PoolId id() const { return id_; }
  ProviderId owner() const { return owner_; }
  const std::string& region() const { return region_; }
  const PoolConfig& config() const { return config_; }
  const Allocator& allocator() const { return *allocator_; }
  const PoolStats& stats() const { return stats_; }
  PoolStats& stats() { return stats_; }

  // --- The address table.
  // Adds the usable addresses of one of the owner's blocks, all free.
  void add_block(std::uint32_t block, UsableRange range);
  const std::vector<std::uint32_t>& blocks() const { return blocks_; }
  // Adds one borrowed address (free), reusing a slot of a returned loan.
  Slot add_loan(std::uint32_t block, std::uint32_t offset, Slot reserve_slot);
  // Takes up to `max` free borrowed slots out of the pool; returns the
  // reserve slots they stood for.
  std::vector<Slot> take_back_loans(std::uint32_t max);
  Slot slot_count() const { return static_cast<Slot>(slots_.size()); }
  const SlotInfo& slot(Slot s) const { return slots_[s]; }
  std::uint32_t free_count() const { return static_cast<std::uint32_t>(allocator_->free_count()); }
  std::uint32_t free_loan_count() const;

  // --- Leases and loans (holder: a subscriber, or the borrowing pool).
  Slot allocate(const AllocationRequest& request, Rng& rng, std::uint32_t holder, SlotState as);
  void set_holder(Slot s, std::uint32_t holder) { slots_[s].holder = holder; }
  void free(Slot s);  // leased or lent -> free
  const LeaseHeap& expiries() const { return expiries_; }
  void set_expiry(Slot s, SimTime expiry) { expiries_.set(s, expiry); }
  void clear_expiry(Slot s) { expiries_.erase(s); }

  // --- Probation of declined addresses (a fixed probation time keeps the
  // FIFO in deadline order).
  void start_probation(Slot s, SimTime until);
  SimTime next_probation_end() const;
  // Frees one address whose probation is over by `now`; kNoSlot if none.
  Slot end_probation(SimTime now);

  // --- Leases waiting for an address: FIFO order, plus their deadlines.
  std::deque<Waiter>& waiters() { return waiters_; }
  const std::deque<Waiter>& waiters() const { return waiters_; }
  void push_deadline(const Waiter& w) { deadlines_.push(w); }
  bool has_deadline() const { return !deadlines_.empty(); }
  const Waiter& next_deadline() const { return deadlines_.top(); }
  void pop_deadline() { deadlines_.pop(); }

  // --- Thresholds. Updates crossings after any change of leased or
  // capacity; true when the free share has just fallen below low water.
  bool update_marks(SimTime now);
  // When the loans are due to go back (+inf if no loan or above high water).
  SimTime loan_return_due() const;
  void restart_hold(SimTime now) { below_high_since_ = now; }

  // --- Requests for more addresses: at most one loan and one block at a
  // time in flight.
  bool loan_in_flight() const { return loan_requested_ > 0; }
  std::uint32_t loan_requested() const { return loan_requested_; }  // 0: no loan in flight
  void loan_asked(std::uint32_t count);
  void loan_answered() { loan_requested_ = 0; }
  bool grow_in_flight() const { return grow_in_flight_; }
  void grow_asked() { grow_in_flight_ = true; }
  void grow_answered() { grow_in_flight_ = false; }

  // --- The owner's spare blocks for this pool, added front first.
  void add_spare_block(std::uint32_t block) { spare_blocks_.push_back(block); }
  std::uint32_t spare_block_count() const { return static_cast<std::uint32_t>(spare_blocks_.size()); }
  // The next spare block, taken out of the spares; nothing when none is left.
  std::optional<std::uint32_t> take_spare_block();

 private:
  friend struct AddressServerTestPeer;
  Slot new_slot();
  void refresh_capacity();

  PoolId id_;
  ProviderId owner_;
  std::string region_;
  PoolConfig config_;
  std::unique_ptr<Allocator> allocator_;
  PoolStats stats_;

  std::vector<SlotInfo> slots_;
  std::vector<std::uint32_t> blocks_;
  std::vector<Slot> loans_;    // slots now holding borrowed addresses
  std::vector<Slot> retired_;  // slots of returned loans, reused first
  LeaseHeap expiries_;
  std::deque<std::pair<Slot, SimTime>> probation_;

  struct LaterDeadline {
    bool operator()(const Waiter& a, const Waiter& b) const {
      if (a.deadline != b.deadline) return a.deadline > b.deadline;
      return a.who > b.who;
    }
  };
  std::deque<Waiter> waiters_;
  std::priority_queue<Waiter, std::vector<Waiter>, LaterDeadline> deadlines_;

  std::uint32_t loan_requested_ = 0;
  bool grow_in_flight_ = false;
  std::deque<std::uint32_t> spare_blocks_;

  bool below_low_ = false;
  bool above_high_ = false;
  SimTime below_high_since_ = 0;
};

}  // namespace provsim
