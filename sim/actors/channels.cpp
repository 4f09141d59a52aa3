// The channel registry: one line per channel.

#include <stdexcept>

#include "sim/channel.hpp"

namespace provsim::sim {

std::unique_ptr<ChannelProcess> make_web_channel(const World& world);
std::unique_ptr<ChannelProcess> make_client_software_channel(const World& world);
std::unique_ptr<ChannelProcess> make_isp_csr_channel(const World& world);
std::unique_ptr<ChannelProcess> make_np_csr_channel(const World& world);

std::unique_ptr<ChannelProcess> make_channel(Channel channel, const World& world) {
  switch (channel) {
    case Channel::kIspWeb: return make_web_channel(world);
    case Channel::kClientSoftware: return make_client_software_channel(world);
    case Channel::kIspCsr: return make_isp_csr_channel(world);
    case Channel::kNpCsr: return make_np_csr_channel(world);
  }
  throw std::logic_error("channel not available: " + std::string(to_string(channel)));
}

}  // namespace provsim::sim
