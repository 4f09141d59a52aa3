#include "sim/call_centre.hpp"

#include <simgrid/s4u/Engine.hpp>

#include "sim/channels.hpp"
#include "sim/records.hpp"
#include "sim/run_context.hpp"
#include "sim/sim_clock.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

}  // namespace

CsrCallCentre::CsrCallCentre(std::string name, Channel channel, bool in_use, CallCentreSettings settings)
    : name_(std::move(name)), channel_(channel), in_use_(in_use), settings_(settings), centre_(settings.agents) {}

std::optional<CallId> CsrCallCentre::wait_for_agent(Rng& rng) {
  const CallCentre::Arrival arrival = centre_.arrive(now());
  if (arrival.answered) return arrival.call;
  auto answered = sg4::Semaphore::create(0);
  waiting_.emplace(arrival.call, answered);
  if (settings_.patience <= 0) {
    answered->acquire();
    return arrival.call;
  }
  const bool timed_out = answered->acquire_timeout(rng.exponential(settings_.patience));
  // An agent may have answered at the very moment the caller's patience
  // ran out: the model says which came first.
  if (timed_out && centre_.abandon(arrival.call, now())) {
    waiting_.erase(arrival.call);
    return std::nullopt;
  }
  return arrival.call;
}

double CsrCallCentre::draw_talk_time(Rng& rng) const {
  return settings_.lognormal ? rng.lognormal(settings_.talk_time, settings_.talk_cv)
                             : rng.exponential(settings_.talk_time);
}

void CsrCallCentre::hang_up(CallId call) {
  const std::optional<CallId> next = centre_.finish(call, now());
  if (!next) return;
  auto it = waiting_.find(*next);
  it->second->release();
  waiting_.erase(it);
}

std::vector<std::unique_ptr<CsrCallCentre>> make_call_centres(const RunContext& context) {
  std::vector<std::unique_ptr<CsrCallCentre>> centres;
  const bool isp_csr = context.options.arrivals.isp_csr_share > 0;
  const CallCentreSettings& isp_settings = context.options.isp_csr;
  for (ProviderId isp : context.catalog.providers_of(ProviderKind::kIsp))
    centres.push_back(std::make_unique<CsrCallCentre>("isp_csr." + context.catalog.provider(isp).code, Channel::kIspCsr,
                                                      isp_csr, isp_settings));
  centres.push_back(std::make_unique<CsrCallCentre>("np_csr", Channel::kNpCsr,
                                                    context.options.arrivals.np_csr_share > 0, context.options.np_csr));
  return centres;
}

void add_call_centre_series(const Channels& channels, Records& records) {
  for (const auto& centre : channels.call_centres()) {
    if (!centre->in_use()) continue;
    const CallCentre& model = centre->model();
    const std::string name = "call_centre." + centre->name();
    records.add_series({name + ".queue", [&model] { return static_cast<double>(model.queue_length()); }});
    records.add_series({name + ".agents_busy", [&model] { return static_cast<double>(model.busy()); }});
    // Waits of the calls answered since the previous sample; sample_now()
    // starts the next interval once the row is taken.
    records.add_series(
        {name + ".interval_answered", [&model] { return static_cast<double>(model.interval_waits().count()); }});
    records.add_series({name + ".wait_mean_s", [&model] { return model.interval_waits().mean(); }});
    records.add_series({name + ".wait_p90_s", [&model] { return model.interval_waits().quantile(0.9); }});
  }
}

}  // namespace provsim::sim
