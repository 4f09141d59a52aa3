#pragma once
// A system's answer to one provisioning request (TaskRequest,
// sim/messages.hpp): a party's own system (sim/party_state.hpp) or one of
// the platform's (sim/binding_desk.hpp, sim/billing_desk.hpp).

#include <string>

#include "model/provisioning/request.hpp"

namespace provsim::sim {

struct PartyAnswer {
  Outcome outcome = Outcome::kOk;
  std::string reason;
};

}  // namespace provsim::sim
