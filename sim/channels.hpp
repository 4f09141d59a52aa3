#pragma once
// The channels of one run: the channel processes (how each channel takes a
// prospect through its steps), the CSR call centres, the prospects who came
// and the state of each line as the channels see it (busy from a prospect's
// arrival until it is disconnected or the prospect ends without service;
// a device id typed wrong at registration).
//
// Owned by the World (sim/world.hpp). The arrivals actor creates prospects
// and their actors run the channel steps; the provisioning manager notes
// each prospect's order; the subscriber lifecycle frees a line when its
// subscriber is disconnected; the metrics actor samples the call centres;
// the results builder reads the prospects at the end.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"
#include "model/provisioning/order.hpp"
#include "sim/prospect.hpp"

namespace provsim::sim {

class ChannelProcess;  // sim/channel.hpp
class CsrCallCentre;   // sim/call_centre.hpp

class Channels {
 public:
  using MakeProcess = std::function<std::unique_ptr<ChannelProcess>(Channel)>;
  // `make` gives a channel's process (sim/actors/channels.cpp, make_channel).
  Channels(std::size_t line_count, MakeProcess make);
  ~Channels();
  Channels(const Channels&) = delete;
  Channels& operator=(const Channels&) = delete;

  // A prospect arrives on `channel` for `line`: his record, kept for the
  // whole run (a deque, so actors can hold references while more arrive).
  ProspectRecord& new_prospect(Channel channel, LineId line, ProviderId isp, SimTime now);
  std::deque<ProspectRecord>& prospects() { return prospects_; }
  const std::deque<ProspectRecord>& prospects() const { return prospects_; }

  // The process of `channel`, made on first use.
  ChannelProcess& process(Channel channel);

  // The CSR call centres (sim/call_centre.hpp), by name: "isp_csr.<isp>", "np_csr".
  void set_call_centres(std::vector<std::unique_ptr<CsrCallCentre>> centres);
  const std::vector<std::unique_ptr<CsrCallCentre>>& call_centres() const { return call_centres_; }
  CsrCallCentre& call_centre(const std::string& name);

  // A line is busy from a prospect's arrival until it is disconnected or the
  // prospect ends without service.
  bool line_in_service(LineId line) const { return line_busy_[line.value()] != 0; }
  void set_line_busy(LineId line, bool busy) { line_busy_[line.value()] = busy ? 1 : 0; }
  // The device id registered for a line was typed wrong (client software
  // that could not read it): the NP will not know the device. The order the
  // prospect submits carries it to the NP. Reset when a new prospect arrives
  // on the line.
  bool device_id_wrong(LineId line) const { return device_id_wrong_[line.value()] != 0; }
  void set_device_id_wrong(LineId line, bool wrong) { device_id_wrong_[line.value()] = wrong ? 1 : 0; }

 private:
  MakeProcess make_;
  std::deque<ProspectRecord> prospects_;
  std::map<Channel, std::unique_ptr<ChannelProcess>> processes_;
  std::vector<std::unique_ptr<CsrCallCentre>> call_centres_;
  std::vector<std::uint8_t> line_busy_;
  std::vector<std::uint8_t> device_id_wrong_;
};

}  // namespace provsim::sim
