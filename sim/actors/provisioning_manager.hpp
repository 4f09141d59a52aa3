#pragma once
// The provisioning manager on the platform host, and the messages its
// intake mailbox takes: orders from the channels (answered with a
// confirmation when the order ends), platform-internal orders, and the
// party systems' answers to its requests.

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <string>
#include <variant>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/provisioning/order.hpp"
#include "model/qualification/qualification_service.hpp"
#include "sim/actors/party_systems.hpp"
#include "sim/rpc.hpp"

namespace provsim::sim {

class World;

// Channel -> order intake.
struct SubmitOrder {
  std::uint64_t prospect = 0;     // index of the prospect record (for the order's timings)
  Channel channel = Channel::kIspWeb;
  QualificationToken token;
  LineId line;
  ProviderId isp;
  PlanId plan;
  OfferingId access_tier;
  std::vector<OfferingId> isp_services;
  std::vector<OfferingId> bsp_offerings;
};
enum class OrderOutcome : std::uint8_t { kCompleted, kFailed, kTokenExpired };
struct OrderConfirmation {
  OrderOutcome outcome = OrderOutcome::kCompleted;
  std::string reason;
  SubscriberId subscriber;
};
using OrderCall = Call<SubmitOrder, OrderConfirmation>;

// A platform-internal order (churn, changes); no confirmation.
struct InternalOrder {
  Order order;
};

using IntakeMessage = std::variant<OrderCall, InternalOrder, TaskReply>;

// The manager's own state besides the workflow engine: the orders waiting
// for a worker and where each order's confirmation goes. The world owns it,
// so it outlives the manager's actor (a crash of the platform host kills the
// actor; the state is what its journal holds).
struct ProvisioningQueue {
  struct Waiting {  // an accepted order waiting for a worker
    Order order;
    SimTime since;
  };
  std::deque<Waiting> waiting;
  std::size_t active = 0;
  std::unordered_map<std::uint32_t, ReplyTo<OrderConfirmation>> replies;  // by order
  // With durability: a channel that heard nothing submits again; the
  // prospect's order is then found here, and a finished one answered again.
  std::unordered_map<std::uint64_t, OrderId> by_prospect;
  std::unordered_map<std::uint32_t, OrderConfirmation> confirmed;  // by order
  bool started = false;  // the manager ran before: it starts again after a crash
};

void provisioning_manager_actor(World& world);

}  // namespace provsim::sim
