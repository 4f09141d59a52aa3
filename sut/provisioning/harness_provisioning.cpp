#include "sut/provisioning/harness_provisioning.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

namespace provsim::sut {
namespace {

std::string join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : "; ") + s;
  return out.empty() ? std::string("none") : out;
}

// What is only on one side of two sorted lists.
std::pair<std::vector<std::string>, std::vector<std::string>> differences(std::vector<std::string> a,
                                                                          std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<std::string> only_a, only_b;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
  return {only_a, only_b};
}

// What the system said in one call, read and checked.
struct SutAnswer {
  std::vector<OrderStateChange> states;
  std::vector<WireRequest> requests;  // listed in the answer (shadow) or called at the desk (drive)
  std::optional<SimTime> wakeup;      // drive mode: nextWakeup
};

// Where a request that went to a simulated party in drive mode came from:
// the system's id for it, and the reference request it matched.
struct Route {
  std::optional<std::uint64_t> sut;
  std::optional<TaskRequestId> reference;
};

// What the harness keeps of an order the system has not ended yet, to
// write its result when the system ends it.
struct OrderFacts {
  SubscriberId subscriber;
  OrderKind kind = OrderKind::kNew;
  ChangeKind change = ChangeKind::kNone;
  Channel channel = Channel::kIspWeb;
  SimTime started_at = 0;
};

class HarnessPort : public sim::ProvisioningPort {
 public:
  // `desk`: the parties' desk in drive mode; null in shadow mode.
  HarnessPort(WorkflowEngine& reference, const ProvisioningJson& json, SutClient& client, DivergenceLog& log,
              PartyDesk* desk)
      : reference_(reference), json_(json), client_(client), log_(log), desk_(desk) {}

  ~HarnessPort() override { note_refusals(last_now_); }

  Effects start(Order order, SimTime now) override {
    send_inventory();
    const OrderId id = order.id;
    const Json input = json_.order(order, now);
    if (desk_) facts_[id] = OrderFacts{order.subscriber, order.kind, order.change, order.channel, now};
    Effects ref = reference_.start(std::move(order), now);
    return call("serviceOrder", now, input, std::move(ref), id);
  }

  Effects answer(TaskRequestId request, Outcome outcome, SimTime now, std::string_view detail) override {
    if (desk_) return drive_answer(request, outcome, now, detail);
    Effects ref = reference_.on_response(request, outcome, now, detail);
    const auto pair = paired_.find(request);
    if (pair == paired_.end()) return ref;  // the system never sent it: its party has nothing to answer
    const std::uint64_t theirs = pair->second;
    paired_.erase(pair);
    return call("taskAnswer", now, json_.task_answer(theirs, outcome, now, detail), std::move(ref), std::nullopt);
  }

  std::optional<SimTime> next_wakeup() const override {
    const std::optional<SimTime> ref = reference_.next_wakeup();
    if (!desk_ || !sut_wakeup_) return ref;
    return ref ? std::min(*ref, *sut_wakeup_) : sut_wakeup_;
  }

  Effects advance(SimTime now) override {
    Effects ref = reference_.advance(now);
    return call("advance", now, Json{{"now", now}}, std::move(ref), std::nullopt);
  }

  Effects restarted(SimTime now) override { return call("restart", now, Json{{"now", now}}, Effects{}, std::nullopt); }

  void preload(const AppliedAction& done) override {
    reference_.preload(done);
    inventory_.push_back(done);
  }

 private:
  // A party answered a request that went out in drive mode: it reaches the
  // reference if the request matched one of its own, and the system if the
  // request was the system's.
  Effects drive_answer(TaskRequestId request, Outcome outcome, SimTime now, std::string_view detail) {
    const auto found = routes_.find(request);
    if (found == routes_.end()) return {};
    const Route route = found->second;
    routes_.erase(found);
    last_now_ = now;
    Effects ref = route.reference ? reference_.on_response(*route.reference, outcome, now, detail) : Effects{};
    if (!route.sut) return stand_in(std::move(ref));  // the reference's own stand-in request
    return call("taskAnswer", now, json_.task_answer(*route.sut, outcome, now, detail), std::move(ref), std::nullopt);
  }

  // The initial population, once, before anything else.
  void send_inventory() {
    if (inventory_sent_) return;
    inventory_sent_ = true;
    const Json input = json_.inventory(0.0, inventory_);
    inventory_.clear();
    inventory_.shrink_to_fit();
    const Exchange x = client_.post("/serviceInventory", input);
    log_.request(0.0, "serviceInventory", x.latency_ms, x.failure == Exchange::Failure::kNone);
    if (x.failure != Exchange::Failure::kNone)
      log_.add(Divergence{failure_kind(x), 0.0, "serviceInventory", x.problem, input.dump(), "{}", x.problem});
  }

  static DivergenceKind failure_kind(const Exchange& x) {
    return x.failure == Exchange::Failure::kTimeout ? DivergenceKind::kTimeout : DivergenceKind::kProtocolError;
  }

  // Party calls refused at the desk since the last look: protocol errors.
  void note_refusals(SimTime now) {
    if (!desk_) return;
    for (RefusedCall& r : desk_->take_refused())
      log_.add(Divergence{DivergenceKind::kProtocolError, now, "party", r.why, r.body, "{}", r.body});
  }

  // One call to the system: sent, judged against the reference's effects
  // `ref`; what drives the simulation comes back (the reference's in
  // shadow mode, the system's in drive mode).
  Effects call(const char* operation, SimTime now, const Json& input, Effects ref, std::optional<OrderId> started) {
    last_now_ = now;
    const Json ref_json = json_.effects(ref, started);
    if (desk_) {
      note_refusals(now);
      desk_->open();
    }
    const Exchange x = client_.post(std::string("/") + operation, input);
    std::vector<WireRequest> called = desk_ ? desk_->close() : std::vector<WireRequest>{};
    log_.request(now, operation, x.latency_ms, x.failure == Exchange::Failure::kNone);
    const auto diverge = [&](DivergenceKind kind, std::string detail, const std::string& sut) {
      log_.add(Divergence{kind, now, operation, std::move(detail), input.dump(), ref_json.dump(), sut});
    };
    if (desk_) keep_reference_results(ref);
    if (x.failure != Exchange::Failure::kNone) {
      diverge(failure_kind(x), x.problem, x.problem);
      return desk_ ? stand_in(std::move(ref)) : ref;
    }
    std::optional<SutAnswer> got;
    try {
      got = read(x.answer, started, std::move(called), operation, now);
    } catch (const ProtocolError& e) {
      diverge(DivergenceKind::kProtocolError, e.what(), x.answer.dump());
      return desk_ ? stand_in(std::move(ref)) : ref;
    }
    compare_states(ref, started, got->states, diverge, x.answer.dump());
    const std::vector<std::optional<TaskRequestId>> pairs = compare_plans(ref, got->requests, diverge, x.answer.dump());
    if (!desk_) return ref;
    sut_wakeup_ = got->wakeup;
    return driven(*got, pairs, now, diverge, x.answer.dump());
  }

  // The system's answer, checked; in drive mode its task plan is the party
  // calls it made during the call.
  SutAnswer read(const Json& answer, std::optional<OrderId> started, std::vector<WireRequest> called,
                 const char* operation, SimTime now) const {
    if (started && text(answer, "state") != "acknowledged")
      throw ProtocolError("field 'state': a new order is acknowledged, not '" + text(answer, "state") + "'");
    SutAnswer out;
    out.states = json_.state_changes(answer);
    if (!desk_) {
      out.requests = json_.requests(answer);
      return out;
    }
    out.requests = std::move(called);
    if (answer.contains("nextWakeup") && !answer.at("nextWakeup").is_null()) {
      const SimTime at = number(answer, "nextWakeup");
      // A wakeup already due is woken at once (after a restart, the timers
      // that fell due during the outage); but an /advance answered with a
      // wakeup not after its `now` would be woken at the same time for ever.
      if (at <= now && std::string_view(operation) == "advance")
        throw ProtocolError("field 'nextWakeup': " + std::to_string(at) + " is not after now (" + std::to_string(now) +
                            ")");
      out.wakeup = at;
    }
    return out;
  }

  template <typename Diverge>
  void compare_states(const Effects& ref, std::optional<OrderId> started, const std::vector<OrderStateChange>& got,
                      Diverge& diverge, const std::string& sut) {
    std::vector<std::string> mine, theirs;
    for (const OrderStateChange& c : json_.state_changes(json_.effects(ref, started)))
      mine.push_back("order " + std::to_string(c.order) + " " + c.state);
    for (const OrderStateChange& c : got) theirs.push_back("order " + std::to_string(c.order) + " " + c.state);
    const auto [only_ref, only_sut] = differences(mine, theirs);
    if (!only_ref.empty() || !only_sut.empty())
      diverge(DivergenceKind::kOrderState,
              "the system only: " + join(only_sut) + "; the reference only: " + join(only_ref), sut);
  }

  // Compares the requests as sets of signatures, and pairs each reference
  // request with the system's request of the same signature: the reference
  // request each of the system's matched.
  template <typename Diverge>
  std::vector<std::optional<TaskRequestId>> compare_plans(const Effects& ref, const std::vector<WireRequest>& got,
                                                          Diverge& diverge, const std::string& sut) {
    std::vector<std::optional<TaskRequestId>> pairs(got.size());
    std::vector<std::string> only_ref, only_sut;
    for (const Request& r : ref.requests) {
      const std::string sig = json_.signature(r);
      bool found = false;
      for (std::size_t i = 0; i < got.size() && !found; ++i) {
        if (pairs[i] || json_.signature(got[i].request) != sig) continue;
        pairs[i] = r.id;
        found = true;
        if (!desk_) paired_[r.id] = got[i].id;
      }
      if (!found) only_ref.push_back(sig);
    }
    for (std::size_t i = 0; i < got.size(); ++i)
      if (!pairs[i]) only_sut.push_back(json_.signature(got[i].request));
    if (!only_ref.empty() || !only_sut.empty())
      diverge(DivergenceKind::kTaskPlan,
              "the system only: " + join(only_sut) + "; the reference only: " + join(only_ref), sut);
    return pairs;
  }

  // Drive mode: the system's party calls go to the simulated parties, its
  // ended orders end the orders.
  template <typename Diverge>
  Effects driven(const SutAnswer& got, const std::vector<std::optional<TaskRequestId>>& pairs, SimTime now,
                 Diverge& diverge, const std::string& sut) {
    Effects out;
    for (std::size_t i = 0; i < got.requests.size(); ++i) {
      Request r = got.requests[i].request;
      r.id = next_id_++;
      r.sent_at = now;
      routes_[r.id] = Route{got.requests[i].id, pairs[i]};
      out.requests.push_back(r);
    }
    for (const OrderStateChange& c : got.states) {
      if (c.state == "inProgress") continue;
      const auto facts = facts_.find(OrderId(c.order));
      if (facts == facts_.end()) {
        diverge(DivergenceKind::kProtocolError,
                "order " + std::to_string(c.order) + " " + c.state + ": not an order in progress", sut);
        continue;
      }
      out.finished.push_back(result_of(facts, c, now));
    }
    return out;
  }

  // An order the system ended: the reference's result for it if the
  // reference has ended it too (its step timings), with the system's state.
  OrderResult result_of(std::unordered_map<OrderId, OrderFacts>::iterator facts, const OrderStateChange& c,
                        SimTime now) {
    OrderResult r;
    const auto kept = reference_results_.find(facts->first);
    if (kept != reference_results_.end()) {
      r = std::move(kept->second);
      reference_results_.erase(kept);
    } else {
      r.order = facts->first;
      r.subscriber = facts->second.subscriber;
      r.kind = facts->second.kind;
      r.change = facts->second.change;
      r.channel = facts->second.channel;
      r.started_at = facts->second.started_at;
    }
    r.state = c.state == "completed" ? OrderState::kCompleted
              : c.state == "failed"  ? OrderState::kFailed
                                     : OrderState::kCancelled;
    r.reason = r.state == OrderState::kCompleted ? std::string() : c.reason;
    r.finished_at = now;
    facts_.erase(facts);
    return r;
  }

  // The reference's ended orders that the system has not ended yet: their
  // results wait for the system's.
  void keep_reference_results(const Effects& ref) {
    for (const OrderResult& f : ref.finished)
      if (facts_.count(f.order)) reference_results_[f.order] = f;
  }

  // No usable answer in drive mode: the reference's requests and ended
  // orders stand in for the system's, so the run goes on.
  Effects stand_in(Effects ref) {
    Effects out;
    for (Request r : ref.requests) {
      const TaskRequestId theirs = r.id;
      r.id = next_id_++;
      routes_[r.id] = Route{std::nullopt, theirs};
      out.requests.push_back(r);
    }
    for (OrderResult& f : ref.finished) {
      if (!facts_.erase(f.order)) continue;  // the system ended it already
      reference_results_.erase(f.order);
      out.finished.push_back(std::move(f));
    }
    if (sut_wakeup_ && *sut_wakeup_ <= last_now_) sut_wakeup_.reset();
    return out;
  }

  WorkflowEngine& reference_;
  const ProvisioningJson& json_;
  SutClient& client_;
  DivergenceLog& log_;
  PartyDesk* desk_;
  std::vector<AppliedAction> inventory_;
  bool inventory_sent_ = false;
  SimTime last_now_ = 0;
  // Shadow mode: the reference's request -> the system's.
  std::unordered_map<TaskRequestId, std::uint64_t> paired_;
  // Drive mode: the requests that went to the parties, by the id they went
  // under; the orders the system has not ended; the reference's results
  // waiting for the system's; when the system wants waking.
  std::unordered_map<TaskRequestId, Route> routes_;
  TaskRequestId next_id_ = 1;
  std::unordered_map<OrderId, OrderFacts> facts_;
  std::unordered_map<OrderId, OrderResult> reference_results_;
  std::optional<SimTime> sut_wakeup_;
};

}  // namespace

ProvisioningHarness::ProvisioningHarness(const Catalog& catalog, HarnessOptions options)
    : json_(catalog),
      options_(std::move(options)),
      client_(options_.address, options_.timeout_seconds),
      log_(options_.keep_divergences, DivergenceLog::provisioning_kinds()) {}

ProvisioningHarness::~ProvisioningHarness() = default;

bool ProvisioningHarness::reset(const std::string& scenario, std::uint64_t seed, std::string& problem) {
  if (options_.mode != SutMode::kDrive) return client_.start_run(scenario, seed, problem);
  desk_ = std::make_unique<PartyDesk>(json_);
  try {
    const std::string parties = desk_->start();
    return client_.start_run(scenario, seed, problem, Json{{"parties", parties}});
  } catch (const std::runtime_error& e) {
    problem = e.what();
    return false;
  }
}

std::unique_ptr<sim::ProvisioningPort> ProvisioningHarness::make(WorkflowEngine& reference) {
  return std::make_unique<HarnessPort>(reference, json_, client_, log_, desk_.get());
}

}  // namespace provsim::sut
