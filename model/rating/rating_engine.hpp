#pragma once
// The rating engine: subscriptions, event intake with duplicate
// dropping and suspense, price models, revenue shares, billing cycles.
//
// Hot path (submit): ids are dense indexes, so finding the subscriber, the
// offering's subscription period and the rating rule are array reads and a
// short scan of the subscriber's few periods; an event touches the
// subscriber's entry, its period and one account (subscriber_store.hpp;
// submit_batch prefetches all three ahead).
// Duplicate detection is a bit in a per-BSP window (SeenIds). Nothing is
// allocated per event except the refund log's records (purchases, and a
// bounded window of usage events): docs/rating.md, "Memory".
//
// Conservation, checked at every close_cycle and on demand:
//   received = rated + suspended + duplicates      (counters)
//   every event's shares add up to its charge      (checked per event)
//   sum of invoice totals = sum of settlements     (per cycle and overall)
//
// Cycle assignment is by arrival: an event is billed in the cycle that is
// open when it arrives. One whose time lies before the end of the last
// closed cycle is "late": it goes on the next invoice on a late line.
//
// The engine's parts, one file each: rating_engine.cpp (intake, rating,
// suspense, subscriptions), rating_refunds.cpp (refunds), rating_billing.cpp
// (billing cycles, invoices, settlements, conservation), subscriber_store.*
// (the packed subscriber state).

#include <array>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/core/check.hpp"
#include "model/rating/billing_statement.hpp"
#include "model/rating/rating_book.hpp"
#include "model/rating/rating_event.hpp"
#include "model/rating/refund_log.hpp"
#include "model/rating/seen_ids.hpp"
#include "model/rating/subscriber_store.hpp"

namespace provsim {

struct RatingEngineOptions {
  SimTime first_cycle_start = 0;
  Rounding proration = Rounding::kHalfUp;  // of prorated monthly fees
  // How many rated events per BSP a refund may reference (the most recent
  // in id order), by kind. Every purchase is kept; usage refunds, which
  // correct a recent summary, reach back over the last 65,536 usage events
  // of the BSP, so the engine's memory does not grow with usage volume.
  std::size_t purchase_refund_window = RefundLog::kUnlimited;
  std::size_t usage_refund_window = std::size_t{1} << 16;
  // For tests: rate every event through the general path (try_rate), not
  // the inline fast path for on-time events, to prove both give the same.
  bool general_path_only = false;
};

struct RatingCounters {
  std::int64_t received = 0;
  std::int64_t rated = 0;       // including refunds and events re-rated from suspense
  std::int64_t suspended = 0;   // in suspense now
  std::int64_t duplicates = 0;
  std::int64_t resolved = 0;    // left suspense by being rated later
  std::int64_t refunds = 0;
  std::int64_t refunds_clamped = 0;
  std::int64_t late = 0;
  std::array<std::int64_t, kSuspenseReasonCount> suspended_by_reason{};  // now in suspense
  Money charged;   // sum of the charges of rated events (refunds negative)
  Money invoiced;  // over all closed cycles
  Money settled;   // over all closed cycles

  bool conserved() const { return received == rated + suspended + duplicates && invoiced == settled; }
};

class RatingEngine {
 public:
  // `catalog` and `book` must outlive the engine.
  RatingEngine(const Catalog& catalog, const RatingBook& book, RatingEngineOptions options = {});

  // --- subscriptions. Bad calls (unknown ids, an offering not in the plan,
  // opening twice) throw std::invalid_argument. Each change re-rates the
  // user's suspended events that it makes valid.
  // `offerings` empty means every item of the plan.
  void open_subscription(SubscriberId user, PlanId plan, SimTime start, std::span<const OfferingId> offerings = {});
  void add_offering(SubscriberId user, OfferingId offering, SimTime at);
  void remove_offering(SubscriberId user, OfferingId offering, SimTime at);
  // Stops every current item and starts the new plan's at `at`.
  void change_plan(SubscriberId user, PlanId plan, SimTime at, std::span<const OfferingId> offerings = {});
  void close_subscription(SubscriberId user, SimTime at);
  bool is_subscribed(SubscriberId user) const;

  // --- events
  RatingOutcome submit(const RatingEvent& event);
  // The shares of the last event rated by submit(); valid until the next call.
  std::span<const PartyAmount> last_shares() const { return {scratch_.data(), scratch_size_}; }
  struct BatchResult {
    std::int64_t rated = 0, suspended = 0, duplicates = 0;
  };
  // Same as submit() per event, in order, but faster: it prefetches the
  // state of events a few places ahead, so their cache misses overlap.
  BatchResult submit_batch(std::span<const RatingEvent> events);

  // Bytes the engine holds, approximately: subscribers (entries and
  // blocks), seen-id windows, refund logs, suspense, late lines.
  std::size_t memory_bytes() const;
  struct MemoryStats {
    std::size_t subscribers = 0, seen_ids = 0, refunds = 0, other = 0;
    std::size_t refund_records = 0, seen_id_exceptions = 0;
  };
  MemoryStats memory() const;

  // Sees every rated event (also those re-rated from suspense) and every
  // newly suspended one; nullptr for none. Not owned.
  void set_observer(RatingObserver* observer) { observer_ = observer; }

  // --- billing
  // Closes the open cycle [start, end): invoices and settlements.
  CycleStatement close_cycle(SimTime end);
  // The same, but each invoice goes to `sink` as it is made (in subscriber
  // order) instead of into the statement, whose `invoices` stays empty: a
  // million invoices never sit in memory at once. `invoiced` still sums them.
  using InvoiceSink = std::function<void(const Invoice&)>;
  CycleStatement close_cycle(SimTime end, const InvoiceSink& sink);
  SimTime cycle_start() const { return cycle_start_; }
  std::uint32_t open_cycle() const { return cycle_; }  // the open cycle's number (0 first)

  const RatingCounters& counters() const { return counters_; }
  // Throws std::logic_error when a conservation law does not hold.
  void check_conservation() const;

  // Suspended events of `user` (unknown-offering ones are kept apart).
  std::vector<RatingEvent> suspended_events(SubscriberId user) const;

 private:
  using Period = SubscriberStore::Period;
  using Account = SubscriberStore::Account;
  using Subscriber = SubscriberStore::Subscriber;
  struct LineTotals {
    std::int64_t events = 0;
    Quantity quantity;
    Money amount;
  };
  // A line of the open cycle that is not an account's on-time line: a late
  // event's, or one of the other kind than the account's.
  struct SideKey {
    std::uint32_t user;
    std::uint16_t offering;
    EventKind kind;
    bool late;
    friend auto operator<=>(const SideKey&, const SideKey&) = default;
  };
  struct PartyTotals {
    Money by_kind[kChargeKindCount];
    std::int64_t shares = 0;
  };
  struct Suspended {
    RatingEvent event;
    SuspenseReason reason;
  };

  struct Attempt {
    RatingOutcome outcome;
    PlanId plan;
  };
  RatingOutcome intake(const RatingEvent& e);
  bool rate_on_time(const RatingEvent& e, RatingOutcome& out);
  RatingOutcome rate_general(const RatingEvent& e);
  Attempt try_rate(const RatingEvent& e);
  Attempt try_refund(const RatingEvent& e);
  SuspenseReason find_period(const RatingEvent& e, std::size_t& period, Subscriber*& sub);
  // Checks the last split's shares against the charge and adds the event
  // to its invoice line, its parties and the counters (rated events and
  // refunds alike). Inline: it is on the per-event path.
  void book_event(const RatingEvent& e, Account& account, Money charge, Quantity q, bool late);
  // Prices a usage or purchase in its period, splits it, books it and logs
  // it for refunds; both rating paths end here. Returns the charge.
  Money charge_and_book(const RatingEvent& e, const RatingRule& rule, const Period& period, Account& acc, bool late);
  static void add_line(LineTotals& line, Money charge, Quantity q) {
    ++line.events;
    line.quantity += q;
    line.amount += charge;
  }
  static ChargeKind charge_kind(EventKind kind) {
    return kind == EventKind::kPurchase ? ChargeKind::kPurchase : ChargeKind::kUsage;
  }
  void suspend(const RatingEvent& e, SuspenseReason reason);
  void retry_suspense(SubscriberId user);
  void notify(const RatingEvent& e, const Attempt& a, bool from_suspense);
  RefundLog& refund_log(EventKind kind) { return refunds_[static_cast<std::size_t>(kind)]; }

  void start_period(Subscriber& sub, PlanId plan, OfferingId offering, std::int64_t at);
  // Sizes `sub`'s block once for the periods of `offerings` (none: the
  // plan's) and an account for each BSP offering among them.
  void make_room(Subscriber& sub, PlanId plan, std::span<const OfferingId> offerings);
  void stop_periods(Subscriber& sub, std::int64_t at, OfferingId only = OfferingId());
  void invoice_subscriber(SubscriberId id, Subscriber& sub, std::int64_t start, std::int64_t end,
                          CycleStatement& out, const InvoiceSink& sink);
  void invoice_lines(SubscriberId id, Account& acc, Invoice& inv);
  // Adds the last split's shares to their parties' cycle totals and the
  // event to the counters (both rating paths end here).
  void count_rated(ChargeKind kind, Money charge) {
    for (std::size_t i = 0; i < scratch_size_; ++i) {
      PartyTotals& p = parties_[scratch_[i].party.value()];
      p.by_kind[static_cast<std::size_t>(kind)] += scratch_[i].amount;
      ++p.shares;
    }
    ++counters_.rated;
    counters_.charged += charge;
  }

  const Catalog& catalog_;
  const RatingBook& book_;
  RatingEngineOptions options_;
  std::vector<ProviderId> offering_owner_;  // by offering: read per event, kept dense
  std::vector<ProviderId> plan_isp_;        // by plan: resolves `isp` shares
  SubscriberStore subscribers_;
  SeenIds seen_;
  std::array<RefundLog, kEventKindCount> refunds_;  // by EventKind
  std::vector<PartyTotals> parties_;
  std::map<SideKey, LineTotals> side_lines_;  // of the open cycle: late or other-kind lines
  std::unordered_map<std::uint32_t, std::vector<Suspended>> suspense_;  // by user
  std::vector<Suspended> unresolvable_;                                  // unknown offering
  RatingObserver* observer_ = nullptr;
  std::array<PartyAmount, ShareRule::kMaxParties> scratch_{};
  std::size_t scratch_size_ = 0;
  RatingCounters counters_;
  SimTime cycle_start_;
  SimTime closed_until_;  // end of the last closed cycle
  std::uint32_t cycle_ = 0;
};

[[gnu::always_inline]] inline void RatingEngine::book_event(const RatingEvent& e, Account& acc, Money charge, Quantity q,
                                                            bool late) {
  Money sum;
  for (std::size_t i = 0; i < scratch_size_; ++i) sum += scratch_[i].amount;
  PROVSIM_CHECK(sum == charge, "shares " + sum.to_string() + " != charge " + charge.to_string() + " for event " +
                                   std::to_string(e.id));
  if (late || e.kind != acc.kind) {
    add_line(side_lines_[SideKey{e.user.value(), e.offering.value(), e.kind, late}], charge, q);
  } else {
    PROVSIM_CHECK(acc.events != std::numeric_limits<std::uint32_t>::max(), "too many events on one invoice line");
    ++acc.events;
    acc.quantity += q;
    acc.amount += charge;
  }
  count_rated(charge_kind(e.kind), charge);
  if (late) ++counters_.late;
}

}  // namespace provsim
