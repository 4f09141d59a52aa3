#pragma once
// address_blocks.csv: the scenario's address plan.
//
//   block,owner,region,spare
//   10.0.0.0/16,isp1,north,
//   10.1.0.0/16,isp1,,yes
//   100.64.0.0/20,np,,
//
// block:  an IPv4 CIDR block or an IPv6 prefix, host bits zero.
// owner:  a provider code from providers.csv: an ISP, or the network
//         provider (its blocks form the reserve it lends from).
// region: optional serving region (pools per region if the server is so
//         configured); empty = any.
// spare:  optional, default no: an ISP block held back, added to the pool
//         only by the `grow` policy. Only ISPs hold spares.
// Checked: CIDR syntax and host bits, the owner exists and is an ISP or the
// network provider, no two blocks overlap (the message names both blocks and
// their lines), every ISP has at least one block that is not a spare.

#include <cstdint>
#include <filesystem>

#include "model/address/address_plan.hpp"
#include "model/catalog/catalog.hpp"

namespace provsim::sim {

class ScenarioSource;

inline constexpr const char* kAddressBlocksFile = "address_blocks.csv";
// The most usable addresses all of a scenario's blocks may hold together
// (those of a /8): every address is simulated, with its own state.
inline constexpr std::uint64_t kMaxAddresses = std::uint64_t{1} << 24;

// `v6_slice`: the most addresses one IPv6 block gives its pool.
AddressPlan load_address_blocks(const ScenarioSource& source, const Catalog& catalog,
                                std::uint64_t v6_slice = 65536);

}  // namespace provsim::sim
