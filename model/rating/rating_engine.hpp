#pragma once
// The rating engine (SPEC 2.4): subscriptions, event intake with duplicate
// dropping and suspense, price models, revenue shares, billing cycles.
//
// Hot path (submit): ids are dense indexes, so finding the subscriber, the
// offering's subscription period and the rating rule are array reads and a
// short scan of the subscriber's few periods, which are stored inside the
// subscriber's entry (no pointer to chase); the period names its account,
// so the event's totals are found without a second scan. Duplicate
// detection is one probe of a flat hash table. Nothing is allocated per
// event except the amortised growth of the id table and of the refund
// records.
//
// Conservation, checked at every close_cycle and on demand:
//   received = rated + suspended + duplicates      (counters)
//   every event's shares add up to its charge      (checked per event)
//   sum of invoice totals = sum of settlements     (per cycle and overall)
//
// Cycle assignment is by arrival: an event is billed in the cycle that is
// open when it arrives. One whose time lies before the end of the last
// closed cycle is "late": it goes on the next invoice on a late line.

#include <array>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/rating/billing_statement.hpp"
#include "model/rating/event_index.hpp"
#include "model/rating/inline_vector.hpp"
#include "model/rating/rating_book.hpp"
#include "model/rating/rating_event.hpp"

namespace provsim {

struct RatingEngineOptions {
  SimTime first_cycle_start = 0;
  Rounding proration = Rounding::kHalfUp;  // of prorated monthly fees
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

  // Sets up room for `events` more events now (id table, refund records),
  // so intake does not pay for growing memory. Optional.
  void reserve(std::size_t events);

  // Sees every rated event (also those re-rated from suspense) and every
  // newly suspended one; nullptr for none. Not owned.
  void set_observer(RatingObserver* observer) { observer_ = observer; }

  // --- billing
  // Closes the open cycle [start, end): invoices and settlements.
  CycleStatement close_cycle(SimTime end);
  SimTime cycle_start() const { return cycle_start_; }

  const RatingCounters& counters() const { return counters_; }
  // Throws std::logic_error when a conservation law does not hold.
  void check_conservation() const;

  // Suspended events of `user` (unknown-offering ones are kept apart).
  std::vector<RatingEvent> suspended_events(SubscriberId user) const;

 private:
  struct Period {  // 32 bytes: two per cache line
    OfferingId offering;
    PlanId plan;
    std::uint16_t account = 0;  // index in Subscriber::accounts
    const RatingRule* rule = nullptr;
    std::int64_t start = 0;  // whole seconds, [start, stop)
    std::int64_t stop = 0;
  };
  struct LineTotals {
    std::int64_t events = 0;
    Quantity quantity;
    Money amount;
  };
  // One per offering the subscriber ever had: one cache line, what an
  // on-time event updates. Late events (rare) add up in late_lines_.
  struct alignas(64) Account {
    OfferingId offering;
    Quantity cycle_used;
    LineTotals lines[2];  // [purchase/usage], on time
  };
  struct LateKey {
    std::uint32_t user;
    std::uint16_t offering;
    std::uint8_t kind;  // 0 purchase, 1 usage
    friend auto operator<=>(const LateKey&, const LateKey&) = default;
  };
  // Periods (and accounts) beyond this many move to the heap.
  static constexpr std::size_t kInlinePeriods = 6;
  struct Subscriber {
    bool known = false;
    bool open = false;
    PlanId plan;
    InlineVector<Period, kInlinePeriods> periods;
    InlineVector<Account, kInlinePeriods> accounts;  // beside the periods: one page, no pointer
  };
  struct Record {  // a rated event that may be refunded
    std::int64_t charge;
    std::int64_t refunded;
    std::int64_t quantity;
    SubscriberId user;
    OfferingId offering;
    PlanId plan;  // whose ISP takes an `isp` share back
  };
  struct PartyTotals {
    Money by_kind[kChargeKindCount];
    std::int64_t shares = 0;
  };
  struct Suspended {
    RatingEvent event;
    SuspenseReason reason;
  };
  static constexpr std::uint32_t kSuspendedMark = 0xFFFFFFFF;
  static constexpr std::uint32_t kNotRefundable = 0xFFFFFFFE;

  struct Attempt {
    RatingOutcome outcome;
    std::uint32_t index_value = kSuspendedMark;
    PlanId plan;
  };
  Attempt try_rate(const RatingEvent& e);
  Attempt try_refund(const RatingEvent& e);
  SuspenseReason find_period(const RatingEvent& e, const Period*& period, Subscriber*& sub);
  void book_event(const RatingEvent& e, Account& account, Money charge, Quantity q, bool late);
  static void add_line(LineTotals& line, Money charge, Quantity q);
  void suspend(const RatingEvent& e, SuspenseReason reason);
  void retry_suspense(SubscriberId user);
  void notify(const RatingEvent& e, const Attempt& a, bool from_suspense);
  void prefetch_subscriber(const RatingEvent& e, bool deep) const;
  Record& record(std::uint32_t i) { return record_blocks_[i >> kRecordBlockBits][i & (kRecordBlock - 1)]; }

  Subscriber& subscriber_for_change(SubscriberId user);
  void start_period(Subscriber& sub, PlanId plan, OfferingId offering, std::int64_t at);
  void stop_periods(Subscriber& sub, std::int64_t at, OfferingId only = OfferingId());
  Account& account(Subscriber& sub, OfferingId offering);
  void invoice_subscriber(SubscriberId id, Subscriber& sub, std::int64_t start, std::int64_t end,
                          CycleStatement& out);

  const Catalog& catalog_;
  const RatingBook& book_;
  RatingEngineOptions options_;
  std::vector<ProviderId> offering_owner_;  // by offering: read per event, kept dense
  std::vector<ProviderId> plan_isp_;        // by plan: resolves `isp` shares
  std::vector<Subscriber> subscribers_;
  EventIndex index_;
  // Refund records in fixed blocks: growing never copies the old ones.
  static constexpr unsigned kRecordBlockBits = 16;
  static constexpr std::uint32_t kRecordBlock = 1u << kRecordBlockBits;
  std::vector<std::unique_ptr<Record[]>> record_blocks_;
  std::uint32_t records_ = 0;
  std::vector<PartyTotals> parties_;
  std::map<LateKey, LineTotals> late_lines_;  // of the open cycle
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

}  // namespace provsim
