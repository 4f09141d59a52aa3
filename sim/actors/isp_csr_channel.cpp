// The ISP CSR channel: the prospect calls his chosen ISP's
// call centre (one per ISP, channel.isp_csr.agents agents each) and an agent
// qualifies and registers him; see csr_channel.hpp for the conversation.

#include "sim/actors/csr_channel.hpp"
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

class IspCsrChannel final : public CsrChannel {
 public:
  Channel channel() const override { return Channel::kIspCsr; }
  simgrid::s4u::Host* host(const World& world, ProviderId isp) const override { return world.hosts.host_of(isp); }

 protected:
  CsrCallCentre& centre(World& world, const ProspectRecord& p) override {
    return world.channels().call_centre("isp_csr." + world.catalog.provider(p.isp).code);
  }
};

}  // namespace

std::unique_ptr<ChannelProcess> make_isp_csr_channel(const World&) { return std::make_unique<IspCsrChannel>(); }

}  // namespace provsim::sim
