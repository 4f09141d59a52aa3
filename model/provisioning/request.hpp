#pragma once
// What the workflow engine asks the caller to do: send a request to an
// adapter, or wake it up at a time (a request's timeout, a retry back-off).

#include <compare>
#include <cstdint>
#include <functional>
#include <string_view>

#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"
#include "model/provisioning/task.hpp"

namespace provsim {

// Unique per engine, never reused. (Not RequestId: model/address has one.)
using TaskRequestId = std::uint64_t;

// Stable across every retry of one task's action, different for its
// compensation: the receiving party uses it to never do the same thing twice.
struct IdempotencyKey {
  std::uint64_t value = 0;
  static constexpr IdempotencyKey make(OrderId order, std::uint16_t task, bool compensation) {
    return IdempotencyKey{(std::uint64_t{order.value()} << 17) | (std::uint64_t{task} << 1) |
                          (compensation ? 1u : 0u)};
  }
  friend constexpr auto operator<=>(IdempotencyKey, IdempotencyKey) = default;
};

struct Request {
  TaskRequestId id = 0;
  AdapterKind adapter = AdapterKind::kNetwork;
  Action action = Action::kActivate;
  OrderId order;
  std::uint16_t task = 0;
  std::uint16_t attempt = 1;  // 1 for the first try of this action
  bool compensation = false;
  IdempotencyKey key;
  // What the party needs to carry the action out.
  SubscriberId subscriber;
  LineId line;
  ProviderId party;
  PlanId plan;
  OfferingId offering;
  OfferingId previous;
  SimTime sent_at = 0;
  SimTime deadline = 0;  // the engine times the request out here
};

// A party's answer. A transient error may succeed on retry; a permanent one
// fails the task at once (no port, unknown device, refused).
enum class Outcome : std::uint8_t { kOk, kTransientError, kPermanentError };
std::string_view to_string(Outcome outcome);

enum class TimerKind : std::uint8_t { kTimeout, kRetry };

// A wake-up the caller owes the engine. Timers that no longer matter (the
// response came first, the order failed) are harmless: the engine ignores them.
struct Timer {
  SimTime at = 0;
  TimerKind kind = TimerKind::kTimeout;
  TaskRequestId request = 0;      // kTimeout
  OrderId order;              // kRetry
  std::uint16_t task = 0;     // kRetry
  std::uint16_t attempt = 0;  // kRetry: the attempt that failed
  bool compensation = false;  // kRetry
};

}  // namespace provsim

template <>
struct std::hash<provsim::IdempotencyKey> {
  std::size_t operator()(provsim::IdempotencyKey k) const noexcept { return std::hash<std::uint64_t>{}(k.value); }
};
