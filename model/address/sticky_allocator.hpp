#pragma once
// "sticky": the subscriber's previous address in this pool if it is still
// free, otherwise whatever the fallback allocator chooses. (Kea reaches the
// same effect by looking up the client's old lease before asking its
// allocator.) A byte per slot says whether it is free, so the check is O(1).

#include <memory>
#include <vector>

#include "model/address/allocator.hpp"

namespace provsim {

class StickyAllocator final : public Allocator {
 public:
  explicit StickyAllocator(std::unique_ptr<Allocator> fallback);

  std::string_view name() const override { return "sticky"; }
  void resize(Slot slots) override;
  void on_free(Slot slot) override;
  void on_taken(Slot slot) override;
  Slot allocate(const AllocationRequest& request, Rng& rng) override;
  std::size_t free_count() const override { return fallback_->free_count(); }

  std::uint64_t hits() const { return hits_; }

 private:
  std::unique_ptr<Allocator> fallback_;
  std::vector<std::uint8_t> free_;
  std::uint64_t hits_ = 0;
};

}  // namespace provsim
