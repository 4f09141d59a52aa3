#pragma once
// An indexed binary min-heap of a pool's leased slots keyed by expiry time.
// The position of each slot is kept, so renewing (a key change) and releasing
// (removal of any slot) are O(log n), and the earliest expiry is O(1). Its
// arrays grow with the pool's slot space, never per lease.

#include <vector>

#include "model/address/allocator.hpp"
#include "model/core/sim_time.hpp"

namespace provsim {

class LeaseHeap {
 public:
  void resize(Slot slots) { position_.resize(slots, kNoSlot); key_.resize(slots, 0.0); }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  bool contains(Slot slot) const { return position_[slot] != kNoSlot; }

  // Inserts `slot` or changes its key.
  void set(Slot slot, SimTime expiry);
  void erase(Slot slot);
  Slot top() const { return heap_.front(); }
  SimTime top_key() const { return key_[heap_.front()]; }
  SimTime key(Slot slot) const { return key_[slot]; }

 private:
  bool less(std::size_t a, std::size_t b) const;
  void place(std::size_t at, Slot slot);
  void sift_up(std::size_t at);
  void sift_down(std::size_t at);

  std::vector<Slot> heap_;
  std::vector<Slot> position_;  // per slot: index in heap_, or kNoSlot
  std::vector<SimTime> key_;    // per slot
};

}  // namespace provsim
