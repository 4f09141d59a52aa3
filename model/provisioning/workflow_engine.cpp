#include "model/provisioning/workflow_engine.hpp"

#include "model/core/check.hpp"
#include "model/provisioning/task_graph.hpp"

namespace provsim {

std::string_view to_string(OrderState state) {
  switch (state) {
    case OrderState::kRunning: return "running";
    case OrderState::kFailing: return "failing";
    case OrderState::kCompensating: return "compensating";
    case OrderState::kCompleted: return "completed";
    case OrderState::kFailed: return "failed";
    case OrderState::kCancelled: return "cancelled";
  }
  return "?";
}

WorkflowEngine::WorkflowEngine(const Catalog& catalog, EngineConfig config, Rng& rng)
    : catalog_(catalog), config_(config), rng_(rng) {
  config_.retry.validate();
  for (std::size_t k = 0; k < kAdapterKindCount; ++k) gates_[k] = AdapterGate(config_.concurrency[k]);
  const auto nps = catalog.providers_of(ProviderKind::kNetworkProvider);
  if (!nps.empty()) np_ = nps.front();
}

EngineCounts WorkflowEngine::counts() const {
  EngineCounts c = counts_;
  c.active = orders_.size();
  return c;
}

// ---- the public events: each runs to quiescence and reaps a finished order

Effects WorkflowEngine::start(Order order, SimTime now) {
  Effects out;
  PROVSIM_CHECK(order.id.valid(), "order without an id");
  PROVSIM_CHECK(orders_.count(order.id) == 0, "order started twice");
  ++counts_.started;
  if (busy_subscribers_.count(order.subscriber)) {
    reject(order, "subscriber_busy", now, out);
    return out;
  }
  TaskPlan plan = plan_tasks(order, store_.find(order.subscriber), catalog_, np_);
  if (!plan.error.empty()) {
    reject(order, std::move(plan.error), now, out);
    return out;
  }
  if (config_.reshape_plan) config_.reshape_plan(plan);
  PROVSIM_CHECK(!plan.tasks.empty() && plan.tasks.size() < AuditRecord::kOrderLevel, "task graph size");
  const OrderId id = order.id;
  OrderRun& run = orders_[id];
  run.order = std::move(order);
  run.plan = plan.plan;
  run.started_at = now;
  run.tasks.reserve(plan.tasks.size());
  for (const TaskSpec& spec : plan.tasks) run.tasks.push_back(TaskRun{spec});
  busy_subscribers_.insert(run.order.subscriber);
  if (audit_.enabled()) audit_.record(AuditRecord{now, id, AuditRecord::kOrderLevel, {}, {}, {}, {}, "", "running", 0, {}});
  open_stage(run, now, out);
  reap(id);
  return out;
}

Effects WorkflowEngine::on_response(TaskRequestId request, Outcome outcome, SimTime now, std::string_view detail) {
  Effects out;
  auto it = in_flight_.find(request);
  if (it == in_flight_.end()) {
    ++counts_.late_responses;  // it timed out before; the retry carries the same key
    return out;
  }
  const Flight flight = it->second;
  in_flight_.erase(it);
  settle(flight, outcome, false, now, detail, out);
  return out;
}

Effects WorkflowEngine::on_timeout(TaskRequestId request, SimTime now) {
  Effects out;
  timeout(request, now, out);
  return out;
}

Effects WorkflowEngine::on_retry_due(OrderId order, std::uint16_t task, std::uint16_t failed_attempt,
                                     bool compensation, SimTime now) {
  Effects out;
  retry_due(order, task, failed_attempt, compensation, now, out);
  return out;
}

Effects WorkflowEngine::on_timer(const Timer& timer, SimTime now) {
  Effects out;
  fire(timer, now, out);
  return out;
}

Effects WorkflowEngine::cancel(OrderId order, SimTime now) {
  Effects out;
  auto it = orders_.find(order);
  if (it == orders_.end() || it->second.state != OrderState::kRunning) return out;
  it->second.cancelled = true;
  begin_failing(it->second, "cancelled", now, out);
  reap(order);
  return out;
}

std::optional<SimTime> WorkflowEngine::next_wakeup() const {
  if (timers_.empty()) return std::nullopt;
  return timers_.top().at;
}

Effects WorkflowEngine::advance(SimTime now) {
  Effects out;
  while (!timers_.empty() && timers_.top().at <= now) {
    const Timer t = timers_.top();
    timers_.pop();
    fire(t, now, out);
  }
  return out;
}

// ---- timers

void WorkflowEngine::fire(const Timer& timer, SimTime now, Effects& out) {
  if (timer.kind == TimerKind::kTimeout)
    timeout(timer.request, now, out);
  else
    retry_due(timer.order, timer.task, timer.attempt, timer.compensation, now, out);
}

void WorkflowEngine::timeout(TaskRequestId request, SimTime now, Effects& out) {
  auto it = in_flight_.find(request);
  if (it == in_flight_.end()) return;  // answered in time: a stale timer
  const Flight flight = it->second;
  in_flight_.erase(it);
  ++counts_.timeouts;
  settle(flight, Outcome::kTransientError, true, now, "timeout", out);
}

void WorkflowEngine::retry_due(OrderId order, std::uint16_t task, std::uint16_t failed_attempt, bool compensation,
                               SimTime now, Effects& out) {
  auto it = orders_.find(order);
  if (it == orders_.end()) return;
  OrderRun& run = it->second;
  const TaskRun& t = run.tasks.at(task);
  const TaskState waiting = compensation ? TaskState::kCompensationWaitingRetry : TaskState::kWaitingRetry;
  const std::uint16_t attempts = compensation ? t.compensation_attempts : t.attempts;
  if (t.state != waiting || attempts != failed_attempt) return;  // abandoned meanwhile
  dispatch(run, task, compensation, now, out);
}

void WorkflowEngine::schedule(const Timer& timer, Effects& out) {
  timers_.push(timer);
  out.timers.push_back(timer);
}

// ---- sending

void WorkflowEngine::open_stage(OrderRun& run, SimTime now, Effects& out) {
  run.stage_left = 0;
  for (std::uint16_t i = 0; i < run.tasks.size(); ++i) {
    if (run.tasks[i].spec.stage != run.stage) continue;
    ++run.stage_left;
    run.tasks[i].ready_at = now;
    dispatch(run, i, false, now, out);
  }
  PROVSIM_CHECK(run.stage_left > 0, "a task graph stage without tasks");
}

void WorkflowEngine::dispatch(OrderRun& run, std::uint16_t task, bool compensation, SimTime now, Effects& out) {
  TaskRun& t = run.tasks[task];
  if (t.state == TaskState::kPending || t.state == TaskState::kDone || t.state == TaskState::kFailed) ++run.active;
  set_task_state(run, task, compensation ? TaskState::kCompensationQueued : TaskState::kQueued, now);
  const AdapterKind kind = t.spec.adapter;
  gates_[index(kind)].queue(AdapterGate::Waiting{run.order.id, task, compensation, now});
  pump(kind, now, out);
}

void WorkflowEngine::pump(AdapterKind kind, SimTime now, Effects& out) {
  auto live = [this](const AdapterGate::Waiting& w) {
    auto it = orders_.find(w.order);
    if (it == orders_.end()) return false;
    const TaskState s = it->second.tasks[w.task].state;
    return s == (w.compensation ? TaskState::kCompensationQueued : TaskState::kQueued);
  };
  while (auto w = gates_[index(kind)].next(now, live)) send(orders_.at(w->order), w->task, w->compensation, now, out);
}

void WorkflowEngine::send(OrderRun& run, std::uint16_t task, bool compensation, SimTime now, Effects& out) {
  TaskRun& t = run.tasks[task];
  const std::uint16_t attempt = compensation ? ++t.compensation_attempts : ++t.attempts;
  if (!compensation && t.started_at < 0) t.started_at = now;
  set_task_state(run, task, compensation ? TaskState::kCompensating : TaskState::kRunning, now);

  const TaskRequestId id = next_request_++;
  in_flight_.emplace(id, Flight{run.order.id, task, compensation});
  Request r;
  r.id = id;
  const ActionArgs args = action_args(t.spec, compensation);
  r.adapter = t.spec.adapter;
  r.action = args.action;
  r.order = run.order.id;
  r.task = task;
  r.attempt = attempt;
  r.compensation = compensation;
  r.key = IdempotencyKey::make(run.order.id, task, compensation);
  r.subscriber = run.order.subscriber;
  r.line = run.order.line;
  r.party = t.spec.party;
  r.plan = run.plan;
  r.offering = args.offering;
  r.previous = args.previous;
  r.sent_at = now;
  r.deadline = now + config_.retry.timeout_for(r.adapter);
  out.requests.push_back(r);
  Timer timer;
  timer.at = r.deadline;
  timer.kind = TimerKind::kTimeout;
  timer.request = id;
  schedule(timer, out);
}

// ---- outcomes

void WorkflowEngine::settle(const Flight& flight, Outcome outcome, bool timed_out, SimTime now,
                            std::string_view detail, Effects& out) {
  OrderRun& run = orders_.at(flight.order);
  const AdapterKind kind = run.tasks[flight.task].spec.adapter;
  gates_[index(kind)].release(now);
  pump(kind, now, out);  // the freed slot goes to the oldest waiter first

  const bool ok = outcome == Outcome::kOk && !timed_out;
  const bool retryable = outcome == Outcome::kTransientError;
  const std::string_view why = detail.empty() ? to_string(outcome) : detail;
  if (!flight.compensation) {
    if (ok)
      forward_done(run, flight.task, now, out);
    else
      forward_failed(run, flight.task, retryable, timed_out, now, why, out);
  } else {
    compensation_failed_or_done(run, flight.task, ok, retryable, now, why, out);
  }
  reap(flight.order);
}

void WorkflowEngine::forward_done(OrderRun& run, std::uint16_t task, SimTime now, Effects& out) {
  TaskRun& t = run.tasks[task];
  t.uncertain = false;  // an earlier attempt timed out, but this one is known to be done
  set_task_state(run, task, TaskState::kDone, now);
  t.finished_at = now;
  run.undo_order.push_back(task);
  apply_to_store(run, t, false);
  --run.active;
  if (run.state != OrderState::kRunning) {
    maybe_compensate(run, now, out);
    return;
  }
  if (--run.stage_left > 0) return;
  if (run.tasks.back().spec.stage == run.stage) {
    finish(run, OrderState::kCompleted, now, out);
    return;
  }
  ++run.stage;
  open_stage(run, now, out);
}

void WorkflowEngine::forward_failed(OrderRun& run, std::uint16_t task, bool retryable, bool timed_out,
                                    SimTime now, std::string_view why, Effects& out) {
  TaskRun& t = run.tasks[task];
  t.uncertain = timed_out;
  if (retryable && run.state == OrderState::kRunning && t.attempts < config_.retry.max_attempts) {
    set_task_state(run, task, TaskState::kWaitingRetry, now, why);
    ++counts_.retries;
    schedule_retry(run, task, false, t.attempts, now, out);
    return;
  }
  fail_task(run, task, now, why);
  if (run.state == OrderState::kRunning) {
    std::string reason;
    reason.append(to_string(t.spec.adapter)).append(" ").append(to_string(t.spec.action)).append(": ").append(why);
    begin_failing(run, std::move(reason), now, out);
  } else {
    maybe_compensate(run, now, out);
  }
}

void WorkflowEngine::fail_task(OrderRun& run, std::uint16_t task, SimTime now, std::string_view why) {
  TaskRun& t = run.tasks[task];
  set_task_state(run, task, TaskState::kFailed, now, why);
  t.finished_at = now;
  --run.active;
  if (t.uncertain) run.undo_order.push_back(task);  // undo it in case it went through
}

void WorkflowEngine::compensation_failed_or_done(OrderRun& run, std::uint16_t task, bool ok, bool retryable,
                                                 SimTime now, std::string_view why, Effects& out) {
  TaskRun& t = run.tasks[task];
  if (ok) {
    set_task_state(run, task, TaskState::kCompensated, now, t.uncertain ? "uncertain" : "");
    if (!t.uncertain) apply_to_store(run, t, true);  // the store never counted an uncertain task
  } else if (retryable && t.compensation_attempts < config_.retry.max_compensation_attempts) {
    set_task_state(run, task, TaskState::kCompensationWaitingRetry, now, why);
    ++counts_.retries;
    schedule_retry(run, task, true, t.compensation_attempts, now, out);
    return;
  } else {
    // The party may still hold what this task did: reported, not hidden.
    set_task_state(run, task, TaskState::kCompensationFailed, now, why);
    run.cleanup_incomplete = true;
  }
  --run.active;
  ++run.compensated;
  compensate_next(run, now, out);
}

void WorkflowEngine::schedule_retry(const OrderRun& run, std::uint16_t task, bool compensation,
                                    std::uint16_t failed_attempt, SimTime now, Effects& out) {
  Timer timer;
  timer.at = now + config_.retry.backoff(failed_attempt, rng_);
  timer.kind = TimerKind::kRetry;
  timer.order = run.order.id;
  timer.task = task;
  timer.attempt = failed_attempt;
  timer.compensation = compensation;
  schedule(timer, out);
}

// ---- failing and compensating

void WorkflowEngine::begin_failing(OrderRun& run, std::string reason, SimTime now, Effects& out) {
  run.reason = std::move(reason);
  set_order_state(run, OrderState::kFailing, now, run.reason);
  // Nothing new starts. Tasks in flight are let finish: if they succeed
  // they are compensated like the others.
  for (std::uint16_t i = 0; i < run.tasks.size(); ++i) {
    TaskRun& t = run.tasks[i];
    if (t.state == TaskState::kPending) {
      set_task_state(run, i, TaskState::kSkipped, now);
    } else if (t.state == TaskState::kQueued && t.attempts == 0) {
      set_task_state(run, i, TaskState::kSkipped, now);
      --run.active;
    } else if (t.state == TaskState::kQueued) {
      fail_task(run, i, now, "abandoned");  // a retry still waiting for a slot
    } else if (t.state == TaskState::kWaitingRetry) {
      fail_task(run, i, now, "abandoned");
    }
  }
  maybe_compensate(run, now, out);
}

void WorkflowEngine::maybe_compensate(OrderRun& run, SimTime now, Effects& out) {
  if (run.state != OrderState::kFailing || run.active > 0) return;
  set_order_state(run, OrderState::kCompensating, now);
  compensate_next(run, now, out);
}

void WorkflowEngine::compensate_next(OrderRun& run, SimTime now, Effects& out) {
  if (run.compensated < run.undo_order.size()) {
    const std::uint16_t task = run.undo_order[run.undo_order.size() - 1 - run.compensated];
    ++counts_.compensations;
    dispatch(run, task, true, now, out);
    return;
  }
  finish(run, run.cancelled ? OrderState::kCancelled : OrderState::kFailed, now, out);
}

// ---- the end of an order

void WorkflowEngine::finish(OrderRun& run, OrderState state, SimTime now, Effects& out) {
  PROVSIM_CHECK(!is_terminal(run.state), "an order reached a second terminal state");
  PROVSIM_CHECK(run.active == 0, "an order ended with tasks still active");
  set_order_state(run, state, now, run.reason);
  switch (state) {
    case OrderState::kCompleted: ++counts_.completed; break;
    case OrderState::kFailed: ++counts_.failed; break;
    case OrderState::kCancelled: ++counts_.cancelled; break;
    default: PROVSIM_CHECK(false, "finish with a non-terminal state");
  }
  OrderResult r;
  r.order = run.order.id;
  r.subscriber = run.order.subscriber;
  r.kind = run.order.kind;
  r.change = run.order.change;
  r.channel = run.order.channel;
  r.state = state;
  r.reason = run.reason;
  r.cleanup_incomplete = run.cleanup_incomplete;
  r.started_at = run.started_at;
  r.finished_at = now;
  r.steps.reserve(run.tasks.size());
  for (const TaskRun& t : run.tasks) {
    r.steps.push_back(StepTiming{t.spec.adapter, t.spec.action, t.spec.offering, t.state, t.attempts, t.ready_at,
                                 t.started_at, t.finished_at});
    r.attempts += t.attempts;
  }
  out.finished.push_back(std::move(r));
  busy_subscribers_.erase(run.order.subscriber);
}

void WorkflowEngine::reject(const Order& order, std::string reason, SimTime now, Effects& out) {
  ++counts_.failed;
  if (audit_.enabled())
    audit_.record(AuditRecord{now, order.id, AuditRecord::kOrderLevel, {}, {}, {}, {}, "", "failed", 0, reason});
  OrderResult r;
  r.order = order.id;
  r.subscriber = order.subscriber;
  r.kind = order.kind;
  r.change = order.change;
  r.channel = order.channel;
  r.state = OrderState::kFailed;
  r.reason = std::move(reason);
  r.started_at = now;
  r.finished_at = now;
  out.finished.push_back(std::move(r));
}

void WorkflowEngine::reap(OrderId order) {
  auto it = orders_.find(order);
  if (it != orders_.end() && is_terminal(it->second.state)) orders_.erase(it);
}

// ---- bookkeeping

void WorkflowEngine::apply_to_store(const OrderRun& run, const TaskRun& t, bool undo) {
  const ActionArgs args = action_args(t.spec, undo);
  store_.apply(AppliedAction{args.action, t.spec.adapter, run.order.subscriber, run.order.line, t.spec.party,
                             run.plan, args.offering, args.previous});
}

void WorkflowEngine::set_task_state(OrderRun& run, std::uint16_t task, TaskState to, SimTime now,
                                    std::string_view detail) {
  TaskRun& t = run.tasks[task];
  if (audit_.enabled()) {
    const bool compensating = to >= TaskState::kCompensationQueued;
    const ActionArgs args = action_args(t.spec, compensating);
    audit_.record(AuditRecord{now, run.order.id, task, t.spec.adapter, args.action, args.offering, args.previous,
                              to_string(t.state), to_string(to), compensating ? t.compensation_attempts : t.attempts,
                              std::string(detail)});
  }
  t.state = to;
}

void WorkflowEngine::set_order_state(OrderRun& run, OrderState to, SimTime now, std::string_view detail) {
  if (audit_.enabled())
    audit_.record(AuditRecord{now, run.order.id, AuditRecord::kOrderLevel, {}, {}, {}, {}, to_string(run.state),
                              to_string(to), 0, std::string(detail)});
  run.state = to;
}

bool WorkflowEngine::settled(IdempotencyKey key) const {
  const auto run = orders_.find(OrderId(static_cast<OrderId::rep>(key.value >> 17)));
  if (run == orders_.end()) return true;
  const std::size_t task = (key.value >> 1) & 0xFFFFu;
  if (task >= run->second.tasks.size()) return true;
  const TaskState s = run->second.tasks[task].state;
  if ((key.value & 1u) != 0) return s == TaskState::kCompensated || s == TaskState::kCompensationFailed;
  switch (s) {
    case TaskState::kPending:
    case TaskState::kQueued:
    case TaskState::kRunning:
    case TaskState::kWaitingRetry: return false;
    default: return true;
  }
}

std::vector<IdempotencyKey> WorkflowEngine::in_flight_keys() const {
  std::vector<IdempotencyKey> keys;
  keys.reserve(in_flight_.size());
  for (const auto& [id, flight] : in_flight_)
    keys.push_back(IdempotencyKey::make(flight.order, flight.task, flight.compensation));
  return keys;
}

}  // namespace provsim
