// Durations and rates in scenario files: their text forms, and values too
// large for a double, which are errors rather than an infinite span or rate.
#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/scenario/config.hpp"
#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/units.hpp"

namespace provsim::sim {
namespace {

TEST(Units, DurationsAndRatesInTheirUnits) {
  EXPECT_DOUBLE_EQ(parse_duration("90s"), 90);
  EXPECT_DOUBLE_EQ(parse_duration("500ms"), 0.5);
  EXPECT_DOUBLE_EQ(parse_duration(" 2h\t"), 7200);
  EXPECT_DOUBLE_EQ(parse_duration("1w"), 7 * 86400);
  EXPECT_DOUBLE_EQ(parse_rate("120/h"), 120.0 / 3600);
  EXPECT_DOUBLE_EQ(parse_rate("0.5/min"), 0.5 / 60);
}

// Found by the units fuzzer: 1e308 is a finite number, but 1e308 weeks in
// seconds is not, and was returned as an infinite duration.
TEST(Units, DurationOverflowingInItsUnitIsAnError) {
  EXPECT_THROW(parse_duration("1e308w"), std::invalid_argument);
  EXPECT_THROW(parse_duration("1.7e308m"), std::invalid_argument);
  EXPECT_DOUBLE_EQ(parse_duration("1e300w"), 1e300 * 7 * 86400);
}

TEST(Units, RateOverflowingInItsUnitIsAnError) {
  EXPECT_THROW(parse_rate("1e308/ms"), std::invalid_argument);
  EXPECT_DOUBLE_EQ(parse_rate("1e300/ms"), 1e303);
}

// A table cell goes through the same parser and names its file, line and column.
TEST(Units, TableCellWithAnInfiniteDurationNamesItsPlace) {
  const CsvTable t = CsvTable::parse("outages.csv", "target,kind,start,duration\nh1,host,1e308w,1h\n",
                                     {"target", "kind", "start", "duration"});
  try {
    t.field(0, "start").as_duration();
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "outages.csv");
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.field(), "start");
    EXPECT_NE(std::string(e.what()).find("duration too large"), std::string::npos) << e.what();
  }
}

// In scenario.ini an infinite rate passed every check (a rate has no upper
// bound) and made a run hang; now it is refused at its line.
TEST(Units, IniRateOverflowingInItsUnitNamesItsLine) {
  ConfigSchema schema;
  schema.rate("workload.arrival_rate", "300/d", "arrivals");
  try {
    Config::parse("[workload]\narrival_rate = 1e308/ms\n", "scenario.ini", schema, {});
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.field(), "workload.arrival_rate");
    EXPECT_NE(std::string(e.what()).find("rate too large"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace provsim::sim
