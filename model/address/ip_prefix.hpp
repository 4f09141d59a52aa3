#pragma once
// IP addresses and CIDR prefixes, IPv4 and IPv6, as plain values.
//
// An address is held as a 128-bit unsigned number for both families (IPv4 in
// the low 32 bits), so overlap and containment are integer comparisons.
// Text forms: IPv4 dotted quad ("10.0.0.0/24"); IPv6 RFC 4291 hex groups with
// one optional "::" ("2001:db8::/32"; the embedded-IPv4 tail form is not
// accepted). Formatting of IPv6 follows RFC 5952 (lower case, longest zero run
// compressed).

#include <cstdint>
#include <string>
#include <string_view>

#include "model/core/int128.hpp"

namespace provsim {

enum class IpFamily : std::uint8_t { kV4, kV6 };

struct IpAddress {
  IpFamily family = IpFamily::kV4;
  uint128 value = 0;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// Parses an address without a prefix length. Throws std::invalid_argument
// saying what is wrong.
IpAddress parse_ip_address(std::string_view text);
std::string to_string(const IpAddress& address);

class IpPrefix {
 public:
  // "a.b.c.d/n" or "x:y::/n". Throws std::invalid_argument for bad syntax,
  // a prefix length out of range, or host bits that are not zero.
  static IpPrefix parse(std::string_view text);
  // Builds a prefix; the host bits of `base` must be zero.
  IpPrefix(IpAddress base, unsigned length);

  IpFamily family() const { return base_.family; }
  const IpAddress& base() const { return base_; }
  unsigned length() const { return length_; }
  unsigned bits() const { return family() == IpFamily::kV4 ? 32u : 128u; }
  unsigned host_bits() const { return bits() - length_; }

  // Number of addresses in the prefix, saturated at UINT64_MAX (an IPv6 /64
  // holds 2^64 addresses).
  std::uint64_t size() const;
  uint128 first() const { return base_.value; }
  uint128 last() const;

  bool contains(const IpAddress& address) const;
  // Same family and at least one address in common.
  bool overlaps(const IpPrefix& other) const;
  // The address `offset` places after the base (offset < size()).
  IpAddress at(std::uint64_t offset) const;

  std::string to_string() const;
  friend bool operator==(const IpPrefix&, const IpPrefix&) = default;

 private:
  IpAddress base_;
  unsigned length_ = 0;
};

// Addresses of a prefix that a pool may hand out, as offsets from the base:
// [first, first + count).
//   IPv4 /0../30: network and broadcast excluded (offsets 1 .. size-2).
//   IPv4 /31:     both addresses usable (RFC 3021 point-to-point links).
//   IPv4 /32:     the one address is usable (a single host route).
//   IPv6 /127, /128: like IPv4 /31, /32 (RFC 6164).
//   IPv6 others:  offset 0 (the subnet-router anycast address, RFC 4291
//                 2.6.1) is excluded; there is no broadcast. At most
//                 `v6_slice` addresses are taken, since a /64 is far larger
//                 than any pool the model keeps in memory.
struct UsableRange {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};
UsableRange usable_range(const IpPrefix& prefix, std::uint64_t v6_slice);

}  // namespace provsim
