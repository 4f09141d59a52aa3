#include "model/address/random_allocator.hpp"

namespace provsim {

void RandomAllocator::on_free(Slot slot) {
  if (position_[slot] != kNoSlot) return;
  position_[slot] = static_cast<Slot>(free_.size());
  free_.push_back(slot);
}

void RandomAllocator::on_taken(Slot slot) {
  const Slot at = position_[slot];
  if (at == kNoSlot) return;
  const Slot moved = free_.back();
  free_[at] = moved;
  position_[moved] = at;
  free_.pop_back();
  position_[slot] = kNoSlot;
}

Slot RandomAllocator::allocate(const AllocationRequest&, Rng& rng) {
  if (free_.empty()) return kNoSlot;
  const Slot slot = free_[rng.below(free_.size())];
  on_taken(slot);
  return slot;
}

}  // namespace provsim
