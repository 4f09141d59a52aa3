#pragma once
// A prospect: one person arriving on a channel, followed through
// qualification, registration and provisioning. Records live in a deque so
// actors can hold references while more prospects arrive.

#include <cstdint>
#include <string>

#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"
#include "model/provisioning/order.hpp"

namespace provsim::sim {

// How far a prospect got; the last stage reached is its funnel outcome.
enum class Stage : std::uint8_t {
  kArrived,
  kAbandoned,        // gave up in the channel
  kNotQualified,     // qualification said no (reason says why)
  kQualifyUnknown,   // the NP did not answer in time
  kDeclined,         // qualified, chose not to register
  kRejected,         // the ISP's account system refused
  kTokenExpired,     // too slow: the token expired before the order
  kProvisioning,     // order submitted, not yet finished at the end of the run
  kProvisioned,      // order completed
  kFailed,           // order failed (reason says why)
};
const char* to_string(Stage stage);

struct ProspectRecord {
  std::uint64_t index = 0;
  Channel channel = Channel::kIspWeb;
  LineId line;
  ProviderId isp;
  Stage stage = Stage::kArrived;
  std::string reason;
  SubscriberId subscriber;
  OrderId order;
  SimTime arrived = -1;
  SimTime qualified = -1;
  SimTime registered = -1;
  SimTime submitted = -1;
  SimTime finished = -1;
};

}  // namespace provsim::sim
