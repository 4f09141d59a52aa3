// A CGRateS tariff-plan folder read as it is: the tutorial's and the engine
// tests' plans (copied in tests/data/cgrates) resolve to the costs CGRateS's
// tests expect, and what provsim cannot honour is an error naming the file,
// line and column.
#include <gtest/gtest.h>

#include "sim/scenario/cgr_tariff_plan.hpp"
#include "sim/scenario/input_error.hpp"
#include "tests/model/cgrates_vectors.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::sim {
namespace {

namespace fs = std::filesystem;

Money cost(const std::vector<CgrInterval>& intervals, int global, const char* usage, const char* start = "2014-01-15T10:00:00") {
  const UsageUnit unit = usage_unit("second");
  const CgrTariff t(unit.dimension, intervals, CgrOptions{global, RoundingPath::kCost});
  return t.cost(cgrates_vectors::sim_start_ms(start), cgr_quantity_to_base(usage, unit, false), 0, true);
}

const fs::path kData = fs::path(PROVSIM_SOURCE_DIR) / "tests/data/cgrates";

// apier/v1/costs_it_test.go:126 and general_tests/tutorial_it_test.go:140
// (CGRateS's tutorial plan, a running engine's 5 global decimals).
TEST(CgrTariffPlan, TheTutorialPlanCostsWhatCgratesTutorialTestsExpect) {
  const auto tp = CgrTariffPlan::read(kData / "tutorial");
  const UsageUnit unit = usage_unit("second");
  EXPECT_EQ(cost(tp.intervals("RP_1001", "", "1002", unit), 5, "120s"), Money::parse("0.7002"));
  EXPECT_EQ(cost(tp.intervals("RP_1001", "", "1002", unit), 5, "2m10s"), Money::parse("0.7169"));
  // The profile cgrates.org:call:1001 activates RP_1001 last (2014 over 2010).
  EXPECT_EQ(cost(tp.intervals("", "cgrates.org:call:1001", "1002", unit), 5, "120s"), Money::parse("0.7002"));
  // apier/v1/apier2_it_test.go:286: MaxCost *disconnect leaves the cost.
  EXPECT_EQ(cost(tp.intervals("RP_1001", "", "1003", unit), 5, "1h"), Money::parse("36"));
  EXPECT_THROW(tp.intervals("RP_1001", "", "1001", unit), std::invalid_argument);  // RP_1001 has no rates for 1001
}

// engine/calldesc_test.go:381 TestGetCost on the engine tests' plan.
TEST(CgrTariffPlan, TheEngineTestsPlanSplitsAtItsTimings) {
  const auto tp = CgrTariffPlan::read(kData / "engine_loader");
  EXPECT_EQ(cost(tp.intervals("EVENING", "", "0256", usage_unit("second")), 6, "3600s", "2012-02-02T17:30:00"),
            Money::parse("2701"));
}

struct BadCase {
  const char* file;
  const char* content;
  unsigned line;
  const char* field;
};

TEST(CgrTariffPlan, UnsupportedContentNamesFileLineAndColumn) {
  const BadCase cases[] = {
      {"Timings.csv", "#ID,Years,Months,MonthDays,WeekDays,Time\nT1,2012,*any,*any,*any,00:00:00\n", 2, "Years"},
      {"Timings.csv", "#ID,Years,Months,MonthDays,WeekDays,Time\nT1,*any,*any,15,*any,00:00:00\n", 2, "MonthDays"},
      {"Timings.csv", "#ID,Years,Months,MonthDays,WeekDays,Time\nT1,*any,*any,*any,*any,*asap\n", 2, "Time"},
      {"Timings.csv", "#ID,Years,Months,MonthDays,WeekDays,Time\nT1,*any,*any,*any,*any\n", 2, ""},
      {"DestinationRates.csv", "DR1,*any,R1,*up,4,0,*cheap\n", 1, "MaxCostStrategy"},
      {"DestinationRates.csv", "DR1,*any,R1,*nearest,4,0,\n", 1, "RoundingMethod"},
      {"DestinationRates.csv", "DR1,*any,R1,*up,8,0,\n", 1, "RoundingDecimals"},
      {"Rates.csv", "R1,0,0.1,60s,1ns,0s\n", 1, "RateIncrement"},
      {"Rates.csv", "R1,0,0.1.2,60s,1s,0s\n", 1, "Rate"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.file) + ": " + c.content);
    const fs::path dir = testing::temp_dir("cgr-tp-bad");
    testing::write_file(dir / "Timings.csv", "T1,*any,*any,*any,*any,00:00:00\n");
    testing::write_file(dir / "Rates.csv", "R1,0,0.1,60s,1s,0s\n");
    testing::write_file(dir / "DestinationRates.csv", "DR1,*any,R1,*up,4,0,\n");
    testing::write_file(dir / "RatingPlans.csv", "P1,DR1,T1,10\n");
    testing::write_file(dir / c.file, c.content);
    try {
      const auto tp = CgrTariffPlan::read(dir);
      (void)tp.intervals("P1", "", "", usage_unit("second"));
      ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(fs::path(e.file()).filename(), c.file);
      EXPECT_EQ(e.line(), c.line);
      EXPECT_EQ(e.field(), c.field);
    }
    fs::remove_all(dir);
  }
}

}  // namespace
}  // namespace provsim::sim
