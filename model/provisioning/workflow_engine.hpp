#pragma once
// The provisioning manager's workflow engine. Pure
// and event-driven: it never sends or sleeps itself. Each call returns the
// Effects the caller carries out — requests to send to adapters, timers to
// wake the engine at, orders that reached their terminal state — so a
// SimGrid actor, a test or a benchmark can drive it the same way:
//
//   Effects e = engine.start(order, now);
//   ... send e.requests; when a party answers:
//   e = engine.on_response(request_id, outcome, now);
//   ... at engine.next_wakeup():
//   e = engine.advance(now);   // fires due timeouts and retry back-offs
//
// A task that fails for good makes the order fail: tasks still in flight
// are let finish, nothing new starts, then the done tasks are compensated one
// by one in reverse order of completion. A task whose last attempt timed out
// is uncertain (the party may have done it) and is compensated as well,
// without touching the provisioned-state store. Every order ends in exactly one of
// completed, failed or cancelled, and leaves the engine.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/adapter_gate.hpp"
#include "model/provisioning/audit_log.hpp"
#include "model/provisioning/order.hpp"
#include "model/provisioning/provisioned_state.hpp"
#include "model/provisioning/request.hpp"
#include "model/provisioning/retry_policy.hpp"
#include "model/provisioning/task.hpp"
#include "model/provisioning/task_graph.hpp"

namespace provsim {

enum class OrderState : std::uint8_t { kRunning, kFailing, kCompensating, kCompleted, kFailed, kCancelled };
std::string_view to_string(OrderState state);
inline bool is_terminal(OrderState s) {
  return s == OrderState::kCompleted || s == OrderState::kFailed || s == OrderState::kCancelled;
}

struct EngineConfig {
  RetryPolicy retry;
  // Requests in flight per adapter kind (network, address, isp, bsp,
  // billing); 0 = unlimited.
  std::array<std::uint32_t, kAdapterKindCount> concurrency{};
  // Reshapes every order's task plan before it runs (none: as planned).
  // Only the served reference's planted faults use it, to be wrong on purpose.
  std::function<void(TaskPlan&)> reshape_plan;
};

// When one step of an order ran, for latency per step.
struct StepTiming {
  AdapterKind adapter = AdapterKind::kNetwork;
  Action action = Action::kActivate;
  OfferingId offering;
  TaskState final_state = TaskState::kPending;
  std::uint16_t attempts = 0;
  SimTime ready_at = -1;     // its stage opened (it was queued for an adapter)
  SimTime started_at = -1;   // its first request was sent
  SimTime finished_at = -1;  // done or failed for good; -1 if it never ran
};

struct OrderResult {
  OrderId order;
  SubscriberId subscriber;
  OrderKind kind = OrderKind::kNew;
  ChangeKind change = ChangeKind::kNone;
  Channel channel = Channel::kIspWeb;
  OrderState state = OrderState::kFailed;
  std::string reason;            // empty when completed
  bool cleanup_incomplete = false;  // a compensation failed for good
  SimTime started_at = 0;
  SimTime finished_at = 0;
  std::uint32_t attempts = 0;  // requests sent, over all its steps
  std::vector<StepTiming> steps;
};

// Whether an order's times count in the order and step latencies: a new
// order that completed. (Changes and disconnects have latencies of their
// own, by kind; a failed order's time says how long it took to give up.)
inline bool counts_in_latency(const OrderResult& o) {
  return o.state == OrderState::kCompleted && o.kind == OrderKind::kNew;
}

struct Effects {
  std::vector<Request> requests;
  std::vector<Timer> timers;  // informational: the engine keeps them too (advance)
  std::vector<OrderResult> finished;
};

struct EngineCounts {
  std::uint64_t started = 0;
  std::uint64_t completed = 0;
  std::uint64_t failed = 0;
  std::uint64_t cancelled = 0;
  std::uint64_t active = 0;
  std::uint64_t retries = 0;
  std::uint64_t timeouts = 0;
  std::uint64_t compensations = 0;
  std::uint64_t late_responses = 0;  // answers to requests already timed out
};

class WorkflowEngine {
 public:
  // `catalog` gives each BSP offering's owner; `rng` draws the retry jitter.
  // Both must outlive the engine.
  WorkflowEngine(const Catalog& catalog, EngineConfig config, Rng& rng);

  Effects start(Order order, SimTime now);
  Effects on_response(TaskRequestId request, Outcome outcome, SimTime now, std::string_view detail = {});
  Effects on_timeout(TaskRequestId request, SimTime now);
  Effects on_retry_due(OrderId order, std::uint16_t task, std::uint16_t failed_attempt, bool compensation,
                       SimTime now);
  Effects on_timer(const Timer& timer, SimTime now);
  // Stops the order: running tasks finish, done ones are compensated, and it
  // ends cancelled. No effect on an order that is already failing.
  Effects cancel(OrderId order, SimTime now);

  // The earliest pending timer (stale ones included: firing them is harmless).
  std::optional<SimTime> next_wakeup() const;
  // Fires every timer due at or before `now`.
  Effects advance(SimTime now);

  const ProvisionedStateStore& store() const { return store_; }
  // Records an action carried out before the run (a population loaded in
  // bulk at the start), so the store agrees with the parties from time 0.
  void preload(const AppliedAction& done) { store_.apply(done); }
  AuditLog& audit() { return audit_; }
  const AdapterStats& adapter_stats(AdapterKind kind) const { return gates_[index(kind)].stats(); }
  EngineCounts counts() const;
  std::size_t active_orders() const { return orders_.size(); }
  std::size_t requests_in_flight() const { return in_flight_.size(); }
  // The idempotency keys of the requests awaiting an answer (any order).
  std::vector<IdempotencyKey> in_flight_keys() const;
  // Whether the engine has taken in the outcome of the action `key` names,
  // so it will not ask for it again: its order has ended, or the task (its
  // compensation, for a compensation's key) is past its last attempt. An
  // action not settled is sent again (a retry, or after its timeout).
  bool settled(IdempotencyKey key) const;

 private:
  struct TaskRun {
    TaskSpec spec;
    TaskState state = TaskState::kPending;
    std::uint16_t attempts = 0;
    std::uint16_t compensation_attempts = 0;
    // Its last attempt timed out: the party may have carried it out, so a
    // failed task like this is undone too (undoing nothing is a no-op).
    bool uncertain = false;
    SimTime ready_at = -1;
    SimTime started_at = -1;
    SimTime finished_at = -1;
  };
  struct OrderRun {
    Order order;
    PlanId plan;
    OrderState state = OrderState::kRunning;
    SimTime started_at = 0;
    std::vector<TaskRun> tasks;
    std::uint8_t stage = 0;
    std::uint16_t stage_left = 0;   // tasks of the current stage not yet done
    std::uint16_t active = 0;       // tasks queued, running or waiting to retry
    std::vector<std::uint16_t> undo_order;  // done (or uncertain) tasks, in order of completion
    std::size_t compensated = 0;    // how many of undo_order (from the back) are handled
    std::string reason;
    bool cancelled = false;
    bool cleanup_incomplete = false;
  };
  struct Flight {
    OrderId order;
    std::uint16_t task = 0;
    bool compensation = false;
  };
  struct TimerLater {
    bool operator()(const Timer& a, const Timer& b) const { return a.at > b.at; }
  };

  static std::size_t index(AdapterKind kind) { return static_cast<std::size_t>(kind); }

  void fire(const Timer& timer, SimTime now, Effects& out);
  void timeout(TaskRequestId request, SimTime now, Effects& out);
  void retry_due(OrderId order, std::uint16_t task, std::uint16_t failed_attempt, bool compensation, SimTime now,
                 Effects& out);
  void schedule(const Timer& timer, Effects& out);
  void schedule_retry(const OrderRun& run, std::uint16_t task, bool compensation, std::uint16_t failed_attempt,
                      SimTime now, Effects& out);

  void open_stage(OrderRun& run, SimTime now, Effects& out);
  void dispatch(OrderRun& run, std::uint16_t task, bool compensation, SimTime now, Effects& out);
  void pump(AdapterKind kind, SimTime now, Effects& out);
  void send(OrderRun& run, std::uint16_t task, bool compensation, SimTime now, Effects& out);

  void settle(const Flight& flight, Outcome outcome, bool timed_out, SimTime now, std::string_view detail,
              Effects& out);
  void forward_done(OrderRun& run, std::uint16_t task, SimTime now, Effects& out);
  void forward_failed(OrderRun& run, std::uint16_t task, bool retryable, bool timed_out, SimTime now,
                      std::string_view why, Effects& out);
  void fail_task(OrderRun& run, std::uint16_t task, SimTime now, std::string_view why);
  void compensation_failed_or_done(OrderRun& run, std::uint16_t task, bool ok, bool retryable, SimTime now,
                                   std::string_view why, Effects& out);

  void begin_failing(OrderRun& run, std::string reason, SimTime now, Effects& out);
  void maybe_compensate(OrderRun& run, SimTime now, Effects& out);
  void compensate_next(OrderRun& run, SimTime now, Effects& out);
  void finish(OrderRun& run, OrderState state, SimTime now, Effects& out);
  void reject(const Order& order, std::string reason, SimTime now, Effects& out);
  void reap(OrderId order);

  void apply_to_store(const OrderRun& run, const TaskRun& task, bool undo);
  void set_task_state(OrderRun& run, std::uint16_t task, TaskState to, SimTime now, std::string_view detail = {});
  void set_order_state(OrderRun& run, OrderState to, SimTime now, std::string_view detail = {});

  const Catalog& catalog_;
  EngineConfig config_;
  Rng& rng_;
  ProviderId np_;
  ProvisionedStateStore store_;
  AuditLog audit_;
  std::array<AdapterGate, kAdapterKindCount> gates_;
  std::unordered_map<OrderId, OrderRun> orders_;
  std::unordered_set<SubscriberId> busy_subscribers_;
  std::unordered_map<TaskRequestId, Flight> in_flight_;
  std::priority_queue<Timer, std::vector<Timer>, TimerLater> timers_;
  TaskRequestId next_request_ = 1;
  EngineCounts counts_;
};

}  // namespace provsim
