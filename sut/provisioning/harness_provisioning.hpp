#pragma once
// The provisioning manager under test: a ProvisioningPort that gives every
// order, every party answer and every passing of time to an external
// system over the wire protocol and to the in-process reference engine,
// compares what each did (the order state changes: order_state; the
// requests to the parties, their compensations and retries: task_plan)
// and records every divergence.
//
// Shadow mode: the reference's requests go to the simulated parties and
// their answers come back to both. The system's request that matches a
// reference request (same order, party, action, offerings, attempt) gets
// that request's answer under the system's own id; a request of the system
// that matches none is a task_plan divergence and is never answered, as a
// party that never heard of it would not answer.
//
// Drive mode: the system calls the parties' systems itself, at the desk
// the harness serves (party_desk.hpp), while it handles a call; those
// requests go to the simulated parties, and the system's completed, failed
// and cancelled orders end the orders. A reference request with the same
// signature as one of the system's gets the same answer; one with none is
// never answered. When the system gives no usable answer, the reference's
// requests and ended orders stand in for that call.
//
// Before the first order the initial population's inventory goes to the
// system in one POST /serviceInventory, so both start from the same
// provisioned state.

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/provisioning_port.hpp"
#include "sut/http/divergence_log.hpp"
#include "sut/http/harness_options.hpp"
#include "sut/http/sut_client.hpp"
#include "sut/provisioning/party_desk.hpp"
#include "sut/provisioning/provisioning_json.hpp"

namespace provsim::sut {

class ProvisioningHarness : public sim::ProvisioningBackend {
 public:
  ProvisioningHarness(const Catalog& catalog, HarnessOptions options);
  ~ProvisioningHarness() override;

  // Asks the system to start afresh for `scenario`; false (with `problem`)
  // when it cannot be reached or refuses. Call before the run. In drive
  // mode it first opens the parties' desk and tells the system where.
  bool reset(const std::string& scenario, std::uint64_t seed, std::string& problem);

  std::unique_ptr<sim::ProvisioningPort> make(WorkflowEngine& reference) override;

  const DivergenceLog& divergences() const { return log_; }

 private:
  ProvisioningJson json_;
  HarnessOptions options_;
  SutClient client_;
  DivergenceLog log_;
  std::unique_ptr<PartyDesk> desk_;  // drive mode only
};

}  // namespace provsim::sut
