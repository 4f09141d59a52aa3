// Loading rating_rules.csv, revenue_shares.csv and a CGRateS Rates.csv:
// a good scenario rates as hand-worked, and bad input names file, line and
// field.
#include <gtest/gtest.h>

#include <fstream>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_source.hpp"
#include "sim/scenario/rating_tables.hpp"
#include "tests/scenario/rating_folder.hpp"

namespace provsim::sim {
namespace {

Money M(const char* text) { return Money::parse(text); }

const std::filesystem::path kGood = std::filesystem::path(PROVSIM_SOURCE_DIR) / "scenarios/_fixtures/rating/good";

Money charge(const RatingTables& t, const Catalog& c, const char* plan, const char* offering, const char* q,
             SimTime time = 0, const char* used = "0") {
  const RatingRule* rule = t.book.rule(*c.find_plan(plan), *c.find_offering(offering));
  EXPECT_NE(rule, nullptr);
  return rule->charge(PriceInput{Quantity::parse(q), time, Quantity::parse(used), Quantity{}});
}

TEST(RatingTables, LoadsTheGoodFixtureAndRatesAsHandWorked) {
  const Catalog c = rating_fixture_catalog();
  const RatingTables t = load_rating_tables(FolderSource(kGood), c);
  EXPECT_EQ(t.rules, 7u);
  EXPECT_EQ(t.cgrates_rates, 2u);
  EXPECT_EQ(charge(t, c, "basic", "film", "1"), M("3.99"));
  // RT_10CNT imported from Rates.csv, 2 decimals *up: 0.10 + 30 x 0.05/60 -> 0.03, + 0.2.
  EXPECT_EQ(charge(t, c, "basic", "calls", "90"), M("0.33"));
  EXPECT_EQ(charge(t, c, "basic", "data", "10", 0, "995"), M("0.09"));  // 5 x 0.01 + 5 x 0.008
  EXPECT_EQ(charge(t, c, "premium", "film", "0.1"), M("0.5"));          // minimum charge
  // 0.02/60 a second is 0.00033 at 5 global decimals: 61 x 0.00033 = 0.02013 -> 0.0201 (CGRateS).
  EXPECT_EQ(charge(t, c, "premium", "calls", "61"), M("0.0201"));
  EXPECT_EQ(charge(t, c, "premium", "data", "10", 0, "4995"), M("0.025"));
  EXPECT_EQ(charge(t, c, "premium", "games", "10", 19 * 3600), M("1"));
  const ShareRule& film = t.book.shares(*c.find_offering("film"));
  EXPECT_EQ(film.residual(), *c.find_provider("video"));
  EXPECT_EQ(film.lines().size(), 2u);
  // An offering without share lines leaves everything to its owner.
  EXPECT_EQ(t.book.shares(*c.find_offering("dsl")).residual(), *c.find_provider("np"));
}

// A scratch copy of the good fixture, one file replaced.
class BadInput : public RatingFolder {
 protected:
  BadInput() : RatingFolder(kGood, {"rating_rules.csv", "revenue_shares.csv", "Rates.csv"}, rating_fixture_catalog) {}
};

TEST_F(BadInput, UnknownPlan) {
  replace_line("rating_rules.csv", 3, "gold,calls,per_unit,,RT_10CNT,,,,*up,2,,,,,,,,");
  expect(load_error(), "rating_rules.csv", 3, "plan", "unknown plan 'gold'");
}

TEST_F(BadInput, UnknownOffering) {
  replace_line("rating_rules.csv", 2, "basic,flim,one_time,3.99,,,,,,,,,,,,,,");
  expect(load_error(), "rating_rules.csv", 2, "offering", "unknown offering 'flim'");
}

TEST_F(BadInput, OfferingNotInPlan) {
  replace_line("rating_rules.csv", 4, "basic,games,one_time,1,,,,,,,,,,,,,,");
  expect(load_error(), "rating_rules.csv", 4, "offering", "not in plan 'basic'");
}

TEST_F(BadInput, UnknownModel) {
  replace_line("rating_rules.csv", 2, "basic,film,flat,3.99,,,,,,,,,,,,,,");
  expect(load_error(), "rating_rules.csv", 2, "model", "not one of: one_time, per_unit");
}

TEST_F(BadInput, MissingModelParameter) {
  replace_line("rating_rules.csv", 7, "premium,data,allowance,,,,,,,,,5000,,,,,,");
  expect(load_error(), "rating_rules.csv", 7, "overage_price", "required by this model");
}

TEST_F(BadInput, BadRounding) {
  replace_line("rating_rules.csv", 6, "premium,calls,per_unit,,,0.02,60,1,*sideways,4,,,,,,,,");
  expect(load_error(), "rating_rules.csv", 6, "rounding", "*sideways");
}

TEST_F(BadInput, UnknownRatesId) {
  replace_line("rating_rules.csv", 3, "basic,calls,per_unit,,RT_99,,,,*up,2,,,,,,,,");
  expect(load_error(), "rating_rules.csv", 3, "rates_id", "'RT_99' is not an ID in Rates.csv");
}

TEST_F(BadInput, RatesCsvDurationFinerThanAMillisecond) {
  // Time is rated in whole milliseconds (any offering unit: 1 s of a
  // minute-metered offering is fine, 1 ns is not).
  write("Rates.csv", "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\nRT_G,0,0.1,60s,1ns,0s\nRT_10CNT,0.2,0.1,60s,60s,0s\n");
  replace_line("rating_rules.csv", 8, "premium,games,per_unit,,RT_G,,,,,,,,,,,,,");
  expect(load_error(), "Rates.csv", 2, "RateIncrement", "not a whole number of milliseconds");
}

TEST_F(BadInput, RatesCsvBadAmount) {
  write("Rates.csv", "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\nRT_10CNT,0.2,ten,60s,60s,0s\n");
  expect(load_error(), "Rates.csv", 2, "Rate", "decimal number");
}

// Found by the rating tables fuzzer: a duration whose digits or unit
// product overflow 64 bits was undefined behaviour (a wrapped, negative unit).
TEST_F(BadInput, RatesCsvDurationTooLongForSixtyFourBits) {
  write("Rates.csv",
        "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\n"
        "RT_10CNT,0,0,99999999999999999999s,1s,0s\nRT_SMS,0,0.01,1,1,0\n");
  expect(load_error(), "Rates.csv", 2, "RateUnit", "too long a duration");
}

TEST_F(BadInput, RatesCsvDurationOverflowingInItsUnit) {
  // 2,562,047,788,016 h is a 64-bit count, but not in milliseconds.
  write("Rates.csv",
        "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\n"
        "RT_10CNT,0,0,60s,1s,2562047788016h\nRT_SMS,0,0.01,1,1,0\n");
  expect(load_error(), "Rates.csv", 2, "GroupIntervalStart", "too long a duration");
}

TEST_F(BadInput, MissingRuleForABspOffering) {
  replace_line("rating_rules.csv", 4, "premium,dsl,one_time,0,,,,,,,,,,,,,,");
  expect(load_error(), "rating_rules.csv", 0, "offering", "plan 'basic' sells 'data' but has no rating rule");
}

TEST_F(BadInput, UnknownShareParty) {
  replace_line("revenue_shares.csv", 3, "film,np2,fixed,0.05,false,");
  expect(load_error(), "revenue_shares.csv", 3, "party", "unknown party 'np2'");
}

TEST_F(BadInput, PercentagesOver100) {
  replace_line("revenue_shares.csv", 2, "film,isp1,percent,20.0001,false,");
  expect(load_error(), "revenue_shares.csv", 4, "value", "more than 100");
}

TEST_F(BadInput, NoResidualParty) {
  replace_line("revenue_shares.csv", 6, "calls,voice,percent,10,false,");
  expect(load_error(), "revenue_shares.csv", 5, "residual", "has no residual party");
}

TEST_F(BadInput, TwoResidualParties) {
  replace_line("revenue_shares.csv", 3, "film,np,fixed,0.05,true,");
  expect(load_error(), "revenue_shares.csv", 4, "residual", "a second residual party");
}

TEST_F(BadInput, BadShareKind) {
  replace_line("revenue_shares.csv", 5, "calls,np,bulk,0.0002,false,up");
  expect(load_error(), "revenue_shares.csv", 5, "kind", "not one of: percent, fixed, wholesale");
}

TEST_F(BadInput, RatingRulesMissing) {
  std::filesystem::remove(dir_ / "rating_rules.csv");
  expect(load_error(), "rating_rules.csv", 0, "", "file not found");
}

}  // namespace
}  // namespace provsim::sim
