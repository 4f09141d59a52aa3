#pragma once
// Kea's "free lease queue" (FLQ) allocator: free addresses wait in a FIFO
// queue; a lease takes the head, a released address joins the tail, so an
// address rests as long as possible before reuse. The queue is an intrusive
// doubly linked list over the slots: push, pop and removal of any slot are
// O(1) and never allocate.

#include <vector>

#include "model/address/allocator.hpp"

namespace provsim {

class FreeQueueAllocator final : public Allocator {
 public:
  std::string_view name() const override { return "free-queue"; }
  void resize(Slot slots) override;
  void on_free(Slot slot) override;
  void on_taken(Slot slot) override;
  Slot allocate(const AllocationRequest& request, Rng& rng) override;
  std::size_t free_count() const override { return count_; }

 private:
  std::vector<Slot> next_;
  std::vector<Slot> prev_;
  std::vector<std::uint8_t> queued_;
  Slot head_ = kNoSlot;
  Slot tail_ = kNoSlot;
  std::size_t count_ = 0;
};

}  // namespace provsim
