#include "sut/provisioning/provisioning_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <iterator>

#include "model/core/random.hpp"
#include "sim/provisioning_port.hpp"
#include "sut/http/sut_client.hpp"

namespace provsim::sut {
namespace {

// The most subscribers a served engine keeps state for: its inventory is
// dense by subscriber number, and a request must not make it take
// gigabytes.
constexpr std::uint32_t kMaxSubscriber = 1u << 24;

const char* const kOperations[] = {"reset", "serviceInventory", "serviceOrder", "taskAnswer", "advance", "restart"};

void check_subscriber(SubscriberId who) {
  if (who.value() >= kMaxSubscriber) throw ProtocolError("field 'subscriber': beyond what this server keeps");
}

// The wrong-task-order fault: an order's stages run last first.
void reverse_stages(TaskPlan& plan) {
  if (plan.tasks.empty()) return;
  const std::uint8_t last = plan.tasks.back().stage;
  for (TaskSpec& t : plan.tasks) t.stage = static_cast<std::uint8_t>(last - t.stage);
  std::stable_sort(plan.tasks.begin(), plan.tasks.end(),
                   [](const TaskSpec& a, const TaskSpec& b) { return a.stage < b.stage; });
}

EngineConfig engine_config(const sim::Scenario& s, ProvisioningFault fault) {
  EngineConfig config = s.options.workflow;
  if (fault == ProvisioningFault::kWrongTaskOrder) config.reshape_plan = reverse_stages;
  return config;
}

}  // namespace

std::optional<ProvisioningFault> provisioning_fault_named(const std::string& name) {
  if (name == "none") return ProvisioningFault::kNone;
  if (name == "skip-compensation") return ProvisioningFault::kSkipCompensation;
  if (name == "ignore-failure") return ProvisioningFault::kIgnoreFailure;
  if (name == "late") return ProvisioningFault::kLate;
  if (name == "wrong-task-order") return ProvisioningFault::kWrongTaskOrder;
  return std::nullopt;
}

// One run's engine, made by POST /reset as World makes the run's own.
struct ProvisioningServer::Session {
  Session(const sim::Scenario& s, std::uint64_t seed, ProvisioningFault fault)
      : rng(Rng::stream(seed, "workflow")), engine(s.catalog, engine_config(s, fault), rng), json(s.catalog) {}
  Rng rng;
  WorkflowEngine engine;
  ProvisioningJson json;
  std::unique_ptr<httplib::Client> parties;  // drive mode: where the parties' systems are
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
  call_parties(s, effects);
  Json out = s.json.effects(effects, started);
  const std::optional<SimTime> wakeup = s.engine.next_wakeup();
  out["nextWakeup"] = wakeup ? Json(*wakeup) : Json(nullptr);
  return out;
}

// Drive mode: each request goes to its party's system, in the order the
// engine sent them, before the call is answered (the harness takes party
// calls only while it waits for the answer).
void ProvisioningServer::call_parties(Session& s, const Effects& effects) {
  if (!s.parties) return;
  for (const Request& r : effects.requests) {
    const std::string path =
        "/party/" + std::string(ProvisioningJson::adapter_name(r.adapter)) + "/" + s.json.party_path(r) + "/request";
    const Json call = s.json.party_call(r);
    const httplib::Result result = s.parties->Post(path, call.dump(), "application/json");
    if (result)
      log_exchange("party/{adapter}/{party}/request", result->status, call, Json::parse(result->body, nullptr, false));
    if (!result || result->status != 202)
      throw ProtocolError("the parties' systems did not take " + path + ": " +
                          (result ? "HTTP " + std::to_string(result->status) + " " + result->body
                                  : httplib::to_string(result.error())));
  }
}

Json ProvisioningServer::handle(const std::string& operation, const Json& request) {
  const SimTime now = simulated_now(request);
  if (operation == "reset") {
    const std::string name = text(request, "scenario");
    const auto it = scenarios_.find(name);
    if (it == scenarios_.end()) throw ProtocolError("this server does not serve the scenario '" + name + "'");
    std::unique_ptr<httplib::Client> parties;
    if (request.contains("parties")) {
      SutAddress where;
      try {
        where = SutAddress::parse(text(request, "parties"));
      } catch (const std::invalid_argument& e) {
        throw ProtocolError(std::string("field 'parties': ") + e.what());
      }
      parties = std::make_unique<httplib::Client>(where.host, where.port);
      // One connection per call: a kept-alive one would hold the harness's
      // desk open for its idle timeout when the run ends.
      parties->set_keep_alive(false);
      parties->set_tcp_nodelay(true);
      parties->set_connection_timeout(5);
      parties->set_read_timeout(5);
    }
    session_.reset();
    session_ = std::make_unique<Session>(*it->second, count(request, "seed"), options_.fault);
    session_->parties = std::move(parties);
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
  // The platform restarted after a crash: the engine's state is what it
  // was (it is durable at every answer), so only what fell due meanwhile
  // waits, for the /advance that follows.
  if (operation == "restart") return answer(s, Effects{}, std::nullopt, now);
  return answer(s, s.engine.advance(now), std::nullopt, now);  // advance
}

}  // namespace provsim::sut
