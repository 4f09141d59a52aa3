#include "sim/rating_port.hpp"

#include <stdexcept>

namespace provsim::sim {

std::string_view to_string(SubscriptionAction action) {
  switch (action) {
    case SubscriptionAction::kOpen: return "open";
    case SubscriptionAction::kAddOffering: return "add_offering";
    case SubscriptionAction::kRemoveOffering: return "remove_offering";
    case SubscriptionAction::kChangePlan: return "change_plan";
    case SubscriptionAction::kClose: return "close";
  }
  return "?";
}

std::string apply_change(RatingEngine& engine, const SubscriptionChange& c) {
  try {
    switch (c.action) {
      case SubscriptionAction::kOpen: engine.open_subscription(c.user, c.plan, c.now, c.offerings); break;
      case SubscriptionAction::kAddOffering: engine.add_offering(c.user, c.offering, c.now); break;
      case SubscriptionAction::kRemoveOffering: engine.remove_offering(c.user, c.offering, c.now); break;
      case SubscriptionAction::kChangePlan: engine.change_plan(c.user, c.plan, c.now, c.offerings); break;
      case SubscriptionAction::kClose: engine.close_subscription(c.user, c.now); break;
    }
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

void AnswerRecorder::on_rated(const RatedEvent& r) {
  last_plan_ = r.plan;
  if (r.from_suspense) {
    RatingOutcome o{RatingStatus::kRated, SuspenseReason::kNone, r.charge, r.late, r.clamped};
    rerated_.push_back(EventAnswer{r.event.id, r.event.bsp, o, r.plan, {r.shares.begin(), r.shares.end()}});
  }
  if (forward_ != nullptr) forward_->on_rated(r);
}

RateAnswer rate_in_detail(RatingEngine& engine, const AnswerRecorder& recorder, std::span<const RatingEvent> events) {
  RateAnswer out;
  out.events.reserve(events.size());
  for (const RatingEvent& e : events) {
    EventAnswer a{e.id, e.bsp, engine.submit(e), PlanId(), {}};
    switch (a.outcome.status) {
      case RatingStatus::kRated: {
        ++out.rated;
        a.plan = recorder.last_plan();
        const auto shares = engine.last_shares();
        a.shares.assign(shares.begin(), shares.end());
        break;
      }
      case RatingStatus::kSuspended: ++out.suspended; break;
      case RatingStatus::kDuplicate: ++out.duplicates; break;
    }
    out.events.push_back(std::move(a));
  }
  return out;
}

RateAnswer ReferenceRating::rate(const RateRequest& request) {
  const auto r = engine_.submit_batch(request.events);
  return RateAnswer{r.rated, r.suspended, r.duplicates, {}};
}

}  // namespace provsim::sim
