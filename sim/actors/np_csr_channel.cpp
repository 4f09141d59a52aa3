// The network provider's CSR channel (registration): the prospect
// calls the NP, whose agent qualifies and registers him on behalf of the ISP
// he chose. The order starts at the NP, so the platform asks that ISP to
// accept the subscriber (an account request marked as an NP referral, see
// actors/account_system.cpp): the ISP may refuse (isp_refused) or not answer
// within channel.np_csr.isp_timeout (isp_no_answer). The conversation with
// the agent is the one of csr_channel.hpp, at the NP's single call centre.

#include "sim/actors/csr_channel.hpp"
#include "sim/channels.hpp"
#include "sim/run_context.hpp"

namespace provsim::sim {
namespace {

class NpCsrChannel final : public CsrChannel {
 public:
  NpCsrChannel(const RunContext& context, Channels& channels) : context_(context), channels_(channels) {}
  Channel channel() const override { return Channel::kNpCsr; }
  simgrid::s4u::Host* host(ProviderId) const override {
    return context_.hosts.host_of(context_.catalog.network_provider());
  }

 protected:
  CsrCallCentre& centre(const ProspectRecord&) override { return channels_.call_centre("np_csr"); }

 private:
  const RunContext& context_;
  Channels& channels_;  // its call centre
};

}  // namespace

std::unique_ptr<ChannelProcess> make_np_csr_channel(const RunContext& context, Channels& channels) {
  return std::make_unique<NpCsrChannel>(context, channels);
}

}  // namespace provsim::sim
