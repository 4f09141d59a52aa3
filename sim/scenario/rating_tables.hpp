#pragma once
// Loads a scenario's rating tables into a RatingBook (see docs/rating.md):
//   rating_rules.csv    plan, offering, model and the model's parameters
//   revenue_shares.csv  offering, party, kind, value, residual[, rounding]
//                       (optional: without it the owner keeps every charge)
//   Rates.csv           optional, CGRateS tariff-plan format; a per_unit rule
//                       names its rates by rates_id
//   events.csv          optional, scripted BSP events the feeds send at given
//                       times (conformance scenarios with totals worked out
//                       by hand): time, subscriber, offering, quantity
//                       [, id, sent, duration, refund_of]
// Every reference is checked against the catalog; problems throw InputError
// naming file, line and field.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/rating/cgr_tariff.hpp"
#include "model/rating/rating_book.hpp"

namespace provsim::sim {

class ScenarioSource;

// One row of events.csv. The BSP is the offering's owner; the engine id is
// handed out by the feed when it sends the event.
struct ScriptedEvent {
  unsigned line = 0;           // in events.csv, for messages
  std::uint64_t id = 0;        // the script's own id (refund_of refers to it)
  double time = 0;             // purchase time, or usage period start
  double sent = 0;             // when the feed sends it (>= time unless late on purpose)
  double duration = 0;         // usage period length
  std::uint32_t subscriber = 0;  // index in creation order (population first)
  OfferingId offering;
  ProviderId bsp;
  Quantity quantity;           // negative: a refund of refund_of
  std::uint64_t refund_of = 0;
  // A usage reported in parts: this part's number in its session (1: the
  // first, which pays the connect fee) and the session's quantity reported
  // before it.
  std::uint32_t session_part = 1;
  Quantity session_offset;
};

// Where a rating rule was written, for messages about its prices: its line
// in rating_rules.csv and the column that holds its price.
struct RuleSource {
  unsigned line = 0;
  std::string price_field;
};

struct RatingTables {
  RatingBook book;
  std::size_t rules = 0;
  std::size_t share_lines = 0;
  std::size_t cgrates_rates = 0;  // distinct rate ids read from Rates.csv
  std::vector<ScriptedEvent> scripted = {};  // events.csv, in send order
  std::vector<RuleSource> rule_sources = {};  // one per book.rules() entry, in the same order
  // The files of the CGRateS tariff-plan folders the rules name (relative
  // to the scenario, as the rules name them), so the scenario hash covers
  // them as it covers the scenario's own tables.
  std::vector<std::string> tariff_plan_files = {};
};

// `catalog` must outlive the result (the book refers to it).
// `cgr`: the scenario's CGRateS options for per_unit rules
// (rating.rounding_decimals, rating.rounding_path).
RatingTables load_rating_tables(const ScenarioSource& source, const Catalog& catalog, const CgrOptions& cgr = {});

}  // namespace provsim::sim
