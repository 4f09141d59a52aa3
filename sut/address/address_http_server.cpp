#include "sut/address/address_http_server.hpp"

#include <iterator>
#include <stdexcept>

#include "sim/address_port.hpp"

namespace provsim::sut {
namespace {

// The most subscribers a served server keeps state for: it sizes its
// per-subscriber array by the largest number it has seen, and a request
// must not make it take gigabytes.
constexpr std::uint32_t kMaxSubscriber = 1u << 24;

const char* const kOperations[] = {"reset",   "bind",   "unbind", "lease",   "renew",
                                   "release", "vanish", "forget", "advance", "complete"};

}  // namespace

std::optional<AddressFault> address_fault_named(const std::string& name) {
  if (name == "none") return AddressFault::kNone;
  if (name == "double-allocation") return AddressFault::kDoubleAllocation;
  if (name == "late") return AddressFault::kLate;
  if (name == "ignore-release") return AddressFault::kIgnoreRelease;
  return std::nullopt;
}

// One run's server, made by POST /reset as World makes the run's own.
struct AddressHttpServer::Session {
  Session(const sim::Scenario& s, std::uint64_t seed)
      : scenario(s),
        server(s.addresses, s.options.addresses.server, Rng::stream(seed, "addresses")),
        json(s.catalog, server) {}
  const sim::Scenario& scenario;
  AddressServer server;
  AddressJson json;
  SubscriberId last_granted;  // for the double-allocation fault
};

AddressHttpServer::AddressHttpServer(AddressServerOptions options)
    : JsonServer("address", {std::begin(kOperations), std::end(kOperations)}, options,
                 options.fault == AddressFault::kLate,
                 [this](const std::string& operation, const Json& request) { return handle(operation, request); }),
      options_(std::move(options)) {
  for (const auto& dir : options_.scenarios) scenarios_[served_name(dir)] = sim::load_scenario(dir);
}

AddressHttpServer::~AddressHttpServer() = default;

Json AddressHttpServer::lease(Session& s, SubscriberId who, SimTime now) {
  const LeaseReply r = s.server.lease(who, now);
  Json answer{{"outcome", to_string(r.status)}};
  if (r.status == LeaseStatus::kGranted) {
    answer["address"] = s.json.address_of(who);
    answer["pool"] = s.json.pool_name(s.server.lease_of(who)->first);
    if (options_.fault == AddressFault::kDoubleAllocation && s.last_granted.valid() && s.last_granted != who) {
      const std::string taken = s.json.address_of(s.last_granted);
      if (!taken.empty()) answer["address"] = taken;
    }
    s.last_granted = who;
  }
  return answer;
}

Json AddressHttpServer::handle(const std::string& operation, const Json& request) {
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
  AddressServer& server = s.server;
  const auto who = [&] {
    const SubscriberId id = s.json.subscriber(request);
    if (id.value() >= kMaxSubscriber) throw ProtocolError("field 'subscriber': beyond what this server keeps");
    return id;
  };
  Json answer = Json::object();
  if (operation == "bind") {
    const std::string region = request.contains("region") ? text(request, "region") : std::string();
    answer["status"] = to_string(server.bind(who(), s.json.isp(request), region, now));
  } else if (operation == "unbind") {
    answer["done"] = server.unbind(who(), now);
  } else if (operation == "lease") {
    answer = lease(s, who(), now);
  } else if (operation == "renew") {
    answer["done"] = server.renew(who(), now);
  } else if (operation == "release") {
    const SubscriberId id = who();
    answer["done"] =
        options_.fault == AddressFault::kIgnoreRelease ? server.lease_of(id).has_value() : server.release(id, now);
  } else if (operation == "vanish") {
    answer["done"] = server.vanish(who(), now);
  } else if (operation == "forget") {
    const double probation = number(request, "probation");
    if (!(probation >= 0 && probation <= 1e9)) throw ProtocolError("field 'probation': out of range");
    answer["done"] = server.forget(who(), now, probation);
  } else if (operation == "advance") {
    server.advance(now);
  } else {  // complete
    const std::uint64_t id = count(request, "request");
    if (id >= RequestId::kInvalid) throw ProtocolError("field 'request': out of range");
    server.complete(RequestId(static_cast<RequestId::rep>(id)), now);
  }
  answer["effects"] = s.json.effects(server.effects());
  server.clear_effects();
  return answer;
}

}  // namespace provsim::sut
