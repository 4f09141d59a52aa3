#pragma once
// The rating engine's wire format: each typed request and answer of
// sim/rating_port.hpp as JSON (docs/harness-rating.openapi.json describes
// it). Ids travel as the scenario's codes (providers, offerings, plans) and
// subscriber numbers; money and quantities as exact decimal text; times as
// seconds of simulated time.
//
// Decoding checks what it reads and throws ProtocolError naming the field,
// so a malformed answer from a system under test becomes a verdict, not a
// crash.

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "sim/rating_port.hpp"
#include "sut/http/catalog_fields.hpp"
#include "sut/http/json_fields.hpp"

namespace provsim::sut {

class RatingJson {
 public:
  explicit RatingJson(const Catalog& catalog) : catalog_(catalog) {}

  Json subscription(const sim::SubscriptionChange& change) const;
  sim::SubscriptionChange subscription(const Json& j) const;
  Json subscription_answer(const sim::SubscriptionAnswer& answer) const;
  sim::SubscriptionAnswer subscription_answer(const Json& j) const;

  Json events(double now, std::span<const RatingEvent> events) const;
  std::vector<RatingEvent> events(const Json& j) const;  // the request's "events"
  Json event(const RatingEvent& e) const;
  Json rate_answer(const sim::RateAnswer& answer) const;
  // The answers to `count` events.
  sim::RateAnswer rate_answer(const Json& j, std::size_t count) const;
  Json event_answer(const sim::EventAnswer& a) const;
  sim::EventAnswer event_answer(const Json& j) const;

  Json close(double end) const;
  Json statement(const CycleStatement& s) const;
  CycleStatement statement(const Json& j) const;

  const Catalog& catalog() const { return catalog_; }

 private:
  ProviderId provider(const Json& j, const char* field) const;
  OfferingId offering(const Json& j, const char* field) const;
  PlanId plan(const Json& j, const char* field) const;

  const Catalog& catalog_;
};

}  // namespace provsim::sut
