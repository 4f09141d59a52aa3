#pragma once
// One order format for every channel, tagged with the
// channel it came from. A new order lists what the subscriber chose; a
// change names one change; a disconnect removes whatever the provisioned-state
// store says the subscriber has.

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/core/strong_id.hpp"

namespace provsim {

enum class Channel : std::uint8_t { kIspWeb, kClientSoftware, kIspCsr, kNpCsr };
enum class OrderKind : std::uint8_t { kNew, kChange, kDisconnect };
enum class ChangeKind : std::uint8_t { kNone, kAddBsp, kRemoveBsp, kChangeTier };

std::string_view to_string(Channel channel);
std::string_view to_string(OrderKind kind);
std::string_view to_string(ChangeKind kind);

struct Order {
  OrderId id;
  Channel channel = Channel::kIspWeb;
  OrderKind kind = OrderKind::kNew;
  ChangeKind change = ChangeKind::kNone;
  SubscriberId subscriber;
  ProviderId isp;
  LineId line;
  PlanId plan;
  OfferingId access_tier;                 // new: the chosen tier; change tier: the new one
  std::vector<OfferingId> isp_services;   // new only
  std::vector<OfferingId> bsp_offerings;  // new: every chosen one; add/remove BSP: the one to change
};

}  // namespace provsim
