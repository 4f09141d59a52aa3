#pragma once
// The platform's qualification service and the network provider's
// serviceability database it asks, with the messages each takes. Each runs
// as a pool of workers reading one mailbox; a worker spends the system's
// processing cost as an execution on its host, so concurrent requests share
// the CPU.

#include "model/core/strong_id.hpp"
#include "model/qualification/qualification_service.hpp"
#include "sim/rpc.hpp"

namespace provsim::sim {

class World;

// Channel -> qualification service (platform).
struct QualifyRequest {
  LineId line;
  ProviderId isp;
};
struct QualifyReply {
  QualificationResult result;
};
using QualifyCall = Call<QualifyRequest, QualifyReply>;

// Qualification service -> NP serviceability database.
struct LookupRequest {
  LineId line;
};
struct LookupReply {
  bool known = false;
};
using LookupCall = Call<LookupRequest, LookupReply>;

// Platform: qualifies a line for an ISP and builds the offer.
void qualification_worker(World& world, int worker);
// Network provider: the serviceability database lookup.
void serviceability_worker(World& world, int worker);

}  // namespace provsim::sim
