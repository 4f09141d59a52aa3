// Rating: event intake (duplicates, the on-time fast path, the general
// path), suspense and its retries, and the subscription changes that
// retry it. Refunds are in rating_refunds.cpp, billing in rating_billing.cpp.
#include "model/rating/rating_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace provsim {
namespace {

constexpr std::int32_t kOpen = SubscriberStore::kOpenPeriod;

std::int32_t period_seconds(SimTime t) {
  const std::int64_t s = whole_seconds(t);
  if (s < std::numeric_limits<std::int32_t>::min() || s >= kOpen)
    throw std::invalid_argument("subscription time " + std::to_string(t) + " is out of range");
  return static_cast<std::int32_t>(s);
}

bool covers(std::int32_t start, std::int32_t stop, SimTime t) {
  return static_cast<double>(start) <= t && (stop == kOpen || t < static_cast<double>(stop));
}

}  // namespace

RatingEngine::RatingEngine(const Catalog& catalog, const RatingBook& book, RatingEngineOptions options)
    : catalog_(catalog),
      book_(book),
      options_(options),
      parties_(catalog.providers().size()),
      cycle_start_(options.first_cycle_start),
      closed_until_(options.first_cycle_start) {
  static_assert(sizeof(Period) == 16 && sizeof(Account) == 32 && sizeof(Subscriber) == 24, "see docs/rating.md");
  refund_log(EventKind::kPurchase) = RefundLog(options.purchase_refund_window);
  refund_log(EventKind::kUsage) = RefundLog(options.usage_refund_window);
  for (const auto& o : catalog.offerings()) offering_owner_.push_back(o.owner);
  for (const auto& p : catalog.plans()) plan_isp_.push_back(p.isp);
}

// ---------------------------------------------------------------- events

[[gnu::always_inline]] inline Money RatingEngine::charge_and_book(const RatingEvent& e, const RatingRule& rule,
                                                                  const Period& period, Account& acc, bool late) {
  const Money charge = rule.charge(PriceInput{e.quantity, e.start, acc.cycle_used, e.session_offset, e.later_part});
  acc.cycle_used += e.quantity;
  scratch_size_ = book_.shares(e.offering).split(charge, e.quantity, scratch_, plan_isp_[period.plan.value()]);
  book_event(e, acc, charge, e.quantity, late);
  refund_log(e.kind).add(e.bsp, e.id, RefundOriginal{charge, e.quantity, e.user, e.offering, period.plan});
  return charge;
}

// The usual event, rated without leaving this function: a usage or
// purchase (not a refund) of a known subscriber's period that has a rule and
// an account of its kind, on time. It does what try_rate, book_event and
// notify do for such an event, in the same order; anything else returns
// false before any effect, for the general path. Inline, so that
// submit_batch runs it with no call but the price model's.
[[gnu::always_inline]] inline bool RatingEngine::rate_on_time(const RatingEvent& e, RatingOutcome& out) {
  const auto o = e.offering.value();
  if (e.is_refund() || e.start < closed_until_ || o >= offering_owner_.size() || offering_owner_[o] != e.bsp ||
      !subscribers_.contains(e.user))
    return false;
  Subscriber& sub = subscribers_[e.user];
  const Period* periods = sub.period_data();
  const Period* period = nullptr;
  for (std::size_t i = 0; i < sub.periods; ++i)
    if (periods[i].offering == e.offering) {
      // The first period of the offering that covers the event is the one
      // find_period picks.
      if (covers(periods[i].start, periods[i].stop, e.start)) {
        period = &periods[i];
        break;
      }
    }
  if (!period || period->account == SubscriberStore::kNoAccount) return false;
  Account& acc = sub.account_data()[period->account];
  if (e.kind != acc.kind) return false;
  const RatingRule* rule = book_.rule(period->plan, period->offering);
  if (!rule) return false;

  const Money charge = charge_and_book(e, *rule, *period, acc, false);
  out = RatingOutcome{RatingStatus::kRated, SuspenseReason::kNone, charge, false, false};
  if (observer_)
    observer_->on_rated(RatedEvent{e, period->plan, charge, last_shares(), false, false, false});
  return true;
}

[[gnu::always_inline]] inline RatingOutcome RatingEngine::intake(const RatingEvent& e) {
  ++counters_.received;
  scratch_size_ = 0;
  if (!seen_.insert(e.bsp, e.id)) {
    ++counters_.duplicates;
    return RatingOutcome{RatingStatus::kDuplicate, SuspenseReason::kNone, Money{}, false, false};
  }
  RatingOutcome out;
  if (!options_.general_path_only && rate_on_time(e, out)) return out;
  return rate_general(e);
}

RatingOutcome RatingEngine::rate_general(const RatingEvent& e) {
  const Attempt a = try_rate(e);
  if (a.outcome.status == RatingStatus::kRated) {
    notify(e, a, false);
  } else {
    suspend(e, a.outcome.reason);
  }
  return a.outcome;
}

RatingOutcome RatingEngine::submit(const RatingEvent& e) { return intake(e); }

RatingEngine::BatchResult RatingEngine::submit_batch(std::span<const RatingEvent> events) {
  // Three-stage prefetch: the subscriber entry far ahead, then (once it is
  // likely cached) its block of periods, then the account its period names.
  constexpr std::size_t kFar = 12, kMid = 8, kNear = 4;
  BatchResult r;
  const std::size_t n = events.size();
  // The batch's first events have no earlier ones to start their stages:
  // start them here, stage by stage, so their misses overlap.
  for (std::size_t i = 0; i < std::min(n, kFar); ++i) subscribers_.prefetch_entry(events[i].user);
  for (std::size_t i = 0; i < std::min(n, kMid); ++i) subscribers_.prefetch_block(events[i].user);
  for (std::size_t i = 0; i < std::min(n, kNear); ++i) subscribers_.prefetch_account(events[i].user, events[i].offering);
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kFar < n) subscribers_.prefetch_entry(events[i + kFar].user);
    if (i + kMid < n) subscribers_.prefetch_block(events[i + kMid].user);
    if (i + kNear < n) subscribers_.prefetch_account(events[i + kNear].user, events[i + kNear].offering);
    switch (intake(events[i]).status) {
      case RatingStatus::kRated: ++r.rated; break;
      case RatingStatus::kSuspended: ++r.suspended; break;
      case RatingStatus::kDuplicate: ++r.duplicates; break;
    }
  }
  return r;
}

SuspenseReason RatingEngine::find_period(const RatingEvent& e, std::size_t& period, Subscriber*& sub) {
  if (e.offering.value() >= offering_owner_.size() || offering_owner_[e.offering.value()] != e.bsp)
    return SuspenseReason::kUnknownOffering;
  if (!subscribers_.contains(e.user) || !subscribers_[e.user].known) return SuspenseReason::kUnknownUser;
  sub = &subscribers_[e.user];
  bool seen = false;
  const Period* periods = sub->period_data();
  for (std::size_t i = 0; i < sub->periods; ++i) {
    const Period& p = periods[i];
    if (p.offering != e.offering) continue;
    seen = true;
    if (covers(p.start, p.stop, e.start)) {
      period = i;
      return book_.rule(p.plan, p.offering) ? SuspenseReason::kNone : SuspenseReason::kNoRule;
    }
  }
  return seen ? SuspenseReason::kOutsideSubscription : SuspenseReason::kNotSubscribed;
}

RatingEngine::Attempt RatingEngine::try_rate(const RatingEvent& e) {
  if (e.is_refund()) return try_refund(e);
  Attempt a;
  std::size_t pi = 0;
  Subscriber* sub = nullptr;
  const SuspenseReason reason = find_period(e, pi, sub);
  if (reason != SuspenseReason::kNone) {
    a.outcome.status = RatingStatus::kSuspended;
    a.outcome.reason = reason;
    return a;
  }
  std::uint16_t ai = sub->period_data()[pi].account;
  if (ai == SubscriberStore::kNoAccount) {  // the offering's first event: make its account (may move the block)
    ai = SubscriberStore::account_index(*sub, e.offering, e.kind);
    sub->period_data()[pi].account = ai;
  }
  const Period& period = sub->period_data()[pi];
  Account& acc = sub->account_data()[ai];
  const bool late = e.start < closed_until_;
  const Money charge = charge_and_book(e, *book_.rule(period.plan, period.offering), period, acc, late);
  a.outcome = RatingOutcome{RatingStatus::kRated, SuspenseReason::kNone, charge, late, false};
  a.plan = period.plan;
  return a;
}

void RatingEngine::notify(const RatingEvent& e, const Attempt& a, bool from_suspense) {
  if (!observer_) return;
  observer_->on_rated(RatedEvent{e, a.plan, a.outcome.charge, last_shares(), a.outcome.late, a.outcome.clamped,
                                 from_suspense});
}

void RatingEngine::suspend(const RatingEvent& e, SuspenseReason reason) {
  ++counters_.suspended;
  ++counters_.suspended_by_reason[static_cast<std::size_t>(reason)];
  if (reason == SuspenseReason::kUnknownOffering)
    unresolvable_.push_back(Suspended{e, reason});
  else
    suspense_[e.user.value()].push_back(Suspended{e, reason});
  if (observer_) observer_->on_suspended(e, reason);
}

// Re-rates the user's suspended events in arrival order, again while any
// succeeds (a refund can follow its original out of suspense).
void RatingEngine::retry_suspense(SubscriberId user) {
  auto it = suspense_.find(user.value());
  if (it == suspense_.end()) return;
  bool progress = true;
  while (progress && !it->second.empty()) {
    progress = false;
    std::vector<Suspended> pending = std::move(it->second);
    std::vector<Suspended> still;
    for (Suspended& s : pending) {
      --counters_.suspended_by_reason[static_cast<std::size_t>(s.reason)];
      const Attempt a = try_rate(s.event);
      if (a.outcome.status == RatingStatus::kRated) {
        --counters_.suspended;
        ++counters_.resolved;
        notify(s.event, a, true);
        progress = true;
      } else {
        s.reason = a.outcome.reason;
        ++counters_.suspended_by_reason[static_cast<std::size_t>(s.reason)];
        still.push_back(s);
      }
    }
    it->second = std::move(still);
  }
  if (it->second.empty()) suspense_.erase(it);
}

std::vector<RatingEvent> RatingEngine::suspended_events(SubscriberId user) const {
  std::vector<RatingEvent> out;
  auto it = suspense_.find(user.value());
  if (it != suspense_.end())
    for (const auto& s : it->second) out.push_back(s.event);
  for (const auto& s : unresolvable_)
    if (s.event.user == user) out.push_back(s.event);
  return out;
}

// ---------------------------------------------------------- subscriptions

void RatingEngine::start_period(Subscriber& sub, PlanId plan, OfferingId offering, std::int64_t at) {
  const PlanItem* item = catalog_.plan(plan).item(offering);
  if (!item)
    throw std::invalid_argument("offering " + catalog_.offering(offering).code + " is not in plan " +
                                catalog_.plan(plan).code);
  for (const Period& p : sub.period_span())
    if (p.offering == offering && p.stop == kOpen)
      throw std::invalid_argument("already subscribed to " + catalog_.offering(offering).code);
  // A period reuses the offering's account (events of a later period of
  // the same offering add up on the same invoice line).
  std::uint16_t account = SubscriberStore::kNoAccount;
  for (const Period& p : sub.period_span())
    if (p.offering == offering && p.account != SubscriberStore::kNoAccount) account = p.account;
  SubscriberStore::add_period(sub, Period{offering, plan, account, 0, static_cast<std::int32_t>(at), kOpen});
}

// BSP offerings are the ones events come for, so each will have an account
// soon. Sized so, a subscriber's block is made once; grown one period and one
// account at a time, it was made and copied about ten times (ten million
// heap blocks in a million subscribers' first two days).
void RatingEngine::make_room(Subscriber& sub, PlanId plan, std::span<const OfferingId> offerings) {
  std::size_t periods = 0, rated = 0;
  const auto count = [&](OfferingId o) {
    ++periods;
    if (o.value() >= catalog_.offerings().size()) return;  // start_period refuses it
    const OfferingKind kind = catalog_.offering(o).kind;
    rated += kind == OfferingKind::kBspPurchase || kind == OfferingKind::kBspUsage;
  };
  if (offerings.empty())
    for (const PlanItem& item : catalog_.plan(plan).items) count(item.offering);
  else
    for (OfferingId o : offerings) count(o);
  SubscriberStore::reserve(sub, sub.periods + periods, sub.accounts + rated);
}

void RatingEngine::stop_periods(Subscriber& sub, std::int64_t at, OfferingId only) {
  for (Period& p : sub.period_span())
    if (p.stop == kOpen && (!only.valid() || p.offering == only))
      p.stop = static_cast<std::int32_t>(std::max<std::int64_t>(at, p.start));
}

void RatingEngine::open_subscription(SubscriberId user, PlanId plan, SimTime start,
                                     std::span<const OfferingId> offerings) {
  if (!plan.valid() || plan.value() >= catalog_.plans().size()) throw std::invalid_argument("unknown plan");
  Subscriber& sub = subscribers_.for_change(user);
  if (sub.open) throw std::invalid_argument("subscription " + std::to_string(user.value()) + " is already open");
  sub.known = true;
  sub.open = true;
  sub.plan = plan;
  const std::int64_t at = period_seconds(start);
  make_room(sub, plan, offerings);
  if (offerings.empty())
    for (const PlanItem& item : catalog_.plan(plan).items) start_period(sub, plan, item.offering, at);
  else
    for (OfferingId o : offerings) start_period(sub, plan, o, at);
  retry_suspense(user);
}

void RatingEngine::add_offering(SubscriberId user, OfferingId offering, SimTime at) {
  Subscriber& sub = subscribers_.for_change(user);
  if (!sub.open) throw std::invalid_argument("no open subscription for " + std::to_string(user.value()));
  start_period(sub, sub.plan, offering, period_seconds(at));
  retry_suspense(user);
}

void RatingEngine::remove_offering(SubscriberId user, OfferingId offering, SimTime at) {
  Subscriber& sub = subscribers_.for_change(user);
  bool found = false;
  for (const Period& p : sub.period_span()) found = found || (p.offering == offering && p.stop == kOpen);
  if (!sub.open || !found) throw std::invalid_argument("offering is not subscribed");
  stop_periods(sub, period_seconds(at), offering);
}

void RatingEngine::change_plan(SubscriberId user, PlanId plan, SimTime at, std::span<const OfferingId> offerings) {
  if (!plan.valid() || plan.value() >= catalog_.plans().size()) throw std::invalid_argument("unknown plan");
  Subscriber& sub = subscribers_.for_change(user);
  if (!sub.open) throw std::invalid_argument("no open subscription for " + std::to_string(user.value()));
  const std::int64_t t = period_seconds(at);
  stop_periods(sub, t);
  sub.plan = plan;
  make_room(sub, plan, offerings);
  if (offerings.empty())
    for (const PlanItem& item : catalog_.plan(plan).items) start_period(sub, plan, item.offering, t);
  else
    for (OfferingId o : offerings) start_period(sub, plan, o, t);
  retry_suspense(user);
}

void RatingEngine::close_subscription(SubscriberId user, SimTime at) {
  Subscriber& sub = subscribers_.for_change(user);
  if (!sub.open) throw std::invalid_argument("no open subscription for " + std::to_string(user.value()));
  stop_periods(sub, period_seconds(at));
  sub.open = false;
}

bool RatingEngine::is_subscribed(SubscriberId user) const {
  return subscribers_.contains(user) && subscribers_[user].open;
}

RatingEngine::MemoryStats RatingEngine::memory() const {
  constexpr std::size_t kMapNode = 80;  // a std::map / unordered_map node, roughly
  MemoryStats m;
  m.subscribers = subscribers_.bytes();
  m.seen_ids = seen_.bytes();
  m.seen_id_exceptions = seen_.exceptions();
  for (const RefundLog& log : refunds_) {
    m.refunds += log.bytes();
    m.refund_records += log.size();
  }
  m.other = side_lines_.size() * kMapNode + unresolvable_.capacity() * sizeof(Suspended) +
            offering_owner_.capacity() * sizeof(ProviderId) + plan_isp_.capacity() * sizeof(ProviderId) +
            parties_.capacity() * sizeof(PartyTotals);
  for (const auto& [user, list] : suspense_) m.other += kMapNode + list.capacity() * sizeof(Suspended);
  return m;
}

std::size_t RatingEngine::memory_bytes() const {
  const MemoryStats m = memory();
  return m.subscribers + m.seen_ids + m.refunds + m.other;
}

}  // namespace provsim
