#pragma once
// ip.policy_params = "name=value,name=value": the parameters a researcher's
// over-allocation policy reads from PolicyOptions::extra. Parsed when the
// scenario is loaded, so a malformed list fails `validate`, not the run.

#include <functional>
#include <map>
#include <string>

#include "model/address/over_allocation_policy.hpp"
#include "sim/scenario/config.hpp"

namespace provsim::sim {

// Throws InputError naming ip.policy_params for an item that is not
// name=number (a finite number) or a name given twice.
std::map<std::string, double, std::less<>> policy_params(const Config& config);

// Parses ip.policy_params and makes the policy ip.policy names with them:
// throws InputError naming ip.policy_params for a parameter that policy does
// not ask for (a typo would otherwise be ignored without a word).
void check_policy_params(const Config& config, const PolicyRegistry& policies = PolicyRegistry::with_builtins());

}  // namespace provsim::sim
