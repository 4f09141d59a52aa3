#pragma once
// What BSPs send to the rating engine and what comes back.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"
#include "model/money/money.hpp"
#include "model/money/quantity.hpp"
#include "model/rating/revenue_share.hpp"

namespace provsim {

enum class EventKind : std::uint8_t { kPurchase, kUsage };
inline constexpr std::size_t kEventKindCount = 2;
constexpr EventKind other_kind(EventKind kind) {
  return kind == EventKind::kPurchase ? EventKind::kUsage : EventKind::kPurchase;
}

// A purchase (one-off buy at `start` == `end`) or a usage summary over
// [start, end). A negative quantity is a refund of (part of) the event
// `refund_of` of the same BSP.
struct RatingEvent {
  std::uint64_t id = 0;  // unique per BSP
  ProviderId bsp;
  SubscriberId user;
  OfferingId offering;
  EventKind kind = EventKind::kPurchase;
  // A usage reported in parts: a later part pays no connect fee, even at
  // offset 0; `session_offset` is the quantity of the same session reported
  // before it. A whole usage, and every purchase, has neither.
  bool later_part = false;
  SimTime start = 0;
  SimTime end = 0;
  Quantity quantity;
  std::uint64_t refund_of = 0;
  Quantity session_offset;

  bool is_refund() const { return quantity.is_negative(); }

  static RatingEvent purchase(std::uint64_t id, ProviderId bsp, SubscriberId user, OfferingId offering, SimTime time,
                              Quantity quantity) {
    return make(id, bsp, user, offering, EventKind::kPurchase, time, time, quantity, 0);
  }
  static RatingEvent usage(std::uint64_t id, ProviderId bsp, SubscriberId user, OfferingId offering, SimTime start,
                           SimTime end, Quantity quantity) {
    return make(id, bsp, user, offering, EventKind::kUsage, start, end, quantity, 0);
  }
  // `quantity` is the (positive) quantity given back.
  static RatingEvent refund(std::uint64_t id, ProviderId bsp, SubscriberId user, OfferingId offering, EventKind kind,
                            SimTime time, Quantity quantity, std::uint64_t original) {
    return make(id, bsp, user, offering, kind, time, time, -quantity.magnitude(), original);
  }

 private:
  static RatingEvent make(std::uint64_t id, ProviderId bsp, SubscriberId user, OfferingId offering, EventKind kind,
                          SimTime start, SimTime end, Quantity quantity, std::uint64_t refund_of) {
    RatingEvent e;
    e.id = id;
    e.bsp = bsp;
    e.user = user;
    e.offering = offering;
    e.kind = kind;
    e.start = start;
    e.end = end;
    e.quantity = quantity;
    e.refund_of = refund_of;
    return e;
  }
};

// Why an event could not be rated (yet). The first four are the spec's; a
// suspended event is re-rated when a later subscription change for its user
// makes it valid.
enum class SuspenseReason : std::uint8_t {
  kNone,
  kUnknownUser,          // the user never had a subscription
  kNotSubscribed,        // the user's subscriptions never held this offering
  kUnknownOffering,      // no such offering, or not one of this BSP's
  kOutsideSubscription,  // subscribed to the offering, but not at the event's time
  kNoRule,               // the plan has no rating rule for the offering
  kUnknownOriginal,      // a refund whose original event is not rated (or not this user's)
};
inline constexpr std::size_t kSuspenseReasonCount = 7;
std::string_view to_string(SuspenseReason reason);

enum class RatingStatus : std::uint8_t { kRated, kSuspended, kDuplicate };

struct RatingOutcome {
  RatingStatus status = RatingStatus::kRated;
  SuspenseReason reason = SuspenseReason::kNone;
  Money charge;             // negative for a refund
  bool late = false;        // for a cycle already closed: billed on the next invoice
  bool clamped = false;     // a refund cut down to what was left of its original
};

// A rated event as the engine's observer sees it. `shares` is valid only
// during the call.
struct RatedEvent {
  const RatingEvent& event;
  PlanId plan;
  Money charge;
  std::span<const PartyAmount> shares;
  bool late;
  bool clamped;
  bool from_suspense;  // re-rated after a subscription change
};

class RatingObserver {
 public:
  virtual ~RatingObserver() = default;
  virtual void on_rated(const RatedEvent& rated) = 0;
  virtual void on_suspended(const RatingEvent& /*event*/, SuspenseReason /*reason*/) {}
};

}  // namespace provsim
