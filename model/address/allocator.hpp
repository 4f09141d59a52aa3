#pragma once
// Address allocators: which free address of a pool a lease gets.
//
// Following ISC Kea's allocation engine, the pool owns the addresses and the
// leases; an allocator only keeps its own index of the pool's free slots (a
// slot is a dense index into the pool's address table) and chooses one.
// The pool tells it about every slot that becomes free or stops being free,
// so each allocator can keep whatever structure makes its choice cheap.
// Every built-in one chooses in O(1) or O(log n) however full the pool is
// (Kea's iterative allocator scans address by address and slows down badly
// near exhaustion; ours skips 64 slots per word and whole words per summary
// bit).
//
// Allocators are created by name through an AllocatorRegistry, so a new one
// is one file plus one registration line in allocator_registry.cpp.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "model/core/random.hpp"
#include "model/core/registry.hpp"

namespace provsim {

using Slot = std::uint32_t;
inline constexpr Slot kNoSlot = UINT32_MAX;

// What the pool knows about the request being served.
struct AllocationRequest {
  Slot previous = kNoSlot;  // the subscriber's last slot in this pool, if any
};

class Allocator {
 public:
  virtual ~Allocator() = default;
  virtual std::string_view name() const = 0;

  // The pool's slot space now has `slots` slots (it only grows). New slots
  // are not free until on_free() says so.
  virtual void resize(Slot slots) = 0;
  // `slot` became free (released, expired, out of probation, new).
  virtual void on_free(Slot slot) = 0;
  // `slot` stopped being free without this allocator choosing it (a loan
  // handed back to the reserve, a slot taken by another path).
  virtual void on_taken(Slot slot) = 0;
  // Chooses a free slot and removes it from the free index; kNoSlot when
  // none is free.
  virtual Slot allocate(const AllocationRequest& request, Rng& rng) = 0;
  // How many slots the allocator holds as free (for invariant checks).
  virtual std::size_t free_count() const = 0;
};

struct AllocatorOptions {
  // The allocator the sticky one falls back on when the previous address is
  // taken.
  std::string sticky_fallback = "free-queue";
};

using AllocatorRegistry = Registry<Allocator, AllocatorOptions>;
// iterative, random, free-queue, sticky.
template <>
AllocatorRegistry AllocatorRegistry::with_builtins();

}  // namespace provsim
