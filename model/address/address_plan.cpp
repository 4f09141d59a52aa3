#include "model/address/address_plan.hpp"

#include <algorithm>
#include <numeric>

namespace provsim {

std::uint32_t AddressPlan::add(AddressBlock block) {
  blocks.push_back(std::move(block));
  return static_cast<std::uint32_t>(blocks.size() - 1);
}

std::vector<std::uint32_t> AddressPlan::blocks_of(ProviderId owner) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < blocks.size(); ++i)
    if (blocks[i].owner == owner) out.push_back(i);
  return out;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> find_overlap(const std::vector<AddressBlock>& blocks) {
  std::vector<std::uint32_t> order(blocks.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const IpPrefix& pa = blocks[a].prefix;
    const IpPrefix& pb = blocks[b].prefix;
    if (pa.family() != pb.family()) return pa.family() < pb.family();
    if (pa.first() != pb.first()) return pa.first() < pb.first();
    return a < b;
  });
  // Sorted by start, a block overlaps an earlier one iff it starts before the
  // furthest end seen so far in its family.
  std::optional<std::uint32_t> widest;  // the earlier block reaching furthest
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::uint32_t i = order[k];
    if (widest && blocks[*widest].prefix.family() == blocks[i].prefix.family() &&
        blocks[i].prefix.first() <= blocks[*widest].prefix.last())
      return std::pair{std::min(*widest, i), std::max(*widest, i)};
    if (!widest || blocks[*widest].prefix.family() != blocks[i].prefix.family() ||
        blocks[i].prefix.last() > blocks[*widest].prefix.last())
      widest = i;
  }
  return std::nullopt;
}

}  // namespace provsim
