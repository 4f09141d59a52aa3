#pragma once
// The systems that carry out provisioning requests (TaskCall,
// sim/messages.hpp): the parties' (what each holds is in sim/parties.hpp)
// and the platform's binding desk and billing (sim/platform_components.hpp).

#include "model/core/strong_id.hpp"
#include "model/provisioning/task.hpp"
#include "sim/messages.hpp"

namespace provsim::sim {

class World;

// A worker for provisioning requests of one adapter kind.
void party_worker(World& world, AdapterKind adapter, ProviderId party, int worker);

}  // namespace provsim::sim
