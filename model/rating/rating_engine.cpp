#include "model/rating/rating_engine.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "model/core/check.hpp"

namespace provsim {
namespace {

constexpr std::int64_t kOpen = std::numeric_limits<std::int64_t>::max();

// Subscriptions are prorated to the second: times are cut to whole seconds.
std::int64_t whole_seconds(SimTime t) { return static_cast<std::int64_t>(std::floor(t)); }

bool covers(std::int64_t start, std::int64_t stop, SimTime t) {
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
  for (const auto& o : catalog.offerings()) offering_owner_.push_back(o.owner);
  for (const auto& p : catalog.plans()) plan_isp_.push_back(p.isp);
}

// ---------------------------------------------------------------- events

RatingOutcome RatingEngine::submit(const RatingEvent& e) {
  ++counters_.received;
  scratch_size_ = 0;
  auto [slot, inserted] = index_.insert(e.bsp, e.id, kSuspendedMark);
  if (!inserted) {
    ++counters_.duplicates;
    return RatingOutcome{RatingStatus::kDuplicate, SuspenseReason::kNone, Money{}, false, false};
  }
  const Attempt a = try_rate(e);
  if (a.outcome.status == RatingStatus::kRated) {
    *slot = a.index_value;  // try_rate never inserts, so the slot is still valid
    notify(e, a, false);
  } else {
    suspend(e, a.outcome.reason);
  }
  return a.outcome;
}

RatingEngine::BatchResult RatingEngine::submit_batch(std::span<const RatingEvent> events) {
  // Two-stage prefetch: the subscriber entry far ahead, then (once it is
  // likely cached) the arrays it points to and the id-table slot.
  constexpr std::size_t kFar = 16, kNear = 8;
  BatchResult r;
  const std::size_t n = events.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kFar < n) prefetch_subscriber(events[i + kFar], false);
    if (i + kNear < n) {
      prefetch_subscriber(events[i + kNear], true);
      index_.prefetch(events[i + kNear].bsp, events[i + kNear].id);
    }
    switch (submit(events[i]).status) {
      case RatingStatus::kRated: ++r.rated; break;
      case RatingStatus::kSuspended: ++r.suspended; break;
      case RatingStatus::kDuplicate: ++r.duplicates; break;
    }
  }
  return r;
}

void RatingEngine::reserve(std::size_t events) {
  index_.reserve(index_.size() + events);
  const std::size_t wanted = (records_ + events + kRecordBlock - 1) / kRecordBlock;
  while (record_blocks_.size() < wanted) record_blocks_.push_back(std::make_unique<Record[]>(kRecordBlock));
}

void RatingEngine::prefetch_subscriber(const RatingEvent& e, bool deep) const {
  if (e.user.value() >= subscribers_.size()) return;
  const Subscriber& s = subscribers_[e.user.value()];
  if (!deep) {  // the entry's first lines: header and the first inline periods
    __builtin_prefetch(&s);
    __builtin_prefetch(reinterpret_cast<const char*>(&s) + 64);
    return;
  }
  // The entry is cached by now: find the offering's account line.
  for (const Period& p : s.periods)
    if (p.offering == e.offering) {
      __builtin_prefetch(&s.accounts[p.account]);
      return;
    }
}

SuspenseReason RatingEngine::find_period(const RatingEvent& e, const Period*& period, Subscriber*& sub) {
  if (e.offering.value() >= offering_owner_.size() || offering_owner_[e.offering.value()] != e.bsp)
    return SuspenseReason::kUnknownOffering;
  if (e.user.value() >= subscribers_.size() || !subscribers_[e.user.value()].known)
    return SuspenseReason::kUnknownUser;
  sub = &subscribers_[e.user.value()];
  bool seen = false;
  for (const Period& p : sub->periods) {
    if (p.offering != e.offering) continue;
    seen = true;
    if (covers(p.start, p.stop, e.start)) {
      period = &p;
      break;
    }
  }
  if (!period) return seen ? SuspenseReason::kOutsideSubscription : SuspenseReason::kNotSubscribed;
  if (!period->rule) return SuspenseReason::kNoRule;
  return SuspenseReason::kNone;
}

RatingEngine::Attempt RatingEngine::try_rate(const RatingEvent& e) {
  if (e.is_refund()) return try_refund(e);
  Attempt a;
  const Period* period = nullptr;
  Subscriber* sub = nullptr;
  const SuspenseReason reason = find_period(e, period, sub);
  if (reason != SuspenseReason::kNone) {
    a.outcome.status = RatingStatus::kSuspended;
    a.outcome.reason = reason;
    return a;
  }
  Account& acc = sub->accounts[period->account];
  const Money charge = period->rule->charge(PriceInput{e.quantity, e.start, acc.cycle_used});
  acc.cycle_used += e.quantity;
  scratch_size_ = book_.shares(e.offering).split(charge, e.quantity, scratch_, plan_isp_[period->plan.value()]);
  const bool late = e.start < closed_until_;
  book_event(e, acc, charge, e.quantity, late);
  PROVSIM_CHECK(records_ < kNotRefundable, "too many rated events for the refund records");
  if (records_ / kRecordBlock == record_blocks_.size()) record_blocks_.push_back(std::make_unique<Record[]>(kRecordBlock));
  a.index_value = records_++;
  record(a.index_value) = Record{charge.micros(), 0, e.quantity.millis(), e.user, e.offering, period->plan};
  a.outcome = RatingOutcome{RatingStatus::kRated, SuspenseReason::kNone, charge, late, false};
  a.plan = period->plan;
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
  const std::uint32_t* value = index_.find(e.bsp, e.refund_of);
  if (!value || *value >= kNotRefundable) return a;
  Record& original = record(*value);
  if (original.user != e.user || original.offering != e.offering) return a;

  const Money charge = Money::from_micros(original.charge);
  const Quantity q = e.quantity.magnitude();
  const Money wanted =
      original.quantity == 0 ? charge : mul_div(charge, q.millis(), original.quantity, Rounding::kHalfUp);
  const Money left = charge - Money::from_micros(original.refunded);
  const bool clamped = wanted > left;
  const Money refund = clamped ? left : wanted;
  original.refunded += refund.micros();

  scratch_size_ = book_.shares(e.offering).split_refund(charge, Quantity::from_millis(original.quantity), -refund,
                                                        scratch_, plan_isp_[original.plan.value()]);
  Subscriber& sub = subscribers_[e.user.value()];
  const bool late = e.start < closed_until_;
  book_event(e, account(sub, e.offering), -refund, e.quantity, late);
  ++counters_.refunds;
  if (clamped) ++counters_.refunds_clamped;
  a.index_value = kNotRefundable;
  a.outcome = RatingOutcome{RatingStatus::kRated, SuspenseReason::kNone, -refund, late, clamped};
  a.plan = original.plan;
  return a;
}

void RatingEngine::book_event(const RatingEvent& e, Account& acc, Money charge, Quantity q, bool late) {
  Money sum;
  for (std::size_t i = 0; i < scratch_size_; ++i) sum += scratch_[i].amount;
  PROVSIM_CHECK(sum == charge, "shares " + sum.to_string() + " != charge " + charge.to_string() + " for event " +
                                   std::to_string(e.id));
  const std::size_t k = e.kind == EventKind::kPurchase ? 0 : 1;
  if (late)
    add_line(late_lines_[LateKey{e.user.value(), e.offering.value(), static_cast<std::uint8_t>(k)}], charge, q);
  else
    add_line(acc.lines[k], charge, q);
  const auto kind = static_cast<std::size_t>(e.kind == EventKind::kPurchase ? ChargeKind::kPurchase : ChargeKind::kUsage);
  for (std::size_t i = 0; i < scratch_size_; ++i) {
    PartyTotals& p = parties_[scratch_[i].party.value()];
    p.by_kind[kind] += scratch_[i].amount;
    ++p.shares;
  }
  ++counters_.rated;
  counters_.charged += charge;
  if (late) ++counters_.late;
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
        *index_.find(s.event.bsp, s.event.id) = a.index_value;
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

RatingEngine::Account& RatingEngine::account(Subscriber& sub, OfferingId offering) {
  for (Account& a : sub.accounts)
    if (a.offering == offering) return a;
  sub.accounts.push_back(Account{offering, Quantity{}, {}});
  return sub.accounts.back();
}

void RatingEngine::start_period(Subscriber& sub, PlanId plan, OfferingId offering, std::int64_t at) {
  const PlanItem* item = catalog_.plan(plan).item(offering);
  if (!item)
    throw std::invalid_argument("offering " + catalog_.offering(offering).code + " is not in plan " +
                                catalog_.plan(plan).code);
  for (const Period& p : sub.periods)
    if (p.offering == offering && p.stop == kOpen)
      throw std::invalid_argument("already subscribed to " + catalog_.offering(offering).code);
  const Account& acc = account(sub, offering);
  const auto index = static_cast<std::uint16_t>(&acc - sub.accounts.data());
  sub.periods.push_back(Period{offering, plan, index, book_.rule(plan, offering), at, kOpen});
}

void RatingEngine::stop_periods(Subscriber& sub, std::int64_t at, OfferingId only) {
  for (Period& p : sub.periods)
    if (p.stop == kOpen && (!only.valid() || p.offering == only)) p.stop = std::max(at, p.start);
}

void RatingEngine::open_subscription(SubscriberId user, PlanId plan, SimTime start,
                                     std::span<const OfferingId> offerings) {
  if (!plan.valid() || plan.value() >= catalog_.plans().size()) throw std::invalid_argument("unknown plan");
  Subscriber& sub = subscriber_for_change(user);
  if (sub.open) throw std::invalid_argument("subscription " + std::to_string(user.value()) + " is already open");
  sub.known = true;
  sub.open = true;
  sub.plan = plan;
  const std::int64_t at = whole_seconds(start);
  if (offerings.empty())
    for (const PlanItem& item : catalog_.plan(plan).items) start_period(sub, plan, item.offering, at);
  else
    for (OfferingId o : offerings) start_period(sub, plan, o, at);
  retry_suspense(user);
}

void RatingEngine::add_offering(SubscriberId user, OfferingId offering, SimTime at) {
  Subscriber& sub = subscriber_for_change(user);
  if (!sub.open) throw std::invalid_argument("no open subscription for " + std::to_string(user.value()));
  start_period(sub, sub.plan, offering, whole_seconds(at));
  retry_suspense(user);
}

void RatingEngine::remove_offering(SubscriberId user, OfferingId offering, SimTime at) {
  Subscriber& sub = subscriber_for_change(user);
  bool found = false;
  for (const Period& p : sub.periods) found = found || (p.offering == offering && p.stop == kOpen);
  if (!sub.open || !found) throw std::invalid_argument("offering is not subscribed");
  stop_periods(sub, whole_seconds(at), offering);
}

void RatingEngine::change_plan(SubscriberId user, PlanId plan, SimTime at, std::span<const OfferingId> offerings) {
  if (!plan.valid() || plan.value() >= catalog_.plans().size()) throw std::invalid_argument("unknown plan");
  Subscriber& sub = subscriber_for_change(user);
  if (!sub.open) throw std::invalid_argument("no open subscription for " + std::to_string(user.value()));
  const std::int64_t t = whole_seconds(at);
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
  stop_periods(sub, whole_seconds(at));
  sub.open = false;
}

bool RatingEngine::is_subscribed(SubscriberId user) const {
  return user.value() < subscribers_.size() && subscribers_[user.value()].open;
}

// ---------------------------------------------------------------- billing

void RatingEngine::invoice_subscriber(SubscriberId id, Subscriber& sub, std::int64_t start, std::int64_t end,
                                      CycleStatement& out) {
  Invoice inv{id, {}, Money{}};
  bool active = false;
  const std::int64_t length = end - start;
  for (const Period& p : sub.periods) {
    const std::int64_t overlap = std::min(p.stop, end) - std::max(p.start, start);
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
  for (Account& acc : sub.accounts) {
    acc.cycle_used = Quantity{};
    for (std::size_t k = 0; k < 2; ++k) {
      const ChargeKind kind = k == 0 ? ChargeKind::kPurchase : ChargeKind::kUsage;
      LineTotals& t = acc.lines[k];
      if (t.events != 0)
        inv.lines.push_back(InvoiceLine{acc.offering, kind, false, t.events, t.quantity, t.amount, PlanId()});
      t = LineTotals{};
      if (late_lines_.empty()) continue;
      auto late = late_lines_.find(LateKey{id.value(), acc.offering.value(), static_cast<std::uint8_t>(k)});
      if (late == late_lines_.end()) continue;
      const LineTotals& l = late->second;
      inv.lines.push_back(InvoiceLine{acc.offering, kind, true, l.events, l.quantity, l.amount, PlanId()});
      late_lines_.erase(late);
    }
  }
  if (inv.lines.empty() && !active) return;
  for (const auto& line : inv.lines) inv.total += line.amount;
  out.invoiced += inv.total;
  out.invoices.push_back(std::move(inv));
}

CycleStatement RatingEngine::close_cycle(SimTime end) {
  const std::int64_t start_s = whole_seconds(cycle_start_);
  const std::int64_t end_s = whole_seconds(end);
  if (end_s <= start_s) throw std::invalid_argument("a billing cycle must end after it starts");
  CycleStatement out;
  out.cycle = cycle_;
  out.start = cycle_start_;
  out.end = end;
  for (std::size_t i = 0; i < subscribers_.size(); ++i)
    if (subscribers_[i].known)
      invoice_subscriber(SubscriberId(static_cast<SubscriberId::rep>(i)), subscribers_[i], start_s, end_s, out);
  PROVSIM_CHECK(late_lines_.empty(), "late lines of an unknown subscriber");
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
