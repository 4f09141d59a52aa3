#include <stdexcept>

#include "model/address/over_allocation_policy.hpp"

namespace provsim {

// Each built-in policy lives in its own file and exposes one factory.
std::unique_ptr<OverAllocationPolicy> make_reject_policy(const PolicyOptions&);
std::unique_ptr<OverAllocationPolicy> make_borrow_policy(const PolicyOptions&);
std::unique_ptr<OverAllocationPolicy> make_preempt_policy(const PolicyOptions&);
std::unique_ptr<OverAllocationPolicy> make_queue_policy(const PolicyOptions&);
std::unique_ptr<OverAllocationPolicy> make_grow_policy(const PolicyOptions&);

PolicyRegistry PolicyRegistry::with_builtins() {
  PolicyRegistry r;
  r.add("reject", make_reject_policy);
  r.add("borrow", make_borrow_policy);
  r.add("preempt", make_preempt_policy);
  r.add("queue", make_queue_policy);
  r.add("grow", make_grow_policy);
  return r;
}

void PolicyRegistry::add(std::string name, Factory factory) { factories_[std::move(name)] = std::move(factory); }

bool PolicyRegistry::contains(std::string_view name) const { return factories_.find(name) != factories_.end(); }

std::vector<std::string> PolicyRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, factory] : factories_) out.push_back(name);
  return out;
}

std::unique_ptr<OverAllocationPolicy> PolicyRegistry::create(std::string_view name,
                                                             const PolicyOptions& options) const {
  auto it = factories_.find(name);
  if (it == factories_.end()) {
    std::string known;
    for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown over-allocation policy '" + std::string(name) + "' (known: " + known + ")");
  }
  return it->second(options);
}

}  // namespace provsim
