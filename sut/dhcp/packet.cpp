#include "sut/dhcp/packet.hpp"

#include <stdexcept>

namespace provsim::dhcp {
namespace {

constexpr std::uint8_t kCookie[4] = {99, 130, 83, 99};  // RFC 2131 section 3

void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::uint32_t get32(std::span<const std::uint8_t> in, std::size_t at) {
  return (std::uint32_t{in[at]} << 24) | (std::uint32_t{in[at + 1]} << 16) | (std::uint32_t{in[at + 2]} << 8) |
         std::uint32_t{in[at + 3]};
}

void put_option(std::vector<std::uint8_t>& out, std::uint8_t code, std::span<const std::uint8_t> data) {
  if (data.size() > 255) throw std::invalid_argument("DHCP option " + std::to_string(code) + " longer than 255 bytes");
  out.push_back(code);
  out.push_back(static_cast<std::uint8_t>(data.size()));
  out.insert(out.end(), data.begin(), data.end());
}

void put_option32(std::vector<std::uint8_t>& out, std::uint8_t code, std::optional<std::uint32_t> value) {
  if (!value) return;
  const std::uint8_t bytes[4] = {static_cast<std::uint8_t>(*value >> 24), static_cast<std::uint8_t>(*value >> 16),
                                 static_cast<std::uint8_t>(*value >> 8), static_cast<std::uint8_t>(*value)};
  put_option(out, code, bytes);
}

// Reads one fixed 4-byte option into `slot`; false (with `error`) if it is
// the wrong length or seen twice.
bool take32(std::optional<std::uint32_t>& slot, std::span<const std::uint8_t> data, std::uint8_t code,
            std::string& error) {
  if (data.size() != 4) {
    error = "option " + std::to_string(code) + " has length " + std::to_string(data.size()) + ", expected 4";
    return false;
  }
  if (slot) {
    error = "option " + std::to_string(code) + " given twice";
    return false;
  }
  slot = get32(data, 0);
  return true;
}

// Fills the options of `p` from `options` (the bytes after the cookie).
bool read_options(std::span<const std::uint8_t> options, Packet& p, std::string& error) {
  std::size_t i = 0;
  while (true) {
    if (i >= options.size()) {
      error = "no end option";
      return false;
    }
    const std::uint8_t code = options[i];
    if (code == option::kEnd) return true;
    if (code == option::kPad) {
      ++i;
      continue;
    }
    if (i + 1 >= options.size()) {
      error = "option " + std::to_string(code) + " has no length byte";
      return false;
    }
    const std::size_t length = options[i + 1];
    if (i + 2 + length > options.size()) {
      error = "option " + std::to_string(code) + " of length " + std::to_string(length) + " runs past the end";
      return false;
    }
    const std::span<const std::uint8_t> data = options.subspan(i + 2, length);
    i += 2 + length;
    bool ok = true;
    switch (code) {
      case option::kMessageType:
        if (data.size() != 1 || data[0] < 1 || data[0] > 8 || p.type) {
          error = "bad or repeated message type option";
          return false;
        }
        p.type = static_cast<MessageType>(data[0]);
        break;
      case option::kRequestedAddress: ok = take32(p.requested_address, data, code, error); break;
      case option::kLeaseTime: ok = take32(p.lease_time, data, code, error); break;
      case option::kServerId: ok = take32(p.server_id, data, code, error); break;
      case option::kRenewalTime: ok = take32(p.renewal_time, data, code, error); break;
      case option::kRebindingTime: ok = take32(p.rebinding_time, data, code, error); break;
      // Variable options given more than once are concatenated (RFC 3396).
      case option::kParameterList: p.parameter_list.insert(p.parameter_list.end(), data.begin(), data.end()); break;
      case option::kClientId: p.client_id.insert(p.client_id.end(), data.begin(), data.end()); break;
      case option::kRelayAgentInfo:
        p.relay_agent_info.insert(p.relay_agent_info.end(), data.begin(), data.end());
        break;
      case option::kOverload:
        error = "option overload (52) is not supported";
        return false;
      default: break;  // not ours: skipped
    }
    if (!ok) return false;
  }
}

}  // namespace

const char* message_type_name(MessageType type) {
  switch (type) {
    case MessageType::kDiscover: return "DHCPDISCOVER";
    case MessageType::kOffer: return "DHCPOFFER";
    case MessageType::kRequest: return "DHCPREQUEST";
    case MessageType::kDecline: return "DHCPDECLINE";
    case MessageType::kAck: return "DHCPACK";
    case MessageType::kNak: return "DHCPNAK";
    case MessageType::kRelease: return "DHCPRELEASE";
    case MessageType::kInform: return "DHCPINFORM";
  }
  return "DHCP?";
}

std::vector<std::uint8_t> encode(const Packet& p) {
  if (p.hlen > 16) throw std::invalid_argument("DHCP hlen over 16");
  if (!p.type) throw std::invalid_argument("DHCP message without a message type");
  std::vector<std::uint8_t> out;
  out.reserve(kBootpMinimum);
  out.push_back(p.op);
  out.push_back(p.htype);
  out.push_back(p.hlen);
  out.push_back(p.hops);
  put32(out, p.xid);
  put16(out, p.secs);
  put16(out, p.flags);
  put32(out, p.ciaddr);
  put32(out, p.yiaddr);
  put32(out, p.siaddr);
  put32(out, p.giaddr);
  out.insert(out.end(), p.chaddr.begin(), p.chaddr.end());
  out.resize(kHeaderSize, 0);  // sname (64) and file (128): empty
  out.insert(out.end(), std::begin(kCookie), std::end(kCookie));
  const std::uint8_t type = static_cast<std::uint8_t>(*p.type);
  put_option(out, option::kMessageType, std::span<const std::uint8_t>(&type, 1));
  if (!p.client_id.empty()) put_option(out, option::kClientId, p.client_id);
  put_option32(out, option::kRequestedAddress, p.requested_address);
  put_option32(out, option::kServerId, p.server_id);
  put_option32(out, option::kLeaseTime, p.lease_time);
  put_option32(out, option::kRenewalTime, p.renewal_time);
  put_option32(out, option::kRebindingTime, p.rebinding_time);
  if (!p.parameter_list.empty()) put_option(out, option::kParameterList, p.parameter_list);
  if (!p.relay_agent_info.empty()) put_option(out, option::kRelayAgentInfo, p.relay_agent_info);
  out.push_back(option::kEnd);
  if (out.size() < kBootpMinimum) out.resize(kBootpMinimum, option::kPad);
  return out;
}

DecodeResult decode(std::span<const std::uint8_t> d) {
  DecodeResult r;
  if (d.size() < kMinimumSize) {
    r.error = "datagram of " + std::to_string(d.size()) + " bytes, shorter than 240";
    return r;
  }
  for (std::size_t k = 0; k < 4; ++k)
    if (d[kHeaderSize + k] != kCookie[k]) {
      r.error = "no DHCP magic cookie";
      return r;
    }
  Packet p;
  p.op = d[0];
  p.htype = d[1];
  p.hlen = d[2];
  p.hops = d[3];
  if (p.op != kBootRequest && p.op != kBootReply) {
    r.error = "op " + std::to_string(p.op) + " is neither BOOTREQUEST nor BOOTREPLY";
    return r;
  }
  if (p.hlen > 16) {
    r.error = "hlen " + std::to_string(p.hlen) + " over 16";
    return r;
  }
  p.xid = get32(d, 4);
  p.secs = static_cast<std::uint16_t>((d[8] << 8) | d[9]);
  p.flags = static_cast<std::uint16_t>((d[10] << 8) | d[11]);
  p.ciaddr = get32(d, 12);
  p.yiaddr = get32(d, 16);
  p.siaddr = get32(d, 20);
  p.giaddr = get32(d, 24);
  for (std::size_t k = 0; k < 16; ++k) p.chaddr[k] = d[28 + k];
  if (!read_options(d.subspan(kMinimumSize), p, r.error)) return r;
  if (!p.type) {
    r.error = "no message type option (a BOOTP message, not DHCP)";
    return r;
  }
  r.packet = std::move(p);
  return r;
}

std::vector<std::uint8_t> text_client_id(const std::string& text) {
  std::vector<std::uint8_t> id(text.size() + 1, 0);  // type 0, then the text
  for (std::size_t i = 0; i < text.size(); ++i) id[i + 1] = static_cast<std::uint8_t>(text[i]);
  return id;
}

std::array<std::uint8_t, 16> local_mac(std::uint64_t number) {
  std::array<std::uint8_t, 16> mac{};
  mac[0] = 0x02;  // locally administered, unicast
  for (int k = 0; k < 5; ++k) mac[static_cast<std::size_t>(5 - k)] = static_cast<std::uint8_t>(number >> (8 * k));
  return mac;
}

}  // namespace provsim::dhcp
