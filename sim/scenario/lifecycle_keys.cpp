// Scenario keys of the subscriber life after provisioning (churn and order
// changes), the audit log and fault injection.

#include "sim/scenario/scenario_keys.hpp"

namespace provsim::sim {

void declare_lifecycle_keys(ConfigSchema& s) {
  s.rate("lifecycle.churn_rate", "0/d",
         "disconnect orders per provisioned subscriber (Poisson), e.g. 0.01/d; the line is free again afterwards");
  s.rate("lifecycle.change_rate", "0/d", "change orders per provisioned subscriber (Poisson), e.g. 0.05/d");
  s.number("lifecycle.add_bsp_weight", 1, "relative weight of 'add a BSP service' among change orders", 0, 1e6);
  s.number("lifecycle.remove_bsp_weight", 1, "relative weight of 'remove a BSP service' among change orders", 0, 1e6);
  s.number("lifecycle.change_tier_weight", 1, "relative weight of 'change access tier' among change orders", 0, 1e6);

  s.integer("provisioning.max_compensation_attempts", 6,
            "attempts to undo a task before the order is marked cleanup_incomplete", 1, 1000);

  s.flag("audit.enabled", false, "write every order and task transition to audit.csv");
  s.integer("audit.limit", 200000, "transitions kept for audit.csv; later ones are counted, not written", 0, 1e9);

  for (const char* adapter : {"network", "address", "isp", "bsp", "billing"}) {
    const std::string a(adapter);
    s.probability("faults.loss." + a, 0,
                  "chance a provisioning request to the " + a + " party, or its reply, is lost (the caller times out)");
    s.probability("faults.refuse." + a, 0,
                  "chance the " + a + " party refuses a forward provisioning request for good (reason 'refused')");
  }
}

}  // namespace provsim::sim
