#pragma once
// Loads a scenario's rating tables into a RatingBook (see docs/rating.md):
//   rating_rules.csv    plan, offering, model and the model's parameters
//   revenue_shares.csv  offering, party, kind, value, residual[, rounding]
//                       (optional: without it the owner keeps every charge)
//   Rates.csv           optional, CGRateS tariff-plan format; a per_unit rule
//                       names its rates by rates_id
// Every reference is checked against the catalog; problems throw InputError
// naming file, line and field.

#include <filesystem>

#include "model/catalog/catalog.hpp"
#include "model/rating/rating_book.hpp"

namespace provsim::sim {

struct RatingTables {
  RatingBook book;
  std::size_t rules = 0;
  std::size_t share_lines = 0;
  std::size_t cgrates_rates = 0;  // distinct rate ids read from Rates.csv
};

// `catalog` must outlive the result (the book refers to it).
RatingTables load_rating_tables(const std::filesystem::path& scenario_dir, const Catalog& catalog);

}  // namespace provsim::sim
