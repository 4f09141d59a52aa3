// The ISP web systems channel: a prospect fills in three
// forms on the ISP's portal (location, offer, registration). Each step takes
// an exponential time and may be abandoned; the give-up reason names the
// step (location, offer, registration).

#include "sim/channel.hpp"
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

class WebChannel final : public ChannelProcess {
 public:
  explicit WebChannel(const WebChannelOptions& options) : form_{options.form.step_time, options.form.abandon_per_step} {}

  Channel channel() const override { return Channel::kIspWeb; }
  sg4::Host* host(const World& world, ProviderId isp) const override { return world.hosts.host_of(isp); }

  StepResult enter_location(World&, ProspectRecord&, Rng& rng) override { return form_.take(rng, "location"); }
  StepResult choose_offer(World&, ProspectRecord&, Rng& rng) override { return form_.take(rng, "offer"); }
  StepResult enter_registration(World&, ProspectRecord&, Rng& rng) override { return form_.take(rng, "registration"); }

 private:
  FormStep form_;
};

}  // namespace

std::unique_ptr<ChannelProcess> make_web_channel(const World& world) { return std::make_unique<WebChannel>(world.options.web); }

}  // namespace provsim::sim
