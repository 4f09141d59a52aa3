#include "model/address/iterative_allocator.hpp"

namespace provsim {

Slot IterativeAllocator::allocate(const AllocationRequest&, Rng&) {
  std::uint64_t slot = free_.find_next(cursor_);
  if (slot == FreeBitmap::npos) slot = free_.find_next(0);
  if (slot == FreeBitmap::npos) return kNoSlot;
  free_.erase(slot);
  cursor_ = slot + 1;
  return static_cast<Slot>(slot);
}

}  // namespace provsim
