#pragma once
// The messages between the systems of the simulation, one type (or one
// std::variant of types) per mailbox; the run context's mailbox accessors
// (sim/run_context.hpp) name which mailbox carries which. A request that wants an
// answer is a Call<Request, Reply> (sim/rpc.hpp). Everything a receiver
// needs travels in the message: no system reads another's state.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/core/strong_id.hpp"
#include "model/provisioning/order.hpp"
#include "model/provisioning/request.hpp"
#include "model/provisioning/task.hpp"
#include "model/qualification/qualification_service.hpp"
#include "model/rating/rating_event.hpp"
#include "sim/rpc.hpp"

namespace provsim::sim {

// --- qualification: a channel and the platform, the platform and the NP ---
// Channel -> qualification service (platform).
struct QualifyRequest {
  LineId line;
  ProviderId isp;
};
struct QualifyReply {
  QualificationResult result;
};
using QualifyCall = Call<QualifyRequest, QualifyReply>;

// Qualification service -> NP serviceability database. The answer carries
// what qualification decides from: the line's facts as the database holds
// them when it answers (nothing: it does not know the line).
struct LookupRequest {
  LineId line;
};
struct LookupReply {
  std::optional<LineFacts> line;
};
using LookupCall = Call<LookupRequest, LookupReply>;

// --- registration: a channel and an ISP's account system ---
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
using AccountCall = Call<AccountRequest, AccountReply>;

// --- provisioning: order intake, and the manager's requests to the parties ---
// Provisioning manager -> a party system, and back.
struct TaskRequest {
  Request request;
  // An open request (billing): what the platform's store held for the
  // subscriber when the request was sent (the access tier, the ISP services,
  // the BSP entitlements), the items the billing account opens with. The
  // party never reads the platform's store.
  std::vector<OfferingId> items;
  // An activation (NP): the device id the subscriber typed in the order is
  // not the one registered for the line, so the NP does not know the device.
  bool device_id_wrong = false;
};
struct TaskReply {
  TaskRequestId request = 0;
  Outcome outcome = Outcome::kOk;
  std::string reason;  // for a permanent error: no_free_port, unknown_device, ...
};
using TaskCall = Call<TaskRequest, TaskReply>;

// Channel -> order intake.
struct SubmitOrder {
  std::uint64_t prospect = 0;  // index of the prospect record (for the order's timings)
  Channel channel = Channel::kIspWeb;
  QualificationToken token;
  LineId line;
  ProviderId isp;
  PlanId plan;
  OfferingId access_tier;
  std::vector<OfferingId> isp_services;
  std::vector<OfferingId> bsp_offerings;
  // The device id the subscriber typed is not the one registered for the
  // line (a typo at registration); the NP's activation will refuse it.
  bool device_id_wrong = false;
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

// --- rating: a BSP's feed and the platform's rating engine ---
// A BSP's feed -> the rating engine: a batch of events, acknowledged once
// the engine has spent its rating cost on it (and, with durability, written
// it to the rating journal).
// Under the rating journal's commit none the engine acknowledges at once
// and writes only snapshots, so a feed keeps each acknowledged batch until
// a snapshot holds it (`durable`), and after a crash of the engine (a new
// `epoch`: the restarts it has come through) sends it again. A batch sent
// by a feed that has not heard of the restart, while batches of that feed
// lost in the crash are still missing, is not rated: the answer asks for
// those first (`replay_first`), so the engine rates them in their order.
struct EventBatch {
  std::vector<RatingEvent> events;
  std::uint64_t engine_epoch = 0;  // the engine's restarts the feed has heard of
};
struct BatchAck {
  std::uint64_t record = 0;   // the rating journal's record of this batch (0: none)
  std::uint64_t durable = 0;  // every record up to this one is in a snapshot or written
  std::uint64_t epoch = 0;    // the engine's restarts so far
  bool replay_first = false;  // not rated: send the batches kept first, then this one again
};
using BatchCall = Call<EventBatch, BatchAck>;

// --- addresses: the IP address server, the NP's reserve and the ISPs ---
// The server -> the NP reserve: lend `count` addresses. The server -> an
// ISP: hand over a spare block. The answer only says the request was
// carried out; the server's model decides what arrived.
struct LoanRequest {
  std::uint32_t count = 0;
};
struct BlockRequest {};
struct Granted {};
using LoanCall = Call<LoanRequest, Granted>;
using BlockCall = Call<BlockRequest, Granted>;

}  // namespace provsim::sim
