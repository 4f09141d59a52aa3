#pragma once
// The party systems that carry out provisioning requests, and the messages
// between them and the provisioning manager.

#include <string>

#include "model/core/strong_id.hpp"
#include "model/provisioning/request.hpp"
#include "model/provisioning/task.hpp"
#include "sim/rpc.hpp"

namespace provsim::sim {

class World;

// Provisioning manager -> a party system, and back.
struct TaskRequest {
  Request request;
};
struct TaskReply {
  TaskRequestId request = 0;
  Outcome outcome = Outcome::kOk;
  std::string reason;  // for a permanent error: no_free_port, unknown_device, ...
};
using TaskCall = Call<TaskRequest, TaskReply>;

// A party system's worker for provisioning requests of one adapter kind.
void party_worker(World& world, AdapterKind adapter, ProviderId party, int worker);

}  // namespace provsim::sim
