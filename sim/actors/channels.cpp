// The channel registry: one line per channel.

#include <stdexcept>

#include "sim/channel.hpp"

namespace provsim::sim {

std::unique_ptr<ChannelProcess> make_web_channel(const RunContext& context);
std::unique_ptr<ChannelProcess> make_client_software_channel(const RunContext& context, Channels& channels);
std::unique_ptr<ChannelProcess> make_isp_csr_channel(const RunContext& context, Channels& channels);
std::unique_ptr<ChannelProcess> make_np_csr_channel(const RunContext& context, Channels& channels);

std::unique_ptr<ChannelProcess> make_channel(Channel channel, const RunContext& context, Channels& channels) {
  switch (channel) {
    case Channel::kIspWeb: return make_web_channel(context);
    case Channel::kClientSoftware: return make_client_software_channel(context, channels);
    case Channel::kIspCsr: return make_isp_csr_channel(context, channels);
    case Channel::kNpCsr: return make_np_csr_channel(context, channels);
  }
  throw std::logic_error("channel not available: " + std::string(to_string(channel)));
}

}  // namespace provsim::sim
