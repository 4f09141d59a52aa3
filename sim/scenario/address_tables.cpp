#include "sim/scenario/address_tables.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/input_error.hpp"

namespace provsim::sim {

AddressPlan load_address_blocks(const ScenarioSource& source, const Catalog& catalog,
                                std::uint64_t v6_slice) {
  const CsvTable table = CsvTable::read(source, kAddressBlocksFile, {"block", "owner"}, {"region", "spare"});
  table.require_rows();

  AddressPlan plan;
  plan.v6_slice = v6_slice;
  const std::vector<ProviderId> nps = catalog.providers_of(ProviderKind::kNetworkProvider);
  if (!nps.empty()) plan.network_provider = nps.front();

  std::uint64_t total = 0;
  for (std::size_t row = 0; row < table.size(); ++row) {
    const Field block_field = table.field(row, "block");
    std::optional<IpPrefix> prefix;
    try {
      prefix = IpPrefix::parse(block_field.text());
    } catch (const std::invalid_argument& e) {
      block_field.fail(e.what());
    }

    const Field owner_field = table.field(row, "owner");
    const std::string owner_code = owner_field.as_id();
    const std::optional<ProviderId> owner = catalog.find_provider(owner_code);
    if (!owner) owner_field.fail("unknown provider '" + owner_code + "' (not in providers.csv)");
    const ProviderKind kind = catalog.provider(*owner).kind;
    if (kind != ProviderKind::kIsp && kind != ProviderKind::kNetworkProvider)
      owner_field.fail("'" + owner_code + "' is a " + std::string(to_string(kind)) +
                       "; address blocks belong to an ISP or the network provider");

    const Field region_field = table.field(row, "region");
    const std::string region = region_field.empty() ? std::string() : region_field.as_id();

    const Field spare_field = table.field(row, "spare");
    const bool spare = !spare_field.empty() && spare_field.as_bool();
    if (spare && kind != ProviderKind::kIsp) spare_field.fail("only an ISP holds spare blocks");

    plan.add(AddressBlock{*prefix, *owner, region, spare});
    total += usable_range(*prefix, v6_slice).count;
    if (total > kMaxAddresses)
      block_field.fail("the blocks so far hold " + std::to_string(total) + " addresses; a scenario may hold at most " +
                       std::to_string(kMaxAddresses) + " (a /8)");
  }

  if (const auto overlap = find_overlap(plan.blocks)) {
    const auto [first, second] = *overlap;
    throw InputError(table.file(), table.line(second), "block",
                     plan.blocks[second].prefix.to_string() + " overlaps " + plan.blocks[first].prefix.to_string() +
                         " on line " + std::to_string(table.line(first)));
  }

  for (ProviderId isp : catalog.providers_of(ProviderKind::kIsp)) {
    bool has_block = false;
    for (const AddressBlock& b : plan.blocks) has_block = has_block || (b.owner == isp && !b.spare);
    if (!has_block)
      throw InputError(table.file(), 0, "owner",
                       "ISP '" + catalog.provider(isp).code + "' has no address block (spares do not count)");
  }
  return plan;
}

}  // namespace provsim::sim
