#pragma once
// A CSR call centre in the simulation: the pure queue and
// agents of model/call_centre driven from prospects' actors. A caller who
// finds every agent busy blocks on his own semaphore until an agent answers
// him (the agent who hangs up releases it) or until his patience runs out
// (exponential; he hangs up). The model is the one judge of who was
// answered, so a patience running out at the moment of an answer is not an
// abandonment.
//
// Talk time (exponential or log-normal with the scenario's mean) is drawn
// when the agent answers; the channel spends it in parts around the
// platform's requests while the agent stays on the line (see
// sim/actors/csr_channel.hpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <simgrid/s4u/Semaphore.hpp>

#include "model/call_centre/call_centre.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/order.hpp"
#include "sim/scenario/run_options.hpp"

namespace provsim::sim {

class Channels;
class RunContext;
class Records;

class CsrCallCentre {
 public:
  CsrCallCentre(std::string name, Channel channel, bool in_use, CallCentreSettings settings);

  // The caller joins the line and waits for an agent, at most his patience
  // (drawn from `rng`). Nothing if he hung up first.
  std::optional<CallId> wait_for_agent(Rng& rng);
  double draw_talk_time(Rng& rng) const;
  // The agent on `call` is free again and answers the next caller in line.
  void hang_up(CallId call);

  const std::string& name() const { return name_; }
  Channel channel() const { return channel_; }
  bool in_use() const { return in_use_; }  // its channel has a share of the arrivals
  const CallCentreSettings& settings() const { return settings_; }
  const CallCentre& model() const { return centre_; }
  // The metrics sampler took its sample: waits count afresh.
  void start_wait_interval() { centre_.start_interval(); }

 private:
  std::string name_;
  Channel channel_;
  bool in_use_;
  CallCentreSettings settings_;
  CallCentre centre_;
  std::unordered_map<CallId, simgrid::s4u::SemaphorePtr> waiting_;
};

// One call centre per ISP for the ISP CSR channel ("isp_csr.<isp>") and one
// at the network provider ("np_csr").
std::vector<std::unique_ptr<CsrCallCentre>> make_call_centres(const RunContext& context);

// Of every call centre in use, as columns of metrics.csv: queue length and
// busy agents at each sample; the calls answered in the interval up to the
// sample (interval_answered) and their mean and 90th percentile wait, zero
// waits included (wait_mean_s, wait_p90_s; NaN when none was answered).
void add_call_centre_series(const Channels& channels, Records& records);

}  // namespace provsim::sim
