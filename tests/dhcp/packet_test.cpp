// DHCPv4 packets against the RFC 2131 section 2 layout written out byte by
// byte, and decoding that refuses what is malformed without reading past
// the datagram.

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "sut/dhcp/packet.hpp"

namespace provsim::dhcp {
namespace {

using Bytes = std::vector<std::uint8_t>;

// The fixed header: op htype hlen hops | xid | secs flags | ciaddr yiaddr
// siaddr giaddr | chaddr (16) | sname (64) | file (128) | magic cookie.
Bytes header(std::uint8_t op, std::uint32_t xid, std::uint32_t ciaddr, std::uint32_t yiaddr, std::uint32_t giaddr,
             const Bytes& mac) {
  Bytes b = {op, 1, 6, static_cast<std::uint8_t>(op == 1 ? 1 : 0)};
  for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(xid >> s));
  b.insert(b.end(), {0, 0, 0, 0});  // secs, flags
  for (std::uint32_t a : {ciaddr, yiaddr, 0u, giaddr})
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(a >> s));
  b.insert(b.end(), mac.begin(), mac.end());
  b.resize(236, 0);
  b.insert(b.end(), {99, 130, 83, 99});
  return b;
}

const Bytes kMac = {0x02, 0x00, 0x00, 0x00, 0x01, 0x2C};  // local_mac(300)

TEST(DhcpPacket, DiscoverFromARelayIsByteExact) {
  Packet p;
  p.hops = 1;
  p.xid = 0x3903F326;
  p.giaddr = 0x7F000002;  // 127.0.0.2
  p.chaddr = local_mac(300);
  p.type = MessageType::kDiscover;
  p.client_id = text_client_id("sub-300");
  p.parameter_list = {1, 3, 6, 51, 58, 59};
  Bytes want = header(1, 0x3903F326, 0, 0, 0x7F000002, kMac);
  want.insert(want.end(), {53, 1, 1});
  want.insert(want.end(), {61, 8, 0, 's', 'u', 'b', '-', '3', '0', '0'});
  want.insert(want.end(), {55, 6, 1, 3, 6, 51, 58, 59});
  want.push_back(255);
  want.resize(300, 0);  // padded to the BOOTP minimum
  EXPECT_EQ(encode(p), want);
}

TEST(DhcpPacket, RequestAndReleaseCarryTheirOptionsInOrder) {
  Packet p;
  p.xid = 7;
  p.hops = 1;
  p.giaddr = 0x7F000002;
  p.chaddr = local_mac(300);
  p.type = MessageType::kRequest;
  p.client_id = {0, 'x'};
  p.requested_address = 0x64400001;  // 100.64.0.1
  p.server_id = 0x7F000001;
  Bytes want = header(1, 7, 0, 0, 0x7F000002, kMac);
  want.insert(want.end(), {53, 1, 3, 61, 2, 0, 'x', 50, 4, 100, 64, 0, 1, 54, 4, 127, 0, 0, 1, 255});
  want.resize(300, 0);
  EXPECT_EQ(encode(p), want);

  p.type = MessageType::kRelease;
  p.requested_address.reset();
  p.ciaddr = 0x64400001;
  want = header(1, 7, 0x64400001, 0, 0x7F000002, kMac);
  want.insert(want.end(), {53, 1, 7, 61, 2, 0, 'x', 54, 4, 127, 0, 0, 1, 255});
  want.resize(300, 0);
  EXPECT_EQ(encode(p), want);
}

// An ACK as a server sends it to a relay, written out by hand: lease time,
// T1, T2, server id, a subnet mask the codec skips, and option 82 echoed.
Bytes hand_written_ack() {
  Bytes b = header(2, 0xDEADBEEF, 0, 0x6440000E, 0x7F000002, kMac);
  b.insert(b.end(), {53, 1, 5});
  b.insert(b.end(), {54, 4, 127, 0, 0, 1});
  b.insert(b.end(), {51, 4, 0, 0, 0x0E, 0x10});  // 3600 s
  b.insert(b.end(), {58, 4, 0, 0, 0x07, 0x08});  // 1800 s
  b.insert(b.end(), {59, 4, 0, 0, 0x0C, 0x4E});  // 3150 s
  b.insert(b.end(), {1, 4, 255, 255, 255, 240});
  b.insert(b.end(), {0, 0});                      // pads between options
  b.insert(b.end(), {82, 5, 1, 3, 'l', '1', '7'});
  b.push_back(255);
  return b;
}

TEST(DhcpPacket, DecodesAServerReply) {
  const DecodeResult r = decode(hand_written_ack());
  ASSERT_TRUE(r.packet) << r.error;
  const Packet& p = *r.packet;
  EXPECT_EQ(p.op, kBootReply);
  EXPECT_EQ(p.xid, 0xDEADBEEFu);
  EXPECT_EQ(*p.type, MessageType::kAck);
  EXPECT_EQ(format_ipv4(p.yiaddr), "100.64.0.14");
  EXPECT_EQ(format_ipv4(p.giaddr), "127.0.0.2");
  EXPECT_EQ(*p.server_id, 0x7F000001u);
  EXPECT_EQ(*p.lease_time, 3600u);
  EXPECT_EQ(*p.renewal_time, 1800u);
  EXPECT_EQ(*p.rebinding_time, 3150u);
  EXPECT_EQ(p.relay_agent_info, (Bytes{1, 3, 'l', '1', '7'}));
  EXPECT_EQ(p.chaddr, local_mac(300));
}

TEST(DhcpPacket, EncodeDecodeRoundTrip) {
  Packet p;
  p.op = kBootReply;
  p.xid = 99;
  p.type = MessageType::kOffer;
  p.yiaddr = 0x0A000005;
  p.lease_time = 120;
  p.renewal_time = 60;
  p.rebinding_time = 105;
  p.server_id = 0x0A000001;
  p.client_id = text_client_id("abc");
  p.relay_agent_info = {1, 1, 'z'};
  const DecodeResult r = decode(encode(p));
  ASSERT_TRUE(r.packet) << r.error;
  EXPECT_EQ(encode(*r.packet), encode(p));
}

TEST(DhcpPacket, RejectsEveryTruncation) {
  // Every prefix of a valid reply short of its end option is refused.
  const Bytes ack = hand_written_ack();
  for (std::size_t n = 0; n < ack.size(); ++n) {
    const Bytes cut(ack.begin(), ack.begin() + static_cast<std::ptrdiff_t>(n));
    const DecodeResult r = decode(cut);
    EXPECT_FALSE(r.packet) << "accepted " << n << " bytes";
    EXPECT_FALSE(r.error.empty());
  }
  EXPECT_TRUE(decode(ack).packet);
}

TEST(DhcpPacket, RejectsMalformedOptionsAndHeaders) {
  auto with = [](std::initializer_list<std::uint8_t> options) {
    Bytes b = header(2, 1, 0, 0, 0, kMac);
    b.insert(b.end(), options);
    return b;
  };
  EXPECT_NE(decode(with({53, 1, 5, 51, 200, 0, 0, 255})).error.find("runs past the end"), std::string::npos);
  EXPECT_NE(decode(with({53, 1, 5, 51, 3, 0, 0, 1, 255})).error.find("expected 4"), std::string::npos);
  EXPECT_NE(decode(with({53, 1, 5, 54, 4, 1, 2, 3, 4, 54, 4, 1, 2, 3, 4, 255})).error.find("twice"), std::string::npos);
  EXPECT_NE(decode(with({53, 1, 9, 255})).error.find("message type"), std::string::npos);
  EXPECT_NE(decode(with({53, 2, 5, 5, 255})).error.find("message type"), std::string::npos);
  EXPECT_NE(decode(with({51, 4, 0, 0, 0, 1, 255})).error.find("no message type"), std::string::npos);
  EXPECT_NE(decode(with({53, 1, 5, 52, 1, 3, 255})).error.find("overload"), std::string::npos);
  EXPECT_NE(decode(with({53, 1, 5, 61})).error.find("no length"), std::string::npos);
  EXPECT_NE(decode(with({53, 1, 5, 0, 0})).error.find("no end"), std::string::npos);
  EXPECT_TRUE(decode(with({53, 1, 5, 200, 0, 255})).packet);  // an unknown empty option is skipped

  Bytes bad_cookie = with({53, 1, 5, 255});
  bad_cookie[236] = 98;
  EXPECT_NE(decode(bad_cookie).error.find("cookie"), std::string::npos);
  Bytes bad_hlen = with({53, 1, 5, 255});
  bad_hlen[2] = 17;
  EXPECT_NE(decode(bad_hlen).error.find("hlen"), std::string::npos);
  Bytes bad_op = with({53, 1, 5, 255});
  bad_op[0] = 3;
  EXPECT_NE(decode(bad_op).error.find("op"), std::string::npos);
}

TEST(DhcpPacket, SurvivesRandomDamage) {
  // Bytes flipped and lengths cut at random: decoding either succeeds or
  // says why, and (under AddressSanitizer) never reads outside the buffer.
  const Bytes ack = hand_written_ack();
  std::uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    Bytes b = ack;
    for (int k = 0; k < 1 + static_cast<int>(next() % 4); ++k)
      b[240 + next() % (b.size() - 240)] = static_cast<std::uint8_t>(next());
    b.resize(240 + next() % (b.size() - 239));
    const Bytes exact(b);  // a buffer of exactly that size
    const DecodeResult r = decode(exact);
    EXPECT_NE(r.packet.has_value(), !r.error.empty());
    accepted += r.packet.has_value();
  }
  EXPECT_GT(accepted, 0);
}

TEST(DhcpPacket, RefusesToEncodeWhatCannotBeSent) {
  Packet p;
  EXPECT_THROW(encode(p), std::invalid_argument);  // no message type
  p.type = MessageType::kDiscover;
  p.client_id.assign(256, 1);
  EXPECT_THROW(encode(p), std::invalid_argument);
}

TEST(DhcpPacket, Ipv4Text) {
  EXPECT_EQ(parse_ipv4("127.0.0.2"), 0x7F000002u);
  EXPECT_EQ(format_ipv4(0x64400001), "100.64.0.1");
  for (const char* bad : {"", "1.2.3", "1.2.3.4.", "256.0.0.1", "1.2.3.4 ", "01234.1.1.1", "a.b.c.d", "1..2.3"})
    EXPECT_FALSE(parse_ipv4(bad)) << bad;
}

}  // namespace
}  // namespace provsim::dhcp
