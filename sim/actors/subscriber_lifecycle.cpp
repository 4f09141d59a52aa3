// Churn and order changes of provisioned subscribers. One actor on the platform host draws the events
// of the whole population; each becomes an InternalOrder to the
// provisioning manager, which plans it from the provisioned-state store.
//
// The rate of each process is its per-subscriber rate times the subscribers
// who are provisioned and have no order running. That count changes between
// events, so events are drawn by thinning: candidates come at a rate bound
// a little above the current one, each kept with probability rate / bound.

#include "sim/actors/subscriber_lifecycle.hpp"

#include <algorithm>
#include <span>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/actors/provisioning_manager.hpp"
#include "sim/channels.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/platform_components.hpp"
#include "sim/records.hpp"
#include "sim/rpc.hpp"
#include "sim/run_context.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

bool is_bsp(const Catalog& c, OfferingId o) {
  const OfferingKind k = c.offering(o).kind;
  return k == OfferingKind::kBspPurchase || k == OfferingKind::kBspUsage;
}

template <std::size_t N>
bool has(const OfferingList<N>& v, OfferingId o) {
  return std::find(v.begin(), v.end(), o) != v.end();
}

}  // namespace

SubscriberLifecycle::SubscriberLifecycle(const RunContext& context, const PlatformComponents& platform,
                                         const ServiceabilityDb& lines, Channels& channels, Records& records)
    : context_(context),
      platform_(platform),
      lines_(lines),
      channels_(channels),
      records_(records),
      rng_(context.stream("lifecycle")),
      churn_(context.options.lifecycle.churn_rate),
      change_(context.options.lifecycle.change_rate),
      change_weights_(context.options.lifecycle.change_weights) {}

void SubscriberLifecycle::add(SubscriberId who) {
  if (position_.size() <= who.value()) position_.grow_to(who.value() + 1, kNotIdle);
  if (position_[who.value()] != kNotIdle) return;
  position_[who.value()] = static_cast<std::uint32_t>(idle_.size());
  idle_.push_back(who);
}

SubscriberId SubscriberLifecycle::take(std::size_t at) {
  const SubscriberId who = idle_[at];
  position_[who.value()] = kNotIdle;
  if (at + 1 != idle_.size()) {  // swap the last one into the hole
    idle_[at] = idle_.back();
    position_[idle_[at].value()] = static_cast<std::uint32_t>(at);
  }
  idle_.pop_back();
  return who;
}

// Subscribers provisioned before the run began (a bulk-loaded population).
void SubscriberLifecycle::load_existing() {
  const ProvisionedStateStore& store = platform_.workflow().store();
  for (std::uint32_t sub = 0; sub < platform_.subscribers_created(); ++sub) {
    const SubscriberState* s = store.find(SubscriberId(sub));
    if (s && s->billing_plan.valid() && !busy_.count(sub)) add(SubscriberId(sub));
  }
}

void SubscriberLifecycle::run() {
  const double per_subscriber = churn_ + change_;
  if (per_subscriber <= 0) return;
  load_existing();
  double t = sg4::Engine::get_clock();
  while (true) {
    const double bound = per_subscriber * (1.25 * static_cast<double>(idle_.size() + busy_.size()) + 10);
    t += rng_.exponential(1.0 / bound);
    if (t >= context_.end_time()) return;
    sg4::this_actor::sleep_until(t);
    const double rate = per_subscriber * static_cast<double>(idle_.size());
    if (rng_.bernoulli(std::min(1.0, rate / bound))) one_event();
  }
}

void SubscriberLifecycle::one_event() {
  const std::size_t at = rng_.below(idle_.size());
  const bool disconnect = rng_.bernoulli(churn_ / (churn_ + change_));
  const SubscriberId who = idle_[at];
  const SubscriberState* s = platform_.workflow().store().find(who);
  if (s == nullptr || s->empty()) {  // nothing left to change or disconnect
    take(at);
    return;
  }
  Order order;
  order.channel = Channel::kIspCsr;  // the ISP's CSR takes the customer's call
  order.subscriber = who;
  order.line = s->line;
  order.plan = s->billing_plan;
  order.isp = s->billing_plan.valid() ? context_.catalog.plan(s->billing_plan).isp : s->address_pool;
  order.kind = disconnect ? OrderKind::kDisconnect : OrderKind::kChange;
  if (!disconnect && !plan_change(order)) {
    ++skipped_;
    return;
  }
  if (platform_.durability() &&
      platform_.durability()->down()) {  // the platform is down: the customer's call goes nowhere
    ++skipped_;
    return;
  }
  take(at);
  busy_.insert(who.value());
  ++submitted_;
  records_.internal_order_sent();
  context_.intake_box().send(InternalOrder{std::move(order)}, context_.message_bytes());
}

// Picks a change the subscriber can make, by the scenario's weights: a BSP
// offering of the plan to add or one held to remove, or another tier of the
// plan that the line can carry.
bool SubscriberLifecycle::plan_change(Order& order) {
  const SubscriberState& s = *platform_.workflow().store().find(order.subscriber);
  if (!s.billing_plan.valid()) return false;
  std::vector<OfferingId> to_add, tiers;
  const LineRecord* line = lines_.line(s.line);
  for (const PlanItem& item : context_.catalog.plan(s.billing_plan).items) {
    if (is_bsp(context_.catalog, item.offering) && !has(s.bsp_entitlements, item.offering))
      to_add.push_back(item.offering);
    const AccessTier* tier = context_.tiers.find(item.offering);
    if (tier && line && s.access_tier.valid() && item.offering != s.access_tier &&
        AccessTierTable::reaches(*tier, *line))
      tiers.push_back(item.offering);
  }
  const std::span<const OfferingId> choices[] = {to_add, {s.bsp_entitlements.data(), s.bsp_entitlements.size()}, tiers};
  double total = 0;
  for (int k = 0; k < 3; ++k) total += choices[k].empty() ? 0 : change_weights_[static_cast<std::size_t>(k)];
  if (total <= 0) return false;
  double u = rng_.uniform() * total;
  int kind = 0;
  for (; kind < 2; ++kind) {
    const double weight = choices[kind].empty() ? 0 : change_weights_[static_cast<std::size_t>(kind)];
    if (u < weight) break;
    u -= weight;
  }
  while (choices[kind].empty()) --kind;  // rounding at the top end
  const std::span<const OfferingId> from = choices[kind];
  const OfferingId pick = from[rng_.below(from.size())];
  static const ChangeKind kKinds[] = {ChangeKind::kAddBsp, ChangeKind::kRemoveBsp, ChangeKind::kChangeTier};
  order.change = kKinds[kind];
  if (order.change == ChangeKind::kChangeTier)
    order.access_tier = pick;
  else
    order.bsp_offerings = {pick};
  return true;
}

void SubscriberLifecycle::on_lost(const Order& order) {
  if (!busy_.erase(order.subscriber.value())) return;
  --submitted_;
  records_.internal_order_lost();
  add(order.subscriber);
}

void SubscriberLifecycle::on_finished(const OrderResult& r) {
  const SubscriberState* s = platform_.workflow().store().find(r.subscriber);
  const bool holds = s != nullptr && !s->empty();
  if (r.kind == OrderKind::kNew) {
    if (r.state == OrderState::kCompleted) add(r.subscriber);
    return;
  }
  if (!busy_.erase(r.subscriber.value())) return;  // not one of ours
  if (holds) {
    add(r.subscriber);  // a change, or a disconnect that failed and was undone
    return;
  }
  if (s != nullptr && r.kind == OrderKind::kDisconnect) {  // gone: the line can be sold again
    channels_.set_line_busy(s->line, false);
    ++lines_freed_;
  }
}

}  // namespace provsim::sim
