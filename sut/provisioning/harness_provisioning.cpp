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

class HarnessPort : public sim::ProvisioningPort {
 public:
  HarnessPort(WorkflowEngine& reference, const ProvisioningJson& json, SutClient& client, DivergenceLog& log)
      : reference_(reference), json_(json), client_(client), log_(log) {}

  Effects start(Order order, SimTime now) override {
    send_inventory();
    const OrderId id = order.id;
    const Json input = json_.order(order, now);
    Effects ref = reference_.start(std::move(order), now);
    judge("serviceOrder", now, input, ref, id);
    return ref;
  }

  Effects answer(TaskRequestId request, Outcome outcome, SimTime now, std::string_view detail) override {
    Effects ref = reference_.on_response(request, outcome, now, detail);
    const auto pair = paired_.find(request);
    if (pair == paired_.end()) return ref;  // the system never sent it: its party has nothing to answer
    const std::uint64_t theirs = pair->second;
    paired_.erase(pair);
    judge("taskAnswer", now, json_.task_answer(theirs, outcome, now, detail), ref, std::nullopt);
    return ref;
  }

  std::optional<SimTime> next_wakeup() const override { return reference_.next_wakeup(); }

  Effects advance(SimTime now) override {
    Effects ref = reference_.advance(now);
    judge("advance", now, Json{{"now", now}}, ref, std::nullopt);
    return ref;
  }

  void preload(const AppliedAction& done) override {
    reference_.preload(done);
    inventory_.push_back(done);
  }

 private:
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

  // Sends the call to the system and compares what it did with `ref`.
  void judge(const char* operation, SimTime now, const Json& input, const Effects& ref,
             std::optional<OrderId> started) {
    const Json ref_json = json_.effects(ref, started);
    const Exchange x = client_.post(std::string("/") + operation, input);
    log_.request(now, operation, x.latency_ms, x.failure == Exchange::Failure::kNone);
    const auto diverge = [&](DivergenceKind kind, std::string detail, const std::string& sut) {
      log_.add(Divergence{kind, now, operation, std::move(detail), input.dump(), ref_json.dump(), sut});
    };
    if (x.failure != Exchange::Failure::kNone) {
      diverge(failure_kind(x), x.problem, x.problem);
      return;
    }
    std::vector<OrderStateChange> states;
    std::vector<WireRequest> requests;
    try {
      if (started && text(x.answer, "state") != "acknowledged")
        throw ProtocolError("field 'state': a new order is acknowledged, not '" + text(x.answer, "state") + "'");
      states = json_.state_changes(x.answer);
      requests = json_.requests(x.answer);
    } catch (const ProtocolError& e) {
      diverge(DivergenceKind::kProtocolError, e.what(), x.answer.dump());
      return;
    }
    compare_states(ref, started, states, diverge, x.answer.dump());
    compare_plans(ref, requests, diverge, x.answer.dump());
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
  // request with the system's request of the same signature.
  template <typename Diverge>
  void compare_plans(const Effects& ref, const std::vector<WireRequest>& got, Diverge& diverge,
                     const std::string& sut) {
    std::vector<bool> used(got.size(), false);
    std::vector<std::string> only_ref, only_sut;
    for (const Request& r : ref.requests) {
      const std::string sig = json_.signature(r);
      bool found = false;
      for (std::size_t i = 0; i < got.size() && !found; ++i) {
        if (used[i] || json_.signature(got[i].request) != sig) continue;
        used[i] = found = true;
        paired_[r.id] = got[i].id;
      }
      if (!found) only_ref.push_back(sig);
    }
    for (std::size_t i = 0; i < got.size(); ++i)
      if (!used[i]) only_sut.push_back(json_.signature(got[i].request));
    if (!only_ref.empty() || !only_sut.empty())
      diverge(DivergenceKind::kTaskPlan,
              "the system only: " + join(only_sut) + "; the reference only: " + join(only_ref), sut);
  }

  WorkflowEngine& reference_;
  const ProvisioningJson& json_;
  SutClient& client_;
  DivergenceLog& log_;
  std::vector<AppliedAction> inventory_;
  bool inventory_sent_ = false;
  std::unordered_map<TaskRequestId, std::uint64_t> paired_;  // the reference's request -> the system's
};

}  // namespace

ProvisioningHarness::ProvisioningHarness(const Catalog& catalog, HarnessOptions options)
    : json_(catalog),
      options_(std::move(options)),
      client_(options_.address, options_.timeout_seconds),
      log_(options_.keep_divergences, DivergenceLog::provisioning_kinds()) {}

bool ProvisioningHarness::reset(const std::string& scenario, std::uint64_t seed, std::string& problem) {
  return client_.start_run(scenario, seed, problem);
}

std::unique_ptr<sim::ProvisioningPort> ProvisioningHarness::make(WorkflowEngine& reference) {
  return std::make_unique<HarnessPort>(reference, json_, client_, log_);
}

}  // namespace provsim::sut
