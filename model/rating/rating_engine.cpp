#include "model/rating/rating_engine.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "model/core/check.hpp"

namespace provsim {
namespace {

// Period bounds are 32-bit whole seconds (68 years of simulated time).
constexpr std::int32_t kOpen = std::numeric_limits<std::int32_t>::max();

// Subscriptions are prorated to the second: times are cut to whole seconds.
std::int64_t whole_seconds(SimTime t) { return static_cast<std::int64_t>(std::floor(t)); }

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
  refunds_[0] = RefundLog(options.purchase_refund_window);
  refunds_[1] = RefundLog(options.usage_refund_window);
  for (const auto& o : catalog.offerings()) offering_owner_.push_back(o.owner);
  for (const auto& p : catalog.plans()) plan_isp_.push_back(p.isp);
}

// ---------------------------------------------------------------- events

[[gnu::always_inline]] inline void RatingEngine::book_event(const RatingEvent& e, Account& acc, Money charge,
                                                            Quantity q, bool late) {
  Money sum;
  for (std::size_t i = 0; i < scratch_size_; ++i) sum += scratch_[i].amount;
  PROVSIM_CHECK(sum == charge, "shares " + sum.to_string() + " != charge " + charge.to_string() + " for event " +
                                   std::to_string(e.id));
  const std::size_t k = kind_index(e.kind);
  if (late || k != acc.kind) {
    add_line(side_lines_[SideKey{e.user.value(), e.offering.value(), static_cast<std::uint8_t>(k),
                                 static_cast<std::uint8_t>(late)}],
             charge, q);
  } else {
    PROVSIM_CHECK(acc.events != std::numeric_limits<std::uint32_t>::max(), "too many events on one invoice line");
    ++acc.events;
    acc.quantity += q;
    acc.amount += charge;
  }
  count_rated(e.kind == EventKind::kPurchase ? ChargeKind::kPurchase : ChargeKind::kUsage, charge);
  if (late) ++counters_.late;
}

[[gnu::always_inline]] inline Money RatingEngine::charge_and_book(const RatingEvent& e, const RatingRule& rule,
                                                                  const Period& period, Account& acc, bool late) {
  const Money charge = rule.charge(PriceInput{e.quantity, e.start, acc.cycle_used, e.session_offset, e.later_part});
  acc.cycle_used += e.quantity;
  scratch_size_ = book_.shares(e.offering).split(charge, e.quantity, scratch_, plan_isp_[period.plan.value()]);
  book_event(e, acc, charge, e.quantity, late);
  refunds_[kind_index(e.kind)].add(e.bsp, e.id, RefundOriginal{charge, e.quantity, e.user, e.offering, period.plan});
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
  const auto u = e.user.value();
  if (e.is_refund() || e.start < closed_until_ || o >= offering_owner_.size() || offering_owner_[o] != e.bsp ||
      u >= subscribers_.size())
    return false;
  Subscriber& sub = subscribers_[u];
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
  if (!period || period->account == kNoAccount) return false;
  Account& acc = sub.account_data()[period->account];
  const std::size_t k = kind_index(e.kind);
  if (k != acc.kind) return false;
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

// The prefetch helpers are forced inline: GCC sees an out-of-line function
// whose only effect is a prefetch as free of side effects and drops every
// call to it, which silently turned these two stages off.
[[gnu::always_inline]] inline void RatingEngine::prefetch_entry(const RatingEvent& e) const {
  if (e.user.value() < subscribers_.size()) __builtin_prefetch(&subscribers_[e.user.value()]);
}

[[gnu::always_inline]] inline void RatingEngine::prefetch_block(const RatingEvent& e) const {
  if (e.user.value() >= subscribers_.size()) return;
  const Subscriber& s = subscribers_[e.user.value()];
  if (s.block) __builtin_prefetch(s.block.get());
}

[[gnu::always_inline]] inline void RatingEngine::prefetch_account(const RatingEvent& e) const {
  if (e.user.value() >= subscribers_.size()) return;
  const Subscriber& s = subscribers_[e.user.value()];
  for (const Period& p : s.period_span())
    if (p.offering == e.offering) {
      if (p.account != kNoAccount) __builtin_prefetch(s.account_data() + p.account);
      return;
    }
}

RatingEngine::BatchResult RatingEngine::submit_batch(std::span<const RatingEvent> events) {
  // Three-stage prefetch: the subscriber entry far ahead, then (once it is
  // likely cached) its block of periods, then the account its period names.
  constexpr std::size_t kFar = 12, kMid = 8, kNear = 4;
  BatchResult r;
  const std::size_t n = events.size();
  // The batch's first events have no earlier ones to start their stages:
  // start them here, stage by stage, so their misses overlap.
  for (std::size_t i = 0; i < std::min(n, kFar); ++i) prefetch_entry(events[i]);
  for (std::size_t i = 0; i < std::min(n, kMid); ++i) prefetch_block(events[i]);
  for (std::size_t i = 0; i < std::min(n, kNear); ++i) prefetch_account(events[i]);
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kFar < n) prefetch_entry(events[i + kFar]);
    if (i + kMid < n) prefetch_block(events[i + kMid]);
    if (i + kNear < n) prefetch_account(events[i + kNear]);
    switch (intake(events[i]).status) {
      case RatingStatus::kRated: ++r.rated; break;
      case RatingStatus::kSuspended: ++r.suspended; break;
      case RatingStatus::kDuplicate: ++r.duplicates; break;
    }
  }
  return r;
}

void RatingEngine::reserve(std::size_t /*events*/) {}

SuspenseReason RatingEngine::find_period(const RatingEvent& e, std::size_t& period, Subscriber*& sub) {
  if (e.offering.value() >= offering_owner_.size() || offering_owner_[e.offering.value()] != e.bsp)
    return SuspenseReason::kUnknownOffering;
  if (e.user.value() >= subscribers_.size() || !subscribers_[e.user.value()].known)
    return SuspenseReason::kUnknownUser;
  sub = &subscribers_[e.user.value()];
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
  if (ai == kNoAccount) {  // the offering's first event: make its account (may move the block)
    ai = account_index(*sub, e.offering, e.kind);
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

// A refund gives back the original's charge pro rata to quantity, never
// more than is left of it: an over-large refund is clamped (and counted),
// not suspended, because the BSP's intent (refund the purchase) is clear.
RatingEngine::Attempt RatingEngine::try_refund(const RatingEvent& e) {
  Attempt a;
  a.outcome.status = RatingStatus::kSuspended;
  a.outcome.reason = SuspenseReason::kUnknownOriginal;
  if (e.offering.value() >= offering_owner_.size() || offering_owner_[e.offering.value()] != e.bsp) {
    a.outcome.reason = SuspenseReason::kUnknownOffering;
    return a;
  }
  // The original is looked up in the log of the refund's kind first (BSPs
  // send a refund with its original's kind), then in the other.
  RefundOriginal original;
  RefundLog* log = &refunds_[kind_index(e.kind)];
  if (!log->find(e.bsp, e.refund_of, original)) {
    log = &refunds_[1 - kind_index(e.kind)];
    if (!log->find(e.bsp, e.refund_of, original)) return a;
  }
  if (original.user != e.user || original.offering != e.offering) return a;

  const Money charge = original.charge;
  const Quantity q = e.quantity.magnitude();
  const Money wanted = original.quantity.millis() == 0
                           ? charge
                           : mul_div(charge, q.millis(), original.quantity.millis(), Rounding::kHalfUp);
  const Money left = charge - log->refunded(e.bsp, e.refund_of);
  const bool clamped = wanted > left;
  const Money refund = clamped ? left : wanted;
  log->add_refunded(e.bsp, e.refund_of, refund);

  scratch_size_ = book_.shares(e.offering).split_refund(charge, original.quantity, -refund, scratch_,
                                                        plan_isp_[original.plan.value()]);
  Subscriber& sub = subscribers_[e.user.value()];
  const bool late = e.start < closed_until_;
  Account& acc = sub.account_data()[account_index(sub, e.offering, e.kind)];
  book_event(e, acc, -refund, e.quantity, late);
  ++counters_.refunds;
  if (clamped) ++counters_.refunds_clamped;
  a.outcome = RatingOutcome{RatingStatus::kRated, SuspenseReason::kNone, -refund, late, clamped};
  a.plan = original.plan;
  return a;
}

void RatingEngine::add_line(LineTotals& line, Money charge, Quantity q) {
  ++line.events;
  line.quantity += q;
  line.amount += charge;
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

RatingEngine::Subscriber& RatingEngine::subscriber_for_change(SubscriberId user) {
  if (!user.valid()) throw std::invalid_argument("invalid subscriber id");
  if (user.value() >= subscribers_.size()) subscribers_.resize(user.value() + 1);
  return subscribers_[user.value()];
}

// Makes room for `periods` periods and `accounts` accounts in the block,
// with some slack so that adding one at a time does not copy each time.
void RatingEngine::grow(Subscriber& sub, std::size_t periods, std::size_t accounts) {
  if (periods <= sub.period_room && accounts <= sub.account_room) return;
  PROVSIM_CHECK(periods < kNoAccount && accounts < kNoAccount, "too many periods for one subscriber");
  const auto room = [](std::size_t need, std::uint16_t have) {
    if (need <= have) return have;
    return static_cast<std::uint16_t>(std::min<std::size_t>(kNoAccount - 1, std::max<std::size_t>(need, have + have / 2u)));
  };
  Subscriber next;
  next.period_room = room(periods, sub.period_room);
  next.account_room = room(accounts, sub.account_room);
  next.block = std::make_unique<std::byte[]>(next.block_bytes());
  if (sub.periods) std::memcpy(next.period_data(), sub.period_data(), sub.periods * sizeof(Period));
  if (sub.accounts) std::memcpy(next.account_data(), sub.account_data(), sub.accounts * sizeof(Account));
  sub.block = std::move(next.block);
  sub.period_room = next.period_room;
  sub.account_room = next.account_room;
}

// The account of `offering`, made (with the kind of its first event) if
// there is none yet.
std::uint16_t RatingEngine::account_index(Subscriber& sub, OfferingId offering, EventKind kind) {
  for (std::uint16_t i = 0; i < sub.accounts; ++i)
    if (sub.account_data()[i].offering == offering) return i;
  grow(sub, sub.periods, sub.accounts + 1u);
  Account* acc = new (sub.account_data() + sub.accounts) Account{};
  acc->offering = offering;
  acc->kind = static_cast<std::uint8_t>(kind_index(kind));
  return sub.accounts++;
}

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
  std::uint16_t account = kNoAccount;
  for (const Period& p : sub.period_span())
    if (p.offering == offering && p.account != kNoAccount) account = p.account;
  grow(sub, sub.periods + 1u, sub.accounts);
  new (sub.period_data() + sub.periods) Period{offering, plan, account, 0, static_cast<std::int32_t>(at), kOpen};
  ++sub.periods;
}

void RatingEngine::stop_periods(Subscriber& sub, std::int64_t at, OfferingId only) {
  for (Period& p : sub.period_span())
    if (p.stop == kOpen && (!only.valid() || p.offering == only))
      p.stop = static_cast<std::int32_t>(std::max<std::int64_t>(at, p.start));
}

void RatingEngine::open_subscription(SubscriberId user, PlanId plan, SimTime start,
                                     std::span<const OfferingId> offerings) {
  if (!plan.valid() || plan.value() >= catalog_.plans().size()) throw std::invalid_argument("unknown plan");
  Subscriber& sub = subscriber_for_change(user);
  if (sub.open) throw std::invalid_argument("subscription " + std::to_string(user.value()) + " is already open");
  sub.known = true;
  sub.open = true;
  sub.plan = plan;
  const std::int64_t at = period_seconds(start);
  if (offerings.empty())
    for (const PlanItem& item : catalog_.plan(plan).items) start_period(sub, plan, item.offering, at);
  else
    for (OfferingId o : offerings) start_period(sub, plan, o, at);
  retry_suspense(user);
}

void RatingEngine::add_offering(SubscriberId user, OfferingId offering, SimTime at) {
  Subscriber& sub = subscriber_for_change(user);
  if (!sub.open) throw std::invalid_argument("no open subscription for " + std::to_string(user.value()));
  start_period(sub, sub.plan, offering, period_seconds(at));
  retry_suspense(user);
}

void RatingEngine::remove_offering(SubscriberId user, OfferingId offering, SimTime at) {
  Subscriber& sub = subscriber_for_change(user);
  bool found = false;
  for (const Period& p : sub.period_span()) found = found || (p.offering == offering && p.stop == kOpen);
  if (!sub.open || !found) throw std::invalid_argument("offering is not subscribed");
  stop_periods(sub, period_seconds(at), offering);
}

void RatingEngine::change_plan(SubscriberId user, PlanId plan, SimTime at, std::span<const OfferingId> offerings) {
  if (!plan.valid() || plan.value() >= catalog_.plans().size()) throw std::invalid_argument("unknown plan");
  Subscriber& sub = subscriber_for_change(user);
  if (!sub.open) throw std::invalid_argument("no open subscription for " + std::to_string(user.value()));
  const std::int64_t t = period_seconds(at);
  stop_periods(sub, t);
  sub.plan = plan;
  if (offerings.empty())
    for (const PlanItem& item : catalog_.plan(plan).items) start_period(sub, plan, item.offering, t);
  else
    for (OfferingId o : offerings) start_period(sub, plan, o, t);
  retry_suspense(user);
}

void RatingEngine::close_subscription(SubscriberId user, SimTime at) {
  Subscriber& sub = subscriber_for_change(user);
  if (!sub.open) throw std::invalid_argument("no open subscription for " + std::to_string(user.value()));
  stop_periods(sub, period_seconds(at));
  sub.open = false;
}

bool RatingEngine::is_subscribed(SubscriberId user) const {
  return user.value() < subscribers_.size() && subscribers_[user.value()].open;
}

// ---------------------------------------------------------------- billing

void RatingEngine::invoice_subscriber(SubscriberId id, Subscriber& sub, std::int64_t start, std::int64_t end,
                                      CycleStatement& out, const InvoiceSink& sink) {
  Invoice inv{id, {}, Money{}};
  bool active = false;
  const std::int64_t length = end - start;
  const std::span<const Period> periods = sub.period_span();
  for (const Period& p : periods) {
    const std::int64_t overlap = std::min<std::int64_t>(p.stop, end) - std::max<std::int64_t>(p.start, start);
    if (overlap <= 0) continue;
    active = true;
    const Money fee = catalog_.plan(p.plan).item(p.offering)->monthly_fee;
    if (fee.is_zero()) continue;
    // A monthly fee is a fee per billing cycle, prorated to the second.
    const Money amount = mul_div(fee, overlap, length, options_.proration);
    const Quantity months = Quantity::from_millis(divide_rounded(
        static_cast<Int128>(overlap) * Quantity::kMillisPerUnit, length, Rounding::kHalfUp));
    inv.lines.push_back(InvoiceLine{p.offering, ChargeKind::kRecurring, false, 0, months, amount, p.plan});
    scratch_size_ = book_.shares(p.offering).split(amount, months, scratch_, plan_isp_[p.plan.value()]);
    Money sum;
    for (std::size_t i = 0; i < scratch_size_; ++i) {
      PartyTotals& party = parties_[scratch_[i].party.value()];
      party.by_kind[static_cast<std::size_t>(ChargeKind::kRecurring)] += scratch_[i].amount;
      ++party.shares;
      sum += scratch_[i].amount;
    }
    PROVSIM_CHECK(sum == amount, "recurring shares do not add up to the fee");
  }
  // Event lines per offering in the order the offerings were first
  // subscribed (accounts are made in event order).
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const OfferingId offering = periods[i].offering;
    bool first = true;
    for (std::size_t j = 0; j < i && first; ++j) first = periods[j].offering != offering;
    if (!first) continue;
    Account* acc = nullptr;
    for (Account& a : sub.account_span())
      if (a.offering == offering) acc = &a;
    if (acc) invoice_lines(id, *acc, inv);
  }
  if (inv.lines.empty() && !active) return;
  for (const auto& line : inv.lines) inv.total += line.amount;
  out.invoiced += inv.total;
  if (sink) {
    sink(inv);
  } else {
    out.invoices.push_back(std::move(inv));
  }
}

// The account's lines (on time, then late; purchases, then usage) and a
// fresh account for the next cycle.
void RatingEngine::invoice_lines(SubscriberId id, Account& acc, Invoice& inv) {
  for (std::uint8_t k = 0; k < 2; ++k) {
    const ChargeKind kind = k == 0 ? ChargeKind::kPurchase : ChargeKind::kUsage;
    for (std::uint8_t late = 0; late < 2; ++late) {
      if (!late && k == acc.kind) {
        if (acc.events != 0)
          inv.lines.push_back(InvoiceLine{acc.offering, kind, false, acc.events, acc.quantity, acc.amount, PlanId()});
        continue;
      }
      if (side_lines_.empty()) continue;
      auto it = side_lines_.find(SideKey{id.value(), acc.offering.value(), k, late});
      if (it == side_lines_.end()) continue;
      const LineTotals& l = it->second;
      inv.lines.push_back(InvoiceLine{acc.offering, kind, late == 1, l.events, l.quantity, l.amount, PlanId()});
      side_lines_.erase(it);
    }
  }
  acc.cycle_used = Quantity{};
  acc.quantity = Quantity{};
  acc.amount = Money{};
  acc.events = 0;
}

CycleStatement RatingEngine::close_cycle(SimTime end) { return close_cycle(end, nullptr); }

CycleStatement RatingEngine::close_cycle(SimTime end, const InvoiceSink& sink) {
  const std::int64_t start_s = whole_seconds(cycle_start_);
  const std::int64_t end_s = whole_seconds(end);
  if (end_s <= start_s) throw std::invalid_argument("a billing cycle must end after it starts");
  CycleStatement out;
  out.cycle = cycle_;
  out.start = cycle_start_;
  out.end = end;
  for (std::size_t i = 0; i < subscribers_.size(); ++i)
    if (subscribers_[i].known)
      invoice_subscriber(SubscriberId(static_cast<SubscriberId::rep>(i)), subscribers_[i], start_s, end_s, out, sink);
  PROVSIM_CHECK(side_lines_.empty(), "invoice lines of an unknown subscriber");
  for (std::size_t i = 0; i < parties_.size(); ++i) {
    PartyTotals& p = parties_[i];
    Settlement s;
    s.party = ProviderId(static_cast<ProviderId::rep>(i));
    for (std::size_t k = 0; k < kChargeKindCount; ++k) {
      s.by_kind[k] = p.by_kind[k];
      s.total += p.by_kind[k];
    }
    s.shares = p.shares;
    p = PartyTotals{};
    if (s.shares == 0 && s.total.is_zero()) continue;
    out.settled += s.total;
    out.settlements.push_back(s);
  }
  PROVSIM_CHECK(out.invoiced == out.settled, "cycle " + std::to_string(cycle_) + ": invoices " +
                                                 out.invoiced.to_string() + " != settlements " +
                                                 out.settled.to_string());
  counters_.invoiced += out.invoiced;
  counters_.settled += out.settled;
  cycle_start_ = end;
  closed_until_ = end;
  ++cycle_;
  check_conservation();
  return out;
}

void RatingEngine::check_conservation() const {
  const RatingCounters& c = counters_;
  PROVSIM_CHECK(c.received == c.rated + c.suspended + c.duplicates,
                "events received " + std::to_string(c.received) + " != rated " + std::to_string(c.rated) +
                    " + suspended " + std::to_string(c.suspended) + " + duplicates " + std::to_string(c.duplicates));
  std::int64_t by_reason = 0;
  for (auto n : c.suspended_by_reason) by_reason += n;
  PROVSIM_CHECK(by_reason == c.suspended, "suspense reasons do not add up");
  PROVSIM_CHECK(c.invoiced == c.settled, "invoices and settlements differ");
}

}  // namespace provsim

namespace provsim {

RatingEngine::MemoryStats RatingEngine::memory() const {
  constexpr std::size_t kMallocOverhead = 16;  // per heap block, glibc
  constexpr std::size_t kMapNode = 80;         // a std::map / unordered_map node, roughly
  MemoryStats m;
  m.subscribers = subscribers_.capacity() * sizeof(Subscriber);
  for (const Subscriber& s : subscribers_)
    if (s.block) m.subscribers += s.block_bytes() + kMallocOverhead;
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
