#include "sim/run_context.hpp"

#include <stdexcept>

namespace provsim::sim {

RunContext::RunContext(const Scenario& s, const Platform& p)
    : scenario(s),
      config(s.config),
      options(s.options),
      catalog(s.catalog),
      tiers(s.network.tiers),
      hosts(p),
      message_bytes_(s.options.message_bytes),
      end_time_(s.options.duration) {}

Mailbox<TaskCall> RunContext::party_box(AdapterKind adapter, ProviderId party) const {
  switch (adapter) {
    case AdapterKind::kNetwork: return box<TaskCall>("np.devices");
    case AdapterKind::kAddress: return box<TaskCall>("platform.ip_address_server");
    case AdapterKind::kIsp: return box<TaskCall>("isp.services." + code(party));
    case AdapterKind::kBsp: return box<TaskCall>("bsp.entitlements." + code(party));
    case AdapterKind::kBilling: return box<TaskCall>("platform.billing");
  }
  throw std::logic_error("no mailbox for that adapter");
}

}  // namespace provsim::sim
