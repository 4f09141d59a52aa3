#pragma once
// A CGRateS tariff-plan folder, read as CGRateS writes it, and resolved into
// the per_unit model's rate intervals for one rating plan and destination.
//
//   Timings.csv           ID,Years,Months,MonthDays,WeekDays,Time (optional:
//                         without it only *any timings can be named)
//   Rates.csv             ID,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart
//   DestinationRates.csv  ID,DestinationsID,RatesID,RoundingMethod,RoundingDecimals,MaxCost,MaxCostStrategy
//   RatingPlans.csv       ID,DestinationRatesID,TimingID,Weight
//   RatingProfiles.csv    Tenant,Category,Subject,ActivationTime,RatingPlanID,FallbackSubject
//                         (optional; needed to name a plan by rating profile)
//   Destinations.csv      ID,Prefix (optional; needed to match a destination number)
//
// Lines starting with '#' are comments (CGRateS writes its headers so);
// other files of the folder (accounts, actions, filters, ...) are not read.
// What provsim cannot honour is refused with an InputError naming the file,
// line and column: timings with years, months or days of the month (the
// simulation has no calendar), *asap timings, a time of day that is not
// hh:mm:ss, an unknown rounding method or MaxCostStrategy.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/rating/cgr_tariff.hpp"
#include "model/rating/usage_unit.hpp"

namespace provsim::sim {

class ScenarioSource;

class CgrTariffPlan {
 public:
  // The files a tariff-plan folder may hold that provsim reads.
  static constexpr const char* kFiles[] = {"Timings.csv", "Rates.csv", "DestinationRates.csv",
                                           "RatingPlans.csv", "RatingProfiles.csv", "Destinations.csv"};

  // Reads and checks every row of the folder's rating files.
  static CgrTariffPlan read(const std::filesystem::path& folder);
  // The same for the folder `folder` (as a rating rule names it) of a
  // scenario's files.
  static CgrTariffPlan read(const ScenarioSource& source, const std::string& folder);

  // The rating plan named by `rating_plan`, or by `rating_profile`
  // ("tenant:category:subject": the profile's latest activation), for
  // `destination` (a number matched by longest prefix through
  // Destinations.csv; empty or no match: the plan's *any destination rates).
  // Quantities are converted to `unit`'s base quanta. Throws InputError
  // naming the file and line that cannot be resolved, or
  // std::invalid_argument (with `what` naming the plan) when nothing
  // matches.
  std::vector<CgrInterval> intervals(const std::string& rating_plan, const std::string& rating_profile,
                                     const std::string& destination, const UsageUnit& unit) const;

  struct Row {
    std::string file;
    unsigned line = 0;
    std::vector<std::string> cells;
  };

 private:
  std::map<std::string, Row> timings_;
  std::multimap<std::string, Row> rates_, destination_rates_, rating_plans_, destinations_;
  std::vector<Row> profiles_;
  bool have_destinations_ = false, have_profiles_ = false;
};

}  // namespace provsim::sim
