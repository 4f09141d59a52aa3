// Refunds: a BSP's negative-quantity event that gives back (part of) an
// event it sent before, found in the refund logs (refund_log.hpp).
#include "model/rating/rating_engine.hpp"

namespace provsim {

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
  RefundLog* log = &refund_log(e.kind);
  if (!log->find(e.bsp, e.refund_of, original)) {
    log = &refund_log(other_kind(e.kind));
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
  Subscriber& sub = subscribers_[e.user];
  const bool late = e.start < closed_until_;
  Account& acc = sub.account_data()[SubscriberStore::account_index(sub, e.offering, e.kind)];
  book_event(e, acc, -refund, e.quantity, late);
  ++counters_.refunds;
  if (clamped) ++counters_.refunds_clamped;
  a.outcome = RatingOutcome{RatingStatus::kRated, SuspenseReason::kNone, -refund, late, clamped};
  a.plan = original.plan;
  return a;
}

}  // namespace provsim
