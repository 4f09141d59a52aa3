#pragma once
// How an order becomes a layered graph of tasks (see TaskSpec::stage):
//
//   new:         network activate -> address bind -> ISP service creates and
//                one BSP entitle per chosen offering (parallel) -> billing open
//   disconnect:  BSP revokes and ISP service deletes (parallel) -> address
//                release -> network deactivate -> billing close
//   add BSP:     BSP entitle -> billing add_item
//   remove BSP:  BSP revoke -> billing remove_item
//   change tier: network modify -> billing modify
//
// Disconnects and changes are planned from what the provisioned-state store
// says the subscriber has.

#include <string>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/provisioning/order.hpp"
#include "model/provisioning/provisioned_state.hpp"
#include "model/provisioning/task.hpp"

namespace provsim {

struct TaskPlan {
  std::vector<TaskSpec> tasks;  // sorted by stage, stages numbered 0, 1, ... without gaps
  PlanId plan;                  // the billing plan the requests carry
  std::string error;            // non-empty: the order cannot be carried out
};

// `current` is the subscriber's provisioned state (nullptr if none); `np` is
// the network provider.
TaskPlan plan_tasks(const Order& order, const SubscriberState* current, const Catalog& catalog, ProviderId np);

}  // namespace provsim
