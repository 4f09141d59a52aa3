#pragma once
// The end-of-run check that nothing is orphaned on either side: every
// system's holdings (the parties' systems: the NP's ports, each ISP's
// services, each BSP's entitlements; the platform's binding desk and
// billing) compared with the platform's provisioned-state store, subscriber
// by subscriber. The results builder (sim/results_builder.cpp) reports it.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "model/provisioning/provisioned_state.hpp"

namespace provsim::sim {

class PartyState;
class BindingDesk;
class BillingDesk;

// One line per mismatch, "subscriber N: what" (empty when they agree).
// `in_flight` subscribers are mid-order and skipped.
std::vector<std::string> reconcile(const PartyState& parties, const BindingDesk& bindings,
                                   const BillingDesk& billing, const ProvisionedStateStore& store,
                                   std::uint32_t subscribers, const std::set<std::uint32_t>& in_flight);

// Adds "subscriber `sub`: `what`" to `problems` (the holders' checks use it).
void note_mismatch(std::vector<std::string>& problems, std::uint32_t sub, const std::string& what);

}  // namespace provsim::sim
