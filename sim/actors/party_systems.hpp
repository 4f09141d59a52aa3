#pragma once
// The party systems that carry out provisioning requests (TaskCall,
// sim/messages.hpp). What each party holds is in sim/parties.hpp.

#include "model/core/strong_id.hpp"
#include "model/provisioning/task.hpp"
#include "sim/messages.hpp"

namespace provsim::sim {

class World;

// A party system's worker for provisioning requests of one adapter kind.
void party_worker(World& world, AdapterKind adapter, ProviderId party, int worker);

}  // namespace provsim::sim
