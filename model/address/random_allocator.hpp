#pragma once
// Kea's "random" allocator: a free address chosen uniformly at random. The
// free slots are kept in a dense array with each slot's position, so a draw
// and a removal are O(1) however full the pool is (Kea instead draws
// addresses until it hits a free one, which slows down near exhaustion).

#include <vector>

#include "model/address/allocator.hpp"

namespace provsim {

class RandomAllocator final : public Allocator {
 public:
  std::string_view name() const override { return "random"; }
  void resize(Slot slots) override { position_.resize(slots, kNoSlot); }
  void on_free(Slot slot) override;
  void on_taken(Slot slot) override;
  Slot allocate(const AllocationRequest& request, Rng& rng) override;
  std::size_t free_count() const override { return free_.size(); }

 private:
  std::vector<Slot> free_;      // the free slots, in no order
  std::vector<Slot> position_;  // per slot: its index in free_, or kNoSlot
};

}  // namespace provsim
