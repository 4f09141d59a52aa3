#pragma once
// The provisioning manager's own state besides the workflow engine.
// Owned by the platform's components (sim/platform_components.hpp), so it
// outlives the manager's actor: a crash of the platform host kills the
// actor, and the state is what its journal holds. Only the provisioning
// manager (sim/actors/provisioning_manager.cpp) changes it.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"
#include "model/provisioning/order.hpp"
#include "sim/messages.hpp"
#include "sim/rpc.hpp"

namespace provsim::sim {

struct ProvisioningQueue {
  struct Waiting {  // an accepted order waiting for a worker
    Order order;
    SimTime since;
  };
  std::deque<Waiting> waiting;
  std::size_t active = 0;
  std::unordered_map<std::uint32_t, ReplyTo<OrderConfirmation>> replies;  // by order
  // Orders whose device id was typed wrong: their activation request tells
  // the NP so (TaskRequest::device_id_wrong).
  std::unordered_set<std::uint32_t> device_id_wrong;  // by order
  // With durability: a channel that heard nothing submits again; the
  // prospect's order is then found here, and a finished one answered again.
  std::unordered_map<std::uint64_t, OrderId> by_prospect;
  std::unordered_map<std::uint32_t, OrderConfirmation> confirmed;  // by order
  bool started = false;  // the manager ran before: it starts again after a crash
};

}  // namespace provsim::sim
