#pragma once
// The one way the simulation reaches the provisioning manager's workflow
// engine: orders in (from the channels and from the platform itself), the
// parties' answers to its requests, and the passing of time (request
// timeouts, retry back-offs). Each call gives back the engine's Effects:
// the requests to send to the parties, and the orders that ended.
//
// Two kinds of backend sit behind it: the in-process reference (the
// default: a thin pass-through to the model's WorkflowEngine, so runs are
// as fast and their outputs byte-identical to calling the engine directly),
// and the harness of sut/provisioning/, which gives every order and every
// answer to an external provisioning manager as well and compares its order
// states and task plans with the reference's. In drive mode the harness's
// Effects are the external manager's: its requests to the parties and the
// orders it ended.
//
// The reference engine always runs: the provisioned-state store, the
// counts and the journal are its, whatever the backend.

#include <memory>
#include <optional>
#include <string_view>

#include "model/provisioning/workflow_engine.hpp"
#include "sim/scenario/config.hpp"

namespace provsim::sim {

class ProvisioningPort {
 public:
  virtual ~ProvisioningPort() = default;
  // Order intake: the order starts at `now`.
  virtual Effects start(Order order, SimTime now) = 0;
  // A party answered request `request`.
  virtual Effects answer(TaskRequestId request, Outcome outcome, SimTime now, std::string_view detail) = 0;
  // When the engine next needs waking (nothing: no timer pending).
  virtual std::optional<SimTime> next_wakeup() const = 0;
  // Time has come to `now`: what fell due is done.
  virtual Effects advance(SimTime now) = 0;
  // The platform host crashed and the manager restarted at `now` (on the
  // same host or the standby). The reference's state survives a crash (its
  // journal is written before anything it caused leaves), so it has
  // nothing to do; a system under test is told, and rebuilds from what it
  // made durable.
  virtual Effects restarted(SimTime now) = 0;
  // An action carried out before the run (the initial population, loaded
  // in bulk), so the manager's inventory agrees with the parties from time 0.
  virtual void preload(const AppliedAction& done) = 0;
};

// The in-process reference: the model's engine, called directly.
class ReferenceProvisioning : public ProvisioningPort {
 public:
  explicit ReferenceProvisioning(WorkflowEngine& engine) : engine_(engine) {}
  Effects start(Order order, SimTime now) override { return engine_.start(std::move(order), now); }
  Effects answer(TaskRequestId request, Outcome outcome, SimTime now, std::string_view detail) override {
    return engine_.on_response(request, outcome, now, detail);
  }
  std::optional<SimTime> next_wakeup() const override { return engine_.next_wakeup(); }
  Effects advance(SimTime now) override { return engine_.advance(now); }
  Effects restarted(SimTime) override { return {}; }
  void preload(const AppliedAction& done) override { engine_.preload(done); }

 private:
  WorkflowEngine& engine_;
};

// Makes the port a run uses (the harness); none: the reference.
class ProvisioningBackend {
 public:
  virtual ~ProvisioningBackend() = default;
  virtual std::unique_ptr<ProvisioningPort> make(WorkflowEngine& reference) = 0;
};

}  // namespace provsim::sim
