#include <stdexcept>

#include "model/address/allocator.hpp"
#include "model/address/free_queue_allocator.hpp"
#include "model/address/iterative_allocator.hpp"
#include "model/address/random_allocator.hpp"
#include "model/address/sticky_allocator.hpp"

namespace provsim {

template <>
AllocatorRegistry AllocatorRegistry::with_builtins() {
  AllocatorRegistry r("address allocator");
  r.add("iterative", [](const AllocatorOptions&) { return std::make_unique<IterativeAllocator>(); });
  r.add("random", [](const AllocatorOptions&) { return std::make_unique<RandomAllocator>(); });
  r.add("free-queue", [](const AllocatorOptions&) { return std::make_unique<FreeQueueAllocator>(); });
  r.add("sticky", [](const AllocatorOptions& options, const AllocatorRegistry& registry) {
    if (options.sticky_fallback == "sticky") throw std::invalid_argument("sticky cannot fall back on itself");
    return std::make_unique<StickyAllocator>(registry.create(options.sticky_fallback, options));
  });
  return r;
}

}  // namespace provsim
