#pragma once
// An IPv4 address as a 32-bit number in host order (10.0.0.1 = 0x0A000001),
// with the dotted-quad text form. Packets carry it in network order; the
// codec converts at the boundary.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace provsim::dhcp {

using Ipv4 = std::uint32_t;

std::string format_ipv4(Ipv4 address);
// Strict dotted quad: four decimal parts 0..255, no leading '+', no spaces.
std::optional<Ipv4> parse_ipv4(std::string_view text);

}  // namespace provsim::dhcp
