#include "model/address/free_queue_allocator.hpp"

namespace provsim {

void FreeQueueAllocator::resize(Slot slots) {
  next_.resize(slots, kNoSlot);
  prev_.resize(slots, kNoSlot);
  queued_.resize(slots, 0);
}

void FreeQueueAllocator::on_free(Slot slot) {
  if (queued_[slot]) return;
  queued_[slot] = 1;
  prev_[slot] = tail_;
  next_[slot] = kNoSlot;
  if (tail_ != kNoSlot) next_[tail_] = slot;
  else head_ = slot;
  tail_ = slot;
  ++count_;
}

void FreeQueueAllocator::on_taken(Slot slot) {
  if (!queued_[slot]) return;
  queued_[slot] = 0;
  const Slot p = prev_[slot];
  const Slot n = next_[slot];
  if (p != kNoSlot) next_[p] = n;
  else head_ = n;
  if (n != kNoSlot) prev_[n] = p;
  else tail_ = p;
  --count_;
}

Slot FreeQueueAllocator::allocate(const AllocationRequest&, Rng&) {
  const Slot slot = head_;
  if (slot != kNoSlot) on_taken(slot);
  return slot;
}

}  // namespace provsim
