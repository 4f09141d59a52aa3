#include <stdexcept>

#include "model/address/allocator.hpp"
#include "model/address/free_queue_allocator.hpp"
#include "model/address/iterative_allocator.hpp"
#include "model/address/random_allocator.hpp"
#include "model/address/sticky_allocator.hpp"

namespace provsim {

AllocatorRegistry AllocatorRegistry::with_builtins() {
  AllocatorRegistry r;
  r.add("iterative", [](const AllocatorOptions&, const AllocatorRegistry&) {
    return std::make_unique<IterativeAllocator>();
  });
  r.add("random", [](const AllocatorOptions&, const AllocatorRegistry&) {
    return std::make_unique<RandomAllocator>();
  });
  r.add("free-queue", [](const AllocatorOptions&, const AllocatorRegistry&) {
    return std::make_unique<FreeQueueAllocator>();
  });
  r.add("sticky", [](const AllocatorOptions& options, const AllocatorRegistry& registry) {
    if (options.sticky_fallback == "sticky") throw std::invalid_argument("sticky cannot fall back on itself");
    return std::make_unique<StickyAllocator>(registry.create(options.sticky_fallback, options));
  });
  return r;
}

void AllocatorRegistry::add(std::string name, Factory factory) { factories_[std::move(name)] = std::move(factory); }

bool AllocatorRegistry::contains(std::string_view name) const { return factories_.find(name) != factories_.end(); }

std::vector<std::string> AllocatorRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, factory] : factories_) out.push_back(name);
  return out;
}

std::unique_ptr<Allocator> AllocatorRegistry::create(std::string_view name, const AllocatorOptions& options) const {
  auto it = factories_.find(name);
  if (it == factories_.end()) {
    std::string known;
    for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown address allocator '" + std::string(name) + "' (known: " + known + ")");
  }
  return it->second(options, *this);
}

}  // namespace provsim
