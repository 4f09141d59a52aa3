#pragma once
// The messages systems exchange in the simulation. Each is plain data; the
// rpc layer (rpc.hpp) wraps them in envelopes with a call id and a reply
// mailbox. Sizes on the wire come from the scenario (costs.message_bytes).

#include <cstdint>
#include <string>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/provisioning/order.hpp"
#include "model/provisioning/request.hpp"
#include "model/qualification/qualification_service.hpp"

namespace provsim::sim {

// Channel -> qualification service (platform).
struct QualifyRequest {
  LineId line;
  ProviderId isp;
};
struct QualifyReply {
  QualificationResult result;
};

// Qualification service -> NP serviceability database.
struct LookupRequest {
  LineId line;
};
struct LookupReply {
  bool known = false;
};

// Channel -> ISP account system: authenticate or create the subscriber.
struct AccountRequest {
  std::uint64_t prospect = 0;
  bool np_referral = false;      // NP CSR channel: the ISP is asked to accept
  bool take_suggestion = false;  // the login id the ISP suggested is taken
};
// kRefused: the ISP will not take a subscriber the NP registered for it.
// kNoAnswer is never sent: the caller's wait for the reply ran out.
enum class AccountResult : std::uint8_t { kCreated, kLoginTaken, kRejected, kRefused, kNoAnswer };
struct AccountReply {
  AccountResult result = AccountResult::kCreated;
};

// Channel -> order intake (platform).
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

// Provisioning manager -> a party system, and back.
struct TaskRequest {
  Request request;
};
struct TaskReply {
  TaskRequestId request = 0;
  Outcome outcome = Outcome::kOk;
  std::string reason;  // for a permanent error: no_free_port, unknown_device, ...
};

}  // namespace provsim::sim
