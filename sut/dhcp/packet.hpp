#pragma once
// DHCPv4 messages (RFC 2131 section 2, options from RFC 2132, the relay
// agent information option from RFC 3046): the fixed BOOTP header, the magic
// cookie, and the options provsim sends or reads. Encoding writes exactly the
// RFC layout; decoding checks every length against the buffer before it
// reads, so a short, truncated or inconsistent datagram is rejected with a
// reason and never read past its end.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sut/dhcp/ipv4.hpp"

namespace provsim::dhcp {

// Option 53 values (RFC 2132 section 9.6).
enum class MessageType : std::uint8_t {
  kDiscover = 1,
  kOffer = 2,
  kRequest = 3,
  kDecline = 4,
  kAck = 5,
  kNak = 6,
  kRelease = 7,
  kInform = 8,
};
const char* message_type_name(MessageType type);

// The option codes the codec knows.
namespace option {
inline constexpr std::uint8_t kPad = 0;
inline constexpr std::uint8_t kRequestedAddress = 50;
inline constexpr std::uint8_t kLeaseTime = 51;
inline constexpr std::uint8_t kOverload = 52;
inline constexpr std::uint8_t kMessageType = 53;
inline constexpr std::uint8_t kServerId = 54;
inline constexpr std::uint8_t kParameterList = 55;
inline constexpr std::uint8_t kRenewalTime = 58;
inline constexpr std::uint8_t kRebindingTime = 59;
inline constexpr std::uint8_t kClientId = 61;
inline constexpr std::uint8_t kRelayAgentInfo = 82;
inline constexpr std::uint8_t kEnd = 255;
}  // namespace option

inline constexpr std::uint8_t kBootRequest = 1;
inline constexpr std::uint8_t kBootReply = 2;
inline constexpr std::size_t kHeaderSize = 236;     // op .. file
inline constexpr std::size_t kMinimumSize = 240;    // header + magic cookie
inline constexpr std::size_t kBootpMinimum = 300;   // what encode() pads to (RFC 1542 section 2.1)
inline constexpr std::uint16_t kBroadcastFlag = 0x8000;

struct Packet {
  std::uint8_t op = kBootRequest;
  std::uint8_t htype = 1;  // Ethernet
  std::uint8_t hlen = 6;
  std::uint8_t hops = 0;
  std::uint32_t xid = 0;
  std::uint16_t secs = 0;
  std::uint16_t flags = 0;
  Ipv4 ciaddr = 0;
  Ipv4 yiaddr = 0;
  Ipv4 siaddr = 0;
  Ipv4 giaddr = 0;
  std::array<std::uint8_t, 16> chaddr{};  // the first hlen bytes are the hardware address

  // Options. Absent ones are not written.
  std::optional<MessageType> type;                  // 53 (required in DHCP)
  std::optional<Ipv4> requested_address;            // 50
  std::optional<std::uint32_t> lease_time;          // 51, seconds
  std::optional<Ipv4> server_id;                    // 54
  std::vector<std::uint8_t> parameter_list;         // 55 (written if not empty)
  std::optional<std::uint32_t> renewal_time;        // 58, T1 seconds
  std::optional<std::uint32_t> rebinding_time;      // 59, T2 seconds
  std::vector<std::uint8_t> client_id;              // 61: type byte + identifier (written if not empty)
  std::vector<std::uint8_t> relay_agent_info;       // 82: its sub-options, raw (written if not empty)
};

// The datagram for `packet`: header, cookie, options in the order 53, 61,
// 50, 54, 51, 58, 59, 55, 82 (82 last, as a relay agent appends it), end,
// then pad options up to 300 bytes. Throws std::invalid_argument if an
// option is longer than 255 bytes, hlen > 16, or the type is missing.
std::vector<std::uint8_t> encode(const Packet& packet);

struct DecodeResult {
  std::optional<Packet> packet;  // set when the datagram is a well-formed DHCP message
  std::string error;             // why not, otherwise
};

// Rejects: fewer than 240 bytes; a wrong magic cookie; hlen > 16; an option
// whose length runs past the buffer; no end option; a missing or invalid
// message type; a fixed-size option (50, 51, 53, 54, 58, 59) of the wrong
// length or given twice; option overloading (52: sname/file are not read).
// Unknown options are skipped by their length.
DecodeResult decode(std::span<const std::uint8_t> datagram);

// A client identifier (option 61) of type 0 (RFC 2132 section 9.14: not a
// hardware address) holding `text`, and the 6-byte hardware address derived
// from a number (a locally administered unicast MAC, 02:..).
std::vector<std::uint8_t> text_client_id(const std::string& text);
std::array<std::uint8_t, 16> local_mac(std::uint64_t number);

}  // namespace provsim::dhcp
