#pragma once
// The platform's qualification service and the network provider's
// serviceability database it asks (their messages: sim/messages.hpp). The
// database answers with the line's facts, read when it answers; the service
// decides from them. Each runs as a pool of workers reading one mailbox; a
// worker spends the system's processing cost as an execution on its host,
// so concurrent requests share the CPU.

#include "sim/messages.hpp"

namespace provsim::sim {

class World;

// Platform: qualifies a line for an ISP and builds the offer.
void qualification_worker(World& world, int worker);
// Network provider: the serviceability database lookup, answered with the
// line's facts (LineFacts).
void serviceability_worker(World& world, int worker);

}  // namespace provsim::sim
