#pragma once
// Kea's "iterative" allocator: the next free address after the last one
// handed out, wrapping at the end of the pool. The free slots live in a
// hierarchical bitmap, so the walk to the next free one skips whole words and
// the cost stays flat as the pool fills.

#include "model/address/allocator.hpp"
#include "model/address/free_bitmap.hpp"

namespace provsim {

class IterativeAllocator final : public Allocator {
 public:
  std::string_view name() const override { return "iterative"; }
  void resize(Slot slots) override { free_.resize(slots); }
  void on_free(Slot slot) override { free_.insert(slot); }
  void on_taken(Slot slot) override { free_.erase(slot); }
  Slot allocate(const AllocationRequest& request, Rng& rng) override;
  std::size_t free_count() const override { return free_.count(); }

 private:
  FreeBitmap free_;
  std::uint64_t cursor_ = 0;  // where the next search starts
};

}  // namespace provsim
