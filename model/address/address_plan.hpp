#pragma once
// The address plan: every block the scenario knows, who owns it, which
// serving region it serves, and whether it is a spare the ISP holds back for
// growth. The plan checks what must hold for any plan (no two blocks overlap,
// owners are ISPs or the network provider); the scenario loader adds the
// file, line and field to its messages.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/address/ip_prefix.hpp"
#include "model/core/strong_id.hpp"

namespace provsim {

struct AddressBlock {
  IpPrefix prefix;
  ProviderId owner;    // an ISP, or the network provider for its reserve
  std::string region;  // "" = any region
  bool spare = false;  // held back: enters the pool only through `grow`
};

struct AddressPlan {
  std::vector<AddressBlock> blocks;
  ProviderId network_provider;  // owner of the reserve blocks
  // An IPv6 block contributes at most this many addresses to a pool.
  std::uint64_t v6_slice = 65536;

  std::uint32_t add(AddressBlock block);
  std::vector<std::uint32_t> blocks_of(ProviderId owner) const;
};

// The first pair of overlapping blocks (indexes into `blocks`, lower index
// first), or nothing. O(n log n): sorts by start address per family.
std::optional<std::pair<std::uint32_t, std::uint32_t>> find_overlap(const std::vector<AddressBlock>& blocks);

}  // namespace provsim
