#pragma once
// The provisioning manager on the platform host, and the messages its
// intake mailbox takes: orders from the channels (answered with a
// confirmation when the order ends), platform-internal orders, and the
// party systems' answers to its requests.

#include <cstdint>
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

void provisioning_manager_actor(World& world);

}  // namespace provsim::sim
