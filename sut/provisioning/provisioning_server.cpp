#include "sut/provisioning/provisioning_server.hpp"

#include <iterator>

#include "model/core/random.hpp"
#include "sim/provisioning_port.hpp"

namespace provsim::sut {
namespace {

// The most subscribers a served engine keeps state for: its inventory is
// dense by subscriber number, and a request must not make it take
// gigabytes.
constexpr std::uint32_t kMaxSubscriber = 1u << 24;

const char* const kOperations[] = {"reset", "serviceInventory", "serviceOrder", "taskAnswer", "advance"};

void check_subscriber(SubscriberId who) {
  if (who.value() >= kMaxSubscriber) throw ProtocolError("field 'subscriber': beyond what this server keeps");
}

}  // namespace

std::optional<ProvisioningFault> provisioning_fault_named(const std::string& name) {
  if (name == "none") return ProvisioningFault::kNone;
  if (name == "skip-compensation") return ProvisioningFault::kSkipCompensation;
  if (name == "ignore-failure") return ProvisioningFault::kIgnoreFailure;
  if (name == "late") return ProvisioningFault::kLate;
  return std::nullopt;
}

// One run's engine, made by POST /reset as World makes the run's own.
struct ProvisioningServer::Session {
  Session(const sim::Scenario& s, std::uint64_t seed)
      : rng(Rng::stream(seed, "workflow")), engine(s.catalog, s.options.workflow, rng), json(s.catalog) {}
  Rng rng;
  WorkflowEngine engine;
  ProvisioningJson json;
};

ProvisioningServer::ProvisioningServer(ProvisioningServerOptions options)
    : JsonServer("provisioning", {std::begin(kOperations), std::end(kOperations)}, options,
                 options.fault == ProvisioningFault::kLate,
                 [this](const std::string& operation, const Json& request) { return handle(operation, request); }),
      options_(std::move(options)) {
  for (const auto& dir : options_.scenarios) scenarios_[served_name(dir)] = sim::load_scenario(dir);
}

ProvisioningServer::~ProvisioningServer() = default;

// The answer to a call; the planted faults bend it here.
Json ProvisioningServer::answer(Session& s, Effects effects, std::optional<OrderId> started, SimTime now) {
  if (options_.fault == ProvisioningFault::kSkipCompensation) {
    // Every compensation is answered done at once, inside the server: the
    // parties never hear of it.
    for (bool again = true; again;) {
      again = false;
      for (std::size_t i = 0; i < effects.requests.size(); ++i) {
        if (!effects.requests[i].compensation) continue;
        const TaskRequestId id = effects.requests[i].id;
        effects.requests.erase(effects.requests.begin() + static_cast<std::ptrdiff_t>(i));
        Effects more = s.engine.on_response(id, Outcome::kOk, now);
        effects.requests.insert(effects.requests.end(), more.requests.begin(), more.requests.end());
        effects.finished.insert(effects.finished.end(), more.finished.begin(), more.finished.end());
        again = true;
        break;
      }
    }
  }
  if (options_.fault == ProvisioningFault::kIgnoreFailure)
    for (OrderResult& f : effects.finished)
      if (f.state == OrderState::kFailed) {
        f.state = OrderState::kCompleted;
        f.reason.clear();
      }
  return s.json.effects(effects, started);
}

Json ProvisioningServer::handle(const std::string& operation, const Json& request) {
  const SimTime now = simulated_now(request);
  if (operation == "reset") {
    const std::string name = text(request, "scenario");
    const auto it = scenarios_.find(name);
    if (it == scenarios_.end()) throw ProtocolError("this server does not serve the scenario '" + name + "'");
    session_.reset();
    session_ = std::make_unique<Session>(*it->second, count(request, "seed"));
    return Json{{"scenario", name}};
  }
  if (!session_) throw ProtocolError("no run started: POST /reset first");
  Session& s = *session_;
  if (operation == "serviceInventory") {
    for (const AppliedAction& a : s.json.inventory(request)) {
      check_subscriber(a.subscriber);
      s.engine.preload(a);
    }
    return Json{{"orders", Json::array()}, {"requests", Json::array()}};
  }
  if (operation == "serviceOrder") {
    Order order = s.json.order(request);
    check_subscriber(order.subscriber);
    const OrderId id = order.id;
    Json out = answer(s, s.engine.start(std::move(order), now), id, now);
    out["id"] = std::to_string(id.value());
    out["state"] = "acknowledged";
    return out;
  }
  if (operation == "taskAnswer") {
    const std::uint64_t id = count(request, "request");
    const std::string detail = request.contains("detail") ? text(request, "detail") : std::string();
    return answer(s, s.engine.on_response(id, s.json.outcome(request), now, detail), std::nullopt, now);
  }
  return answer(s, s.engine.advance(now), std::nullopt, now);  // advance
}

}  // namespace provsim::sut
