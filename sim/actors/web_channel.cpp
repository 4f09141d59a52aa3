// The ISP web systems channel: a prospect fills in three
// forms on the ISP's portal (location, offer, registration). Each step takes
// an exponential time and may be abandoned; the give-up reason names the
// step (location, offer, registration).

#include "sim/channel.hpp"
#include "sim/run_context.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

class WebChannel final : public ChannelProcess {
 public:
  WebChannel(const Platform& hosts, const WebChannelOptions& options)
      : hosts_(hosts), form_{options.form.step_time, options.form.abandon_per_step} {}

  Channel channel() const override { return Channel::kIspWeb; }
  sg4::Host* host(ProviderId isp) const override { return hosts_.host_of(isp); }

  StepResult enter_location(ProspectRecord&, Rng& rng) override { return form_.take(rng, "location"); }
  StepResult choose_offer(ProspectRecord&, Rng& rng) override { return form_.take(rng, "offer"); }
  StepResult enter_registration(ProspectRecord&, Rng& rng) override { return form_.take(rng, "registration"); }

 private:
  const Platform& hosts_;
  FormStep form_;
};

}  // namespace

std::unique_ptr<ChannelProcess> make_web_channel(const RunContext& context) {
  return std::make_unique<WebChannel>(context.hosts, context.options.web);
}

}  // namespace provsim::sim
