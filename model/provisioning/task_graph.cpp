#include "model/provisioning/task_graph.hpp"

#include <algorithm>

namespace provsim {
namespace {

// Appends tasks stage by stage; an empty stage takes no number.
class StageBuilder {
 public:
  explicit StageBuilder(std::vector<TaskSpec>& tasks) : tasks_(tasks) {}
  void add(AdapterKind adapter, Action action, ProviderId party, OfferingId offering = {},
           OfferingId previous = {}) {
    tasks_.push_back(TaskSpec{adapter, action, stage_, party, offering, previous});
    used_ = true;
  }
  void next_stage() {
    if (used_) ++stage_;
    used_ = false;
  }

 private:
  std::vector<TaskSpec>& tasks_;
  std::uint8_t stage_ = 0;
  bool used_ = false;
};

template <std::size_t N>
bool has(const OfferingList<N>& set, OfferingId offering) {
  return std::find(set.begin(), set.end(), offering) != set.end();
}

TaskPlan plan_new(const Order& o, const SubscriberState* current, const Catalog& catalog, ProviderId np) {
  TaskPlan p;
  if (current != nullptr && !current->empty()) return TaskPlan{{}, {}, "already_provisioned"};
  if (!o.access_tier.valid()) return TaskPlan{{}, {}, "no_access_tier"};
  if (!o.plan.valid()) return TaskPlan{{}, {}, "no_plan"};
  p.plan = o.plan;
  StageBuilder b(p.tasks);
  b.add(AdapterKind::kNetwork, Action::kActivate, np, o.access_tier);
  b.next_stage();
  b.add(AdapterKind::kAddress, Action::kBind, o.isp);
  b.next_stage();
  for (OfferingId s : o.isp_services) b.add(AdapterKind::kIsp, Action::kCreate, o.isp, s);
  for (OfferingId s : o.bsp_offerings) b.add(AdapterKind::kBsp, Action::kEntitle, catalog.offering(s).owner, s);
  b.next_stage();
  b.add(AdapterKind::kBilling, Action::kOpen, ProviderId());
  return p;
}

TaskPlan plan_disconnect(const Order& o, const SubscriberState* current, const Catalog& catalog, ProviderId np) {
  if (current == nullptr || current->empty()) return TaskPlan{{}, {}, "nothing_provisioned"};
  TaskPlan p;
  p.plan = current->billing_plan;
  StageBuilder b(p.tasks);
  for (OfferingId s : current->bsp_entitlements)
    b.add(AdapterKind::kBsp, Action::kRevoke, catalog.offering(s).owner, s);
  for (OfferingId s : current->isp_services) b.add(AdapterKind::kIsp, Action::kDelete, o.isp, s);
  b.next_stage();
  if (current->address_pool.valid()) b.add(AdapterKind::kAddress, Action::kRelease, current->address_pool);
  b.next_stage();
  if (current->access_tier.valid()) b.add(AdapterKind::kNetwork, Action::kDeactivate, np, current->access_tier);
  b.next_stage();
  if (current->billing_plan.valid()) b.add(AdapterKind::kBilling, Action::kClose, ProviderId());
  return p;
}

TaskPlan plan_change(const Order& o, const SubscriberState* current, const Catalog& catalog, ProviderId np) {
  if (current == nullptr || current->empty()) return TaskPlan{{}, {}, "nothing_provisioned"};
  TaskPlan p;
  p.plan = current->billing_plan;
  StageBuilder b(p.tasks);
  switch (o.change) {
    case ChangeKind::kAddBsp:
    case ChangeKind::kRemoveBsp: {
      if (o.bsp_offerings.size() != 1) return TaskPlan{{}, {}, "change_needs_one_bsp_offering"};
      const OfferingId s = o.bsp_offerings.front();
      const bool add = o.change == ChangeKind::kAddBsp;
      if (add == has(current->bsp_entitlements, s)) return TaskPlan{{}, {}, add ? "already_entitled" : "not_entitled"};
      b.add(AdapterKind::kBsp, add ? Action::kEntitle : Action::kRevoke, catalog.offering(s).owner, s);
      b.next_stage();
      b.add(AdapterKind::kBilling, add ? Action::kAddItem : Action::kRemoveItem, ProviderId(), s);
      return p;
    }
    case ChangeKind::kChangeTier:
      if (!current->access_tier.valid()) return TaskPlan{{}, {}, "port_not_active"};
      if (!o.access_tier.valid() || o.access_tier == current->access_tier) return TaskPlan{{}, {}, "same_tier"};
      b.add(AdapterKind::kNetwork, Action::kModify, np, o.access_tier, current->access_tier);
      b.next_stage();
      b.add(AdapterKind::kBilling, Action::kModify, ProviderId(), o.access_tier, current->access_tier);
      return p;
    case ChangeKind::kNone: break;
  }
  return TaskPlan{{}, {}, "change_kind_missing"};
}

}  // namespace

TaskPlan plan_tasks(const Order& order, const SubscriberState* current, const Catalog& catalog, ProviderId np) {
  switch (order.kind) {
    case OrderKind::kNew: return plan_new(order, current, catalog, np);
    case OrderKind::kDisconnect: return plan_disconnect(order, current, catalog, np);
    case OrderKind::kChange: return plan_change(order, current, catalog, np);
  }
  return TaskPlan{{}, {}, "unknown_order_kind"};
}

}  // namespace provsim
