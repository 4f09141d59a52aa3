#include "sim/metric_series.hpp"

#include <string>
#include <utility>
#include <vector>

#include "sim/call_centre.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/world.hpp"

namespace provsim::sim {

void register_metric_series(World& w) {
  Records& out = w.records();
  // A column read as a number (a count, a size) at each sample.
  const auto count = [&out](std::string name, auto read) {
    out.add_series({std::move(name), [read] { return static_cast<double>(read()); }});
  };
  const Channels& channels = w.channels();
  const Records& records = w.records();
  const WorkflowEngine& workflow = w.platform().workflow();
  const RatingEngine& rating = w.platform().rating();
  const RatingBacklog& backlog = w.platform().rating_backlog();
  const PartyState& parties = w.parties().systems();
  count("prospects.arrived", [&channels] { return channels.prospects().size(); });
  count("orders.in_flight", [&workflow] { return workflow.active_orders(); });
  count("orders.waiting_for_worker", [&records] { return records.orders_waiting(); });
  count("orders.completed", [&workflow] { return workflow.counts().completed; });
  count("orders.failed", [&workflow] { return workflow.counts().failed; });
  count("orders.requests_in_flight", [&workflow] { return workflow.requests_in_flight(); });
  for (std::size_t k = 0; k < kAdapterKindCount; ++k) {
    const auto kind = static_cast<AdapterKind>(k);
    const std::string name = "adapters." + std::string(to_string(kind));
    count(name + ".in_flight", [&workflow, kind] { return workflow.adapter_stats(kind).in_flight; });
    count(name + ".queued", [&workflow, kind] { return workflow.adapter_stats(kind).queued; });
  }
  count("orders.retries", [&workflow] { return workflow.counts().retries; });
  count("orders.timeouts", [&workflow] { return workflow.counts().timeouts; });
  count("network.active_ports", [&parties] { return parties.active_ports(); });
  count("rating.rated", [&rating] { return rating.counters().rated; });
  const AddressServer& addresses = w.platform().addresses();
  for (std::size_t p = 0; p < addresses.pool_count(); ++p) {
    const AddressPool& pool = addresses.pool(PoolId(static_cast<PoolId::rep>(p)));
    const std::string name =
        "ip." + w.catalog.provider(pool.owner()).code + (pool.region().empty() ? "" : "." + pool.region());
    count(name + ".leased", [&pool] { return pool.stats().leased; });
    count(name + ".capacity", [&pool] { return pool.stats().capacity; });
    count(name + ".bound", [&pool] { return pool.stats().bound; });
    count(name + ".blocked", [&pool] { return pool.stats().blocked; });
  }
  count("rating.suspended", [&rating] { return rating.counters().suspended; });
  count("rating.backlog", [&backlog] { return backlog.count; });
  if (const PlatformDurability* durability = w.platform().durability())  // 1 while the components are down
    out.add_series({"platform.down", [durability] { return durability->down() ? 1.0 : 0.0; }});
  add_call_centre_series(w.channels(), w.records());
}

}  // namespace provsim::sim
