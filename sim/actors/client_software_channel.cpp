// The ISP client software channel: the prospect installs the
// ISP's software on his PC, which then walks him through the same three
// steps as the web forms. The install can fail: the prospect is lost
// (install_failed). At registration the software reads the modem's device
// id itself when it can; when it cannot, the subscriber types it and may get
// it wrong, and the NP's device provisioning system then does not know the
// device: the order fails at activation with unknown_device.

#include <simgrid/s4u/Actor.hpp>

#include "sim/channel.hpp"
#include "sim/channels.hpp"
#include "sim/run_context.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

class ClientSoftwareChannel final : public ChannelProcess {
 public:
  ClientSoftwareChannel(const Platform& hosts, Channels& channels, const ClientChannelOptions& o)
      : hosts_(hosts),
        channels_(channels),
        install_time_(o.install_time),
        install_failure_(o.install_failure),
        form_{o.form.step_time, o.form.abandon_per_step},
        reads_device_(o.reads_device),
        typo_(o.device_typo) {}

  Channel channel() const override { return Channel::kClientSoftware; }
  // The software talks to the ISP's systems; the conversation runs there.
  sg4::Host* host(ProviderId isp) const override { return hosts_.host_of(isp); }

  StepResult enter_location(ProspectRecord&, Rng& rng) override {
    sg4::this_actor::sleep_for(rng.exponential(install_time_));
    if (rng.bernoulli(install_failure_)) return StepResult::give_up("install_failed");
    return form_.take(rng, "location");
  }
  StepResult choose_offer(ProspectRecord&, Rng& rng) override { return form_.take(rng, "offer"); }
  StepResult enter_registration(ProspectRecord& p, Rng& rng) override {
    const bool typed = !rng.bernoulli(reads_device_);
    channels_.set_device_id_wrong(p.line, typed && rng.bernoulli(typo_));
    return form_.take(rng, "registration");
  }

 private:
  const Platform& hosts_;
  Channels& channels_;  // the device id typed wrong
  double install_time_;
  double install_failure_;
  FormStep form_;  // the same three forms as on the web
  double reads_device_;
  double typo_;
};

}  // namespace

std::unique_ptr<ChannelProcess> make_client_software_channel(const RunContext& context, Channels& channels) {
  return std::make_unique<ClientSoftwareChannel>(context.hosts, channels, context.options.client);
}

}  // namespace provsim::sim
