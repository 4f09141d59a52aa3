#pragma once
// A task is one request/response to another party's system. Its state
// machine (flat, so every transition can be audited by name):
//
//   pending -> queued -> running -> done -> compensation_queued ->
//   compensating -> compensated
//
// with running -> waiting_retry -> queued (transient error or timeout, budget
// left), running -> failed (permanent error or budget spent), compensating ->
// compensation_waiting_retry -> compensation_queued, compensating ->
// compensation_failed, and pending/queued -> skipped when the order fails
// before the task ran.

#include <cstdint>
#include <string_view>

#include "model/core/strong_id.hpp"

namespace provsim {

enum class AdapterKind : std::uint8_t { kNetwork, kAddress, kIsp, kBsp, kBilling };
inline constexpr std::size_t kAdapterKindCount = 5;

enum class Action : std::uint8_t {
  kActivate, kDeactivate,  // network: port and device with the speed profile
  kModify,                 // network or billing: change tier (offering <- previous)
  kBind, kRelease,         // address: the ISP's pool
  kCreate, kDelete,        // ISP services
  kEntitle, kRevoke,       // BSP entitlements
  kOpen, kClose,           // billing account with the plan
  kAddItem, kRemoveItem,   // billing: a BSP offering on the account
};

enum class TaskState : std::uint8_t {
  kPending, kQueued, kRunning, kWaitingRetry, kDone, kFailed, kSkipped,
  kCompensationQueued, kCompensating, kCompensationWaitingRetry, kCompensated, kCompensationFailed,
};

std::string_view to_string(AdapterKind kind);
std::string_view to_string(Action action);
std::string_view to_string(TaskState state);

// The action that undoes `action` (kModify undoes itself with the offerings swapped).
Action inverse(Action action);

// One node of an order's task graph. Graphs are layered: every task of
// stage s may start once every task of the stages before s is done; tasks of
// one stage run in parallel.
struct TaskSpec {
  AdapterKind adapter = AdapterKind::kNetwork;
  Action action = Action::kActivate;
  std::uint8_t stage = 0;
  ProviderId party;       // NP, the ISP, the BSP; invalid for billing (the platform)
  OfferingId offering;    // tier, ISP service or BSP offering, when the action has one
  OfferingId previous;    // kModify: the offering being replaced
};

// What a task asks of its party, forward or undoing: the action and its
// offerings (a tier change is undone by changing back).
struct ActionArgs {
  Action action;
  OfferingId offering;
  OfferingId previous;
};
ActionArgs action_args(const TaskSpec& spec, bool compensation);

}  // namespace provsim
