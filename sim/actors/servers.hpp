#pragma once
// Actor bodies of the systems that answer requests. Each runs as a pool of
// workers reading one mailbox; a worker spends the system's processing cost
// as an execution on its host, so concurrent requests share the CPU.

#include <cstdint>

#include "model/core/strong_id.hpp"

namespace provsim::sim {

class World;

// Platform: qualifies a line for an ISP and builds the offer.
void qualification_worker(World& world, int worker);
// Network provider: the serviceability database lookup.
void serviceability_worker(World& world, int worker);
// ISP: the account system (authenticate or create the subscriber).
void account_worker(World& world, ProviderId isp, int worker);

}  // namespace provsim::sim

#include "model/provisioning/task.hpp"

namespace provsim::sim {

// A party system's worker for provisioning requests of one adapter kind.
void party_worker(World& world, AdapterKind adapter, ProviderId party, int worker);

}  // namespace provsim::sim
