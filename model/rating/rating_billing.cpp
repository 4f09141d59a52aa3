// Billing: closing a cycle makes each subscriber's invoice (prorated
// monthly fees, then the event lines of its accounts) and each party's
// settlement, and checks that they add up to the same amount.
#include "model/rating/rating_engine.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace provsim {

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
  for (const EventKind k : {EventKind::kPurchase, EventKind::kUsage}) {
    const ChargeKind kind = charge_kind(k);
    for (const bool late : {false, true}) {
      if (!late && k == acc.kind) {
        if (acc.events != 0)
          inv.lines.push_back(InvoiceLine{acc.offering, kind, false, acc.events, acc.quantity, acc.amount, PlanId()});
        continue;
      }
      if (side_lines_.empty()) continue;
      auto it = side_lines_.find(SideKey{id.value(), acc.offering.value(), k, late});
      if (it == side_lines_.end()) continue;
      const LineTotals& l = it->second;
      inv.lines.push_back(InvoiceLine{acc.offering, kind, late, l.events, l.quantity, l.amount, PlanId()});
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
  const std::span<Subscriber> subscribers = subscribers_.all();
  for (std::size_t i = 0; i < subscribers.size(); ++i)
    if (subscribers[i].known)
      invoice_subscriber(SubscriberId(static_cast<SubscriberId::rep>(i)), subscribers[i], start_s, end_s, out, sink);
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

}  // namespace provsim
