#include "sim/metric_series.hpp"

#include <string>

#include "sim/call_centre.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/world.hpp"

namespace provsim::sim {

void register_metric_series(World& w) {
  w.records().series.push_back({"prospects.arrived", [&w] { return static_cast<double>(w.channels().prospects().size()); }});
  w.records().series.push_back({"orders.in_flight", [&w] { return static_cast<double>(w.platform().workflow().active_orders()); }});
  w.records().series.push_back({"orders.waiting_for_worker", [&w] { return static_cast<double>(w.records().orders_waiting); }});
  w.records().series.push_back({"orders.completed", [&w] { return static_cast<double>(w.platform().workflow().counts().completed); }});
  w.records().series.push_back({"orders.failed", [&w] { return static_cast<double>(w.platform().workflow().counts().failed); }});
  w.records().series.push_back({"orders.requests_in_flight",
                      [&w] { return static_cast<double>(w.platform().workflow().requests_in_flight()); }});
  for (std::size_t k = 0; k < kAdapterKindCount; ++k) {
    const auto kind = static_cast<AdapterKind>(k);
    const std::string name = "adapters." + std::string(to_string(kind));
    w.records().series.push_back({name + ".in_flight", [&w, kind] { return static_cast<double>(w.platform().workflow().adapter_stats(kind).in_flight); }});
    w.records().series.push_back({name + ".queued", [&w, kind] { return static_cast<double>(w.platform().workflow().adapter_stats(kind).queued); }});
  }
  w.records().series.push_back({"orders.retries", [&w] { return static_cast<double>(w.platform().workflow().counts().retries); }});
  w.records().series.push_back({"orders.timeouts", [&w] { return static_cast<double>(w.platform().workflow().counts().timeouts); }});
  w.records().series.push_back({"network.active_ports", [&w] { return static_cast<double>(w.parties().systems().active_ports()); }});
  w.records().series.push_back({"rating.rated", [&w] { return static_cast<double>(w.platform().rating().counters().rated); }});
  for (std::size_t p = 0; p < w.platform().addresses().pool_count(); ++p) {
    const AddressPool& pool = w.platform().addresses().pool(PoolId(static_cast<PoolId::rep>(p)));
    const std::string name = "ip." + w.catalog.provider(pool.owner()).code + (pool.region().empty() ? "" : "." + pool.region());
    w.records().series.push_back({name + ".leased", [&pool] { return static_cast<double>(pool.stats().leased); }});
    w.records().series.push_back({name + ".capacity", [&pool] { return static_cast<double>(pool.stats().capacity); }});
    w.records().series.push_back({name + ".bound", [&pool] { return static_cast<double>(pool.stats().bound); }});
    w.records().series.push_back({name + ".blocked", [&pool] { return static_cast<double>(pool.stats().blocked); }});
  }
  w.records().series.push_back({"rating.suspended", [&w] { return static_cast<double>(w.platform().rating().counters().suspended); }});
  w.records().series.push_back({"rating.backlog", [&w] { return static_cast<double>(w.platform().rating_backlog().count); }});
  if (w.platform().durability())  // 1 while the platform's components are down (crashed or replaying)
    w.records().series.push_back({"platform.down", [&w] { return w.platform().durability()->down() ? 1.0 : 0.0; }});
  add_call_centre_series(w);
}

}  // namespace provsim::sim
