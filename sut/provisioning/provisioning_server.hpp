#pragma once
// The reference provisioning manager (its workflow engine) served over the
// wire protocol: the example a system-under-test author compares against,
// and what the harness's own tests put under test. Planted faults make it
// wrong in named ways, so the tests can prove the harness catches each
// with its verdict.
//
// It serves any of the scenarios it was started with; POST /reset names
// one (and the run's seed) and starts a fresh engine on its catalog and
// provisioning.* settings, drawing its retry jitter as a run's engine does.
// When /reset names the parties' systems (drive mode), every request the
// engine sends is also called there, before the call is answered. Its
// state is durable at every answer, so a platform restart (POST /restart)
// finds it as it was.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sut/http/json_server.hpp"
#include "sut/provisioning/provisioning_json.hpp"

namespace provsim::sut {

enum class ProvisioningFault : std::uint8_t {
  kNone,
  kSkipCompensation,  // undoing a failed order's done tasks is claimed done without asking the parties
  kIgnoreFailure,     // a failed order is reported completed
  kLate,              // every answer comes after a delay
  kWrongTaskOrder,    // every order's stages run last first (a new order opens billing before the network)
};
// "none", "skip-compensation", "ignore-failure", "late", "wrong-task-order";
// nothing for an unknown name.
std::optional<ProvisioningFault> provisioning_fault_named(const std::string& name);

struct ProvisioningServerOptions : ServeOptions {
  ProvisioningFault fault = ProvisioningFault::kNone;
};

class ProvisioningServer : public JsonServer {
 public:
  // Loads the scenarios (bad input throws as load_scenario does).
  explicit ProvisioningServer(ProvisioningServerOptions options);
  ~ProvisioningServer();

 private:
  struct Session;
  Json handle(const std::string& operation, const Json& request);
  Json answer(Session& s, Effects effects, std::optional<OrderId> started, SimTime now);
  void call_parties(Session& s, const Effects& effects);

  ProvisioningServerOptions options_;
  std::map<std::string, std::unique_ptr<sim::Scenario>> scenarios_;
  std::unique_ptr<Session> session_;
};

}  // namespace provsim::sut
