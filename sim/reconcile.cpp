#include "sim/reconcile.hpp"

#include "sim/billing_desk.hpp"
#include "sim/binding_desk.hpp"
#include "sim/party_state.hpp"

namespace provsim::sim {

void note_mismatch(std::vector<std::string>& problems, std::uint32_t sub, const std::string& what) {
  problems.push_back("subscriber " + std::to_string(sub) + ": " + what);
}

std::vector<std::string> reconcile(const PartyState& parties, const BindingDesk& bindings,
                                   const BillingDesk& billing, const ProvisionedStateStore& store,
                                   std::uint32_t subscribers, const std::set<std::uint32_t>& in_flight) {
  std::vector<std::string> problems;
  parties.check_lists(problems);
  for (std::uint32_t sub = 0; sub < subscribers; ++sub) {
    if (in_flight.count(sub)) continue;
    const SubscriberState* s = store.find(SubscriberId(sub));
    parties.check_port(sub, s, problems);
    bindings.check(sub, s, problems);
    billing.check(sub, s, problems);
    parties.check_items(sub, s, problems);
  }
  return problems;
}

}  // namespace provsim::sim
