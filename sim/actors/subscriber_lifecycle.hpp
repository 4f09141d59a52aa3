#pragma once
// The life of provisioned subscribers after their first order:
// they churn (a disconnect order) and change what they have (add or remove a
// BSP service, change access tier). Both arrive as Poisson processes with a
// rate per provisioned subscriber; the orders are platform-internal (as from
// the ISP's CSR) and go to the provisioning manager as an InternalOrder.
//
// Reads the run context (the catalog, the tiers, the intake mailbox, its
// random stream, LifecycleOptions), the platform's provisioned state and
// the line plant as loaded (what a line can carry, never the NP's live
// database). Changes the
// channels (a disconnected subscriber's line is free again) and the records
// (internal orders); it changes the platform only through its orders.

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/core/paged_array.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/order.hpp"
#include "model/provisioning/workflow_engine.hpp"

namespace provsim {
class ServiceabilityDb;
}  // namespace provsim

namespace provsim::sim {

class Channels;
class PlatformComponents;
class RunContext;
class Records;

class SubscriberLifecycle {
 public:
  SubscriberLifecycle(const RunContext& context, const PlatformComponents& platform, const ServiceabilityDb& lines,
                      Channels& channels, Records& records);

  // The actor body.
  void run();
  // Told of every order that reached its terminal state.
  void on_finished(const OrderResult& result);
  // An order it sent never reached the provisioning manager (the platform
  // crashed first): it was not submitted, and the subscriber is free again.
  void on_lost(const Order& order);

  // Subscribers with a lifecycle order not yet finished.
  const std::unordered_set<std::uint32_t>& busy() const { return busy_; }
  std::uint64_t submitted() const { return submitted_; }
  // Drawn, but no change was possible (or the platform was down).
  std::uint64_t skipped() const { return skipped_; }
  std::uint64_t lines_freed() const { return lines_freed_; }

 private:
  void add(SubscriberId who);
  SubscriberId take(std::size_t at);
  void load_existing();
  void one_event();
  bool plan_change(Order& order);

  const RunContext& context_;
  const PlatformComponents& platform_;
  const ServiceabilityDb& lines_;
  Channels& channels_;
  Records& records_;
  Rng rng_;
  double churn_;   // per subscriber per second
  double change_;  // per subscriber per second
  std::vector<double> change_weights_;  // add BSP, remove BSP, change tier
  std::vector<SubscriberId> idle_;      // provisioned, no order running: the candidates
  PagedArray<std::uint32_t> position_;  // by subscriber: its place in idle_, kNotIdle if none
  static constexpr std::uint32_t kNotIdle = 0xFFFFFFFF;
  std::unordered_set<std::uint32_t> busy_;
  std::uint64_t submitted_ = 0;
  std::uint64_t skipped_ = 0;
  std::uint64_t lines_freed_ = 0;
};

}  // namespace provsim::sim
