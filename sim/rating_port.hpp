#pragma once
// The one way the simulation reaches the rating engine: typed requests and
// answers (subscription changes, batches of events, cycle closes), each with
// the simulated time it is made at.
//
// Two kinds of backend sit behind it: the in-process reference (the
// default: a thin pass-through to the model's RatingEngine, so runs are as
// fast and their outputs byte-identical to calling the engine directly),
// and the harness of sut/rating/, which sends every request to an external
// system under test as well and compares, or lets its answers drive.
//
// The per-event answers (charge, shares, suspense reason) cost time to
// assemble: the reference backend answers a batch with its counts only (all
// the simulation needs), and the harness, which compares them, rates with
// rate_in_detail.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/rating/billing_statement.hpp"
#include "model/rating/rating_engine.hpp"
#include "model/rating/rating_event.hpp"
#include "sim/scenario/config.hpp"
#include "sim/scenario/run_options.hpp"

namespace provsim::sim {


enum class SubscriptionAction : std::uint8_t { kOpen, kAddOffering, kRemoveOffering, kChangePlan, kClose };
std::string_view to_string(SubscriptionAction action);

struct SubscriptionChange {
  SimTime now = 0;
  SubscriptionAction action = SubscriptionAction::kOpen;
  SubscriberId user;
  PlanId plan;                       // open, change_plan
  OfferingId offering;               // add, remove
  std::vector<OfferingId> offerings; // open, change_plan: empty means the whole plan
};

// What the engine decided for one event.
struct EventAnswer {
  std::uint64_t id = 0;
  ProviderId bsp;
  RatingOutcome outcome;
  PlanId plan;                      // rated only: the plan whose rule priced it
  std::vector<PartyAmount> shares;  // rated only
};

struct SubscriptionAnswer {
  std::string error;                 // empty: accepted
  std::vector<EventAnswer> rerated;  // suspended events the change made valid, rated now
};

struct RateRequest {
  SimTime now = 0;
  std::span<const RatingEvent> events;
};

struct RateAnswer {
  std::int64_t rated = 0, suspended = 0, duplicates = 0;
  std::vector<EventAnswer> events;  // one per request event, in order (empty from the reference backend)
};

using InvoiceSink = RatingEngine::InvoiceSink;

class RatingPort {
 public:
  virtual ~RatingPort() = default;
  virtual SubscriptionAnswer change_subscription(const SubscriptionChange& change) = 0;
  virtual RateAnswer rate(const RateRequest& request) = 0;
  // The same for a batch the caller gives up (a backend may keep it).
  virtual RateAnswer rate_batch(SimTime now, std::vector<RatingEvent>&& events) {
    return rate(RateRequest{now, events});
  }
  // Closes the open cycle at `end`; each invoice goes to `sink`.
  virtual CycleStatement close_cycle(SimTime end, const InvoiceSink& sink) = 0;
  // The observer the reference engine reports rated and suspended events
  // to, given the one the simulation keeps its records with.
  virtual RatingObserver* reference_observer(RatingObserver* records) { return records; }
  // Returns once all the rating asked for so far is done, so the engine's
  // counters and the records it feeds can be read (sim/rating_pipeline.hpp).
  virtual void settle() {}
};

// Watches an engine for what its answers need beyond RatingOutcome: the
// plan of the event just rated, and the suspended events a subscription
// change rated. Passes everything on to `forward` (none: nullptr).
class AnswerRecorder : public RatingObserver {
 public:
  explicit AnswerRecorder(RatingObserver* forward = nullptr) : forward_(forward) {}
  void on_rated(const RatedEvent& rated) override;
  void on_suspended(const RatingEvent& event, SuspenseReason reason) override {
    if (forward_ != nullptr) forward_->on_suspended(event, reason);
  }
  PlanId last_plan() const { return last_plan_; }
  std::vector<EventAnswer> take_rerated() { return std::exchange(rerated_, {}); }

 private:
  RatingObserver* forward_;
  PlanId last_plan_;
  std::vector<EventAnswer> rerated_;
};

// Carries a change out on an engine; an invalid change is answered with
// its error. Suspended events the change rates reach the engine's observer.
std::string apply_change(RatingEngine& engine, const SubscriptionChange& change);

// Rates events one by one and answers for each; `recorder` must be the
// engine's observer.
RateAnswer rate_in_detail(RatingEngine& engine, const AnswerRecorder& recorder, std::span<const RatingEvent> events);

// The in-process reference: the model's engine, called directly.
class ReferenceRating : public RatingPort {
 public:
  explicit ReferenceRating(RatingEngine& engine) : engine_(engine) {}
  SubscriptionAnswer change_subscription(const SubscriptionChange& change) override {
    return {apply_change(engine_, change), {}};
  }
  RateAnswer rate(const RateRequest& request) override;
  CycleStatement close_cycle(SimTime end, const InvoiceSink& sink) override { return engine_.close_cycle(end, sink); }

 private:
  RatingEngine& engine_;
};

// Makes the backend a run uses (the harness); none: the reference.
class RatingBackend {
 public:
  virtual ~RatingBackend() = default;
  // `records` is where the simulation keeps rated events (not yet
  // constructed when this is called: keep the pointer only).
  virtual std::unique_ptr<RatingPort> make(RatingEngine& reference, RatingObserver& records) = 0;
};

}  // namespace provsim::sim
