// The ISP CSR channel: the prospect calls his chosen ISP's
// call centre (one per ISP, channel.isp_csr.agents agents each) and an agent
// qualifies and registers him; see csr_channel.hpp for the conversation.

#include "sim/actors/csr_channel.hpp"
#include "sim/channels.hpp"
#include "sim/run_context.hpp"

namespace provsim::sim {
namespace {

class IspCsrChannel final : public CsrChannel {
 public:
  IspCsrChannel(const RunContext& context, Channels& channels) : context_(context), channels_(channels) {}
  Channel channel() const override { return Channel::kIspCsr; }
  simgrid::s4u::Host* host(ProviderId isp) const override { return context_.hosts.host_of(isp); }

 protected:
  CsrCallCentre& centre(const ProspectRecord& p) override {
    return channels_.call_centre("isp_csr." + context_.catalog.provider(p.isp).code);
  }

 private:
  const RunContext& context_;
  Channels& channels_;  // its call centres
};

}  // namespace

std::unique_ptr<ChannelProcess> make_isp_csr_channel(const RunContext& context, Channels& channels) {
  return std::make_unique<IspCsrChannel>(context, channels);
}

}  // namespace provsim::sim
