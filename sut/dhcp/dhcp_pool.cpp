#include "sut/dhcp/dhcp_pool.hpp"

#include "model/address/address_plan.hpp"
#include "model/catalog/catalog.hpp"

namespace provsim::dhcp {

std::uint64_t DhcpPool::capacity() const {
  std::uint64_t n = 0;
  for (const DhcpRange& r : ranges) n += std::uint64_t{r.last} - r.first + 1;
  return n;
}

bool DhcpPool::contains(Ipv4 address) const {
  for (const DhcpRange& r : ranges)
    if (address >= r.first && address <= r.last) return true;
  return false;
}

std::vector<DhcpPool> dhcp_pools(const AddressPlan& plan, const Catalog& catalog) {
  std::vector<DhcpPool> pools;
  for (ProviderId isp : catalog.providers_of(ProviderKind::kIsp)) {
    DhcpPool pool{catalog.provider(isp).code, {}};
    for (std::uint32_t index : plan.blocks_of(isp)) {
      const AddressBlock& b = plan.blocks[index];
      if (b.spare || b.prefix.family() != IpFamily::kV4) continue;
      const UsableRange usable = usable_range(b.prefix, plan.v6_slice);
      if (usable.count == 0) continue;
      const auto base = static_cast<Ipv4>(b.prefix.first());
      pool.ranges.push_back(DhcpRange{b.prefix.to_string(), static_cast<Ipv4>(base + usable.first),
                                      static_cast<Ipv4>(base + usable.first + usable.count - 1)});
    }
    if (!pool.ranges.empty()) pools.push_back(std::move(pool));
  }
  return pools;
}

}  // namespace provsim::dhcp
