#pragma once
// An ISP's address pool as a DHCP server sees it: the ISP's IPv4 blocks that
// are not spares, each a subnet whose usable addresses (network and
// broadcast left out, as the model's usable_range does) form its range.

#include <cstdint>
#include <string>
#include <vector>

#include "sut/dhcp/ipv4.hpp"

namespace provsim {
struct AddressPlan;
class Catalog;
}  // namespace provsim

namespace provsim::dhcp {

struct DhcpRange {
  std::string subnet;  // "100.64.0.0/28"
  Ipv4 first = 0;      // first and last usable address
  Ipv4 last = 0;
};

struct DhcpPool {
  std::string isp;                 // provider id text
  std::vector<DhcpRange> ranges;   // in address_blocks.csv order
  std::uint64_t capacity() const;
  bool contains(Ipv4 address) const;
};

// One pool per ISP that holds IPv4 blocks (IPv6 blocks, spares and the
// network provider's reserve are left out: a DHCPv4 server leases none of them).
std::vector<DhcpPool> dhcp_pools(const AddressPlan& plan, const Catalog& catalog);

}  // namespace provsim::dhcp
