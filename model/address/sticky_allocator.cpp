#include "model/address/sticky_allocator.hpp"

#include "model/core/check.hpp"

namespace provsim {

StickyAllocator::StickyAllocator(std::unique_ptr<Allocator> fallback) : fallback_(std::move(fallback)) {
  PROVSIM_CHECK(fallback_ != nullptr, "sticky allocator needs a fallback");
}

void StickyAllocator::resize(Slot slots) {
  free_.resize(slots, 0);
  fallback_->resize(slots);
}

void StickyAllocator::on_free(Slot slot) {
  free_[slot] = 1;
  fallback_->on_free(slot);
}

void StickyAllocator::on_taken(Slot slot) {
  free_[slot] = 0;
  fallback_->on_taken(slot);
}

Slot StickyAllocator::allocate(const AllocationRequest& request, Rng& rng) {
  const Slot previous = request.previous;
  if (previous != kNoSlot && previous < free_.size() && free_[previous]) {
    ++hits_;
    on_taken(previous);
    return previous;
  }
  const Slot slot = fallback_->allocate(request, rng);
  if (slot != kNoSlot) free_[slot] = 0;
  return slot;
}

}  // namespace provsim
