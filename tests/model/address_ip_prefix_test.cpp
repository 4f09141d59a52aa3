#include <gtest/gtest.h>

#include <stdexcept>

#include "model/address/address_plan.hpp"
#include "model/address/ip_prefix.hpp"

namespace provsim {
namespace {

TEST(IpPrefix, ParsesAndFormatsIpv4) {
  const IpPrefix p = IpPrefix::parse("10.1.0.0/16");
  EXPECT_EQ(p.family(), IpFamily::kV4);
  EXPECT_EQ(p.length(), 16u);
  EXPECT_EQ(p.size(), 65536u);
  EXPECT_EQ(p.to_string(), "10.1.0.0/16");
  EXPECT_EQ(to_string(p.at(257)), "10.1.1.1");
  EXPECT_EQ(to_string(p.at(65535)), "10.1.255.255");
  EXPECT_EQ(IpPrefix::parse("0.0.0.0/0").size(), std::uint64_t{1} << 32);
  EXPECT_EQ(IpPrefix::parse("192.168.7.9/32").size(), 1u);
}

TEST(IpPrefix, RejectsBadIpv4) {
  for (const char* bad : {"10.0.0.0", "10.0.0/8", "10.0.0.256/24", "10.0.0.0/33", "10.0.0.1/24", "10.0.0.0/x",
                          "10.0.0.0/", "010.0.0.0/8", "10.0.0.0.0/8", "10..0.0/8", " 10.0.0.0/8", "a.b.c.d/8"}) {
    EXPECT_THROW(IpPrefix::parse(bad), std::invalid_argument) << bad;
  }
  try {
    IpPrefix::parse("10.0.0.1/24");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("host bits are not zero"), std::string::npos) << e.what();
  }
}

TEST(IpPrefix, ParsesAndFormatsIpv6) {
  const IpPrefix p = IpPrefix::parse("2001:DB8::/32");
  EXPECT_EQ(p.family(), IpFamily::kV6);
  EXPECT_EQ(p.to_string(), "2001:db8::/32");
  EXPECT_EQ(p.size(), UINT64_MAX);  // 2^96 saturates
  EXPECT_EQ(IpPrefix::parse("2001:db8:0:1::/64").size(), UINT64_MAX);
  EXPECT_EQ(IpPrefix::parse("2001:db8::/120").size(), 256u);
  EXPECT_EQ(to_string(IpPrefix::parse("2001:db8::/120").at(255)), "2001:db8::ff");
  EXPECT_EQ(IpPrefix::parse("::/0").to_string(), "::/0");
  EXPECT_EQ(IpPrefix::parse("2001:0db8:0000:0000:0001:0000:0000:0000/128").to_string(), "2001:db8:0:0:1::/128");
  EXPECT_EQ(to_string(parse_ip_address("fe80::1")), "fe80::1");
  EXPECT_EQ(to_string(parse_ip_address("1:0:0:2:0:0:0:3")), "1:0:0:2::3");
}

TEST(IpPrefix, RejectsBadIpv6) {
  for (const char* bad : {"2001:db8::1/64", "2001:db8:::/48", "2001::db8::/48", "2001:db8/32", "12345::/16",
                          "2001:db8::/129", "1:2:3:4:5:6:7:8:9/128", "1:2:3:4:5:6:7::8/128", "2001:db8:/32",
                          "::ffff:10.0.0.0/104", "g::/16"}) {
    EXPECT_THROW(IpPrefix::parse(bad), std::invalid_argument) << bad;
  }
}

TEST(IpPrefix, Overlap) {
  const IpPrefix a = IpPrefix::parse("10.0.0.0/16");
  EXPECT_TRUE(a.overlaps(IpPrefix::parse("10.0.255.0/24")));
  EXPECT_TRUE(IpPrefix::parse("10.0.255.0/24").overlaps(a));
  EXPECT_TRUE(a.overlaps(IpPrefix::parse("0.0.0.0/0")));
  EXPECT_FALSE(a.overlaps(IpPrefix::parse("10.1.0.0/16")));
  EXPECT_FALSE(IpPrefix::parse("10.0.0.0/31").overlaps(IpPrefix::parse("10.0.0.2/31")));
  // Different families never overlap, even at the same number.
  EXPECT_FALSE(IpPrefix::parse("0.0.0.0/0").overlaps(IpPrefix::parse("::/96")));
  EXPECT_TRUE(IpPrefix::parse("2001:db8::/32").overlaps(IpPrefix::parse("2001:db8:ffff::/48")));
  EXPECT_FALSE(IpPrefix::parse("2001:db8::/32").overlaps(IpPrefix::parse("2001:db9::/32")));
}

TEST(IpPrefix, UsableAddresses) {
  // /30 and wider: network and broadcast excluded.
  EXPECT_EQ(usable_range(IpPrefix::parse("10.0.0.0/24"), 0).first, 1u);
  EXPECT_EQ(usable_range(IpPrefix::parse("10.0.0.0/24"), 0).count, 254u);
  EXPECT_EQ(usable_range(IpPrefix::parse("10.0.0.0/30"), 0).count, 2u);
  // /31 (RFC 3021): both addresses; /32: the one.
  EXPECT_EQ(usable_range(IpPrefix::parse("10.0.0.0/31"), 0).first, 0u);
  EXPECT_EQ(usable_range(IpPrefix::parse("10.0.0.0/31"), 0).count, 2u);
  EXPECT_EQ(usable_range(IpPrefix::parse("10.0.0.7/32"), 0).count, 1u);
  // IPv6: skip the subnet-router anycast address, take a bounded slice.
  const UsableRange v6 = usable_range(IpPrefix::parse("2001:db8::/64"), 1000);
  EXPECT_EQ(v6.first, 1u);
  EXPECT_EQ(v6.count, 1000u);
  EXPECT_EQ(usable_range(IpPrefix::parse("2001:db8::/124"), 1000).count, 15u);
}

TEST(AddressPlan, FindsOverlaps) {
  std::vector<AddressBlock> blocks;
  auto add = [&](const char* cidr) { blocks.push_back({IpPrefix::parse(cidr), ProviderId(1), "", false}); };
  add("10.0.0.0/24");
  add("2001:db8::/48");
  add("10.0.1.0/24");
  add("192.168.0.0/16");
  EXPECT_FALSE(find_overlap(blocks));
  add("10.0.0.128/25");
  auto overlap = find_overlap(blocks);
  ASSERT_TRUE(overlap);
  EXPECT_EQ(overlap->first, 0u);
  EXPECT_EQ(overlap->second, 4u);

  // A wide block hiding behind a narrow one that starts at the same place.
  std::vector<AddressBlock> nested;
  nested.push_back({IpPrefix::parse("10.0.0.0/8"), ProviderId(1), "", false});
  nested.push_back({IpPrefix::parse("10.0.0.0/24"), ProviderId(2), "", false});
  nested.push_back({IpPrefix::parse("10.200.0.0/16"), ProviderId(2), "", false});
  overlap = find_overlap(nested);
  ASSERT_TRUE(overlap);
  EXPECT_EQ(overlap->first, 0u);
}

}  // namespace
}  // namespace provsim
