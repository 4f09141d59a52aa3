#include "sim/channels.hpp"

#include <stdexcept>

#include "sim/call_centre.hpp"
#include "sim/channel.hpp"

namespace provsim::sim {

Channels::Channels(std::size_t line_count, MakeProcess make)
    : make_(std::move(make)), line_busy_(line_count, 0), device_id_wrong_(line_count, 0) {}

Channels::~Channels() = default;

ProspectRecord& Channels::new_prospect(Channel channel, LineId line, ProviderId isp, SimTime now) {
  ProspectRecord& p = prospects_.emplace_back();
  p.index = prospects_.size() - 1;
  p.channel = channel;
  p.line = line;
  p.isp = isp;
  p.arrived = now;
  set_line_busy(line, true);
  set_device_id_wrong(line, false);
  return p;
}

ChannelProcess& Channels::process(Channel channel) {
  auto& process = processes_[channel];
  if (!process) process = make_(channel);
  return *process;
}

void Channels::set_call_centres(std::vector<std::unique_ptr<CsrCallCentre>> centres) {
  call_centres_ = std::move(centres);
}

CsrCallCentre& Channels::call_centre(const std::string& name) {
  for (auto& centre : call_centres_)
    if (centre->name() == name) return *centre;
  throw std::logic_error("no call centre " + name);
}

}  // namespace provsim::sim
