// Every price model against hand-worked amounts, rounding edges included.
#include <gtest/gtest.h>

#include "model/rating/price_model_registry.hpp"
#include "model/rating/rating_book.hpp"

namespace provsim {
namespace {

Money M(const char* text) { return Money::parse(text); }
Quantity Q(const char* text) { return Quantity::parse(text); }

// A Rates.csv row in the offering's unit (these tests meter in items, the
// default unit: quantities are plain numbers).
struct RateStage {
  Money connect_fee, rate;
  Quantity unit, increment, group_start;
};

std::unique_ptr<PriceModel> make(const char* name, std::initializer_list<std::pair<const char*, const char*>> params,
                                 std::vector<RateStage> stages = {}) {
  PriceParams p;
  for (const auto& [k, v] : params) p.set(k, v);
  std::vector<CgrStage> cgr;
  for (const auto& st : stages)
    cgr.push_back(CgrStage{st.group_start.millis(), st.rate.micros() * 1'000'000, st.unit.millis(), st.increment.millis()});
  if (!stages.empty()) p.set_stages(stages.front().connect_fee, std::move(cgr));
  return make_price_model(name, p);
}

Money charge(const PriceModel& m, const char* quantity, SimTime time = 0, const char* used = "0") {
  return m.charge(PriceInput{Q(quantity), time, Q(used), Quantity{}});
}

TEST(OneTime, PriceTimesQuantity) {
  auto m = make("one_time", {{"price", "3.99"}});
  EXPECT_EQ(charge(*m, "1"), M("3.99"));
  EXPECT_EQ(charge(*m, "3"), M("11.97"));
  EXPECT_EQ(charge(*m, "0"), M("0"));
}

TEST(OneTime, HalfwayMicroUnitFollowsTheRulesRounding) {
  auto up = make("one_time", {{"price", "0.000001"}});
  auto even = make("one_time", {{"price", "0.000001"}, {"rounding", "half_even"}});
  EXPECT_EQ(charge(*up, "0.5").micros(), 1);
  EXPECT_EQ(charge(*even, "0.5").micros(), 0);
  EXPECT_EQ(charge(*even, "1.5").micros(), 2);
}

// CGRateS tutorial rates (data/tariffplans/tutorial/Rates.csv), unit = second.
std::vector<RateStage> rt_10cnt() {
  return {RateStage{M("0.2"), M("0.1"), Q("60"), Q("60"), Q("0")},
          RateStage{M("0"), M("0.05"), Q("60"), Q("1"), Q("60")}};
}
std::vector<RateStage> rt_40cnt() {
  return {RateStage{M("0.8"), M("0.4"), Q("60"), Q("30"), Q("0")},
          RateStage{M("0"), M("0.2"), Q("60"), Q("10"), Q("60")}};
}

struct PerUnitCase {
  const char* seconds;
  const char* rounding;
  const char* decimals;
  const char* expected;
};

TEST(PerUnit, CgratesTutorialRateRt10Cnt) {
  const PerUnitCase cases[] = {
      {"0", "*up", "6", "0"},            // nothing connected, nothing charged
      {"1", "*up", "6", "0.3"},          // connect 0.2 + one whole 60 s increment 0.1
      {"60", "*up", "6", "0.3"},         // exactly the first stage
      {"61", "*up", "6", "0.30083"},     // + 1 s: 0.05/60 = 0.000833.. is 0.00083 at 5 global decimals
      {"61", "*middle", "6", "0.30083"},
      {"61", "*down", "6", "0.30083"},
      {"90", "*up", "6", "0.3249"},      // 0.1 + 30 x 0.00083, + 0.2
      {"90", "*up", "2", "0.33"},        // the total rounded once
      {"90", "*middle", "2", "0.32"},
      {"90", "*down", "2", "0.32"},
      {"120", "*up", "2", "0.35"},       // 0.1 + 60 x 0.00083 = 0.1498, + 0.2
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.seconds) + " s " + c.rounding + " " + c.decimals);
    auto m = make("per_unit", {{"rates_id", "RT_10CNT"}, {"rounding", c.rounding}, {"rounding_decimals", c.decimals}},
                  rt_10cnt());
    EXPECT_EQ(charge(*m, c.seconds), M(c.expected));
  }
}

TEST(PerUnit, IncrementsThatDoNotDivideTheQuantityArePaidWhole) {
  auto m = make("per_unit", {{"rates_id", "RT_40CNT"}}, rt_40cnt());
  // 45 s: two 30 s increments of the first stage = 60 s x 0.4/60 = 0.4, + 0.8.
  EXPECT_EQ(charge(*m, "45"), M("1.2"));
  // 100 s: 0.4 for the first 60 s, then 40 s x 0.2/60 = 0.13333 (5 global
  // decimals) over 4 increments = 0.03333 each: 0.13332.
  EXPECT_EQ(charge(*m, "100"), M("1.33332"));
  // 61 s: one 10 s increment of the second stage = 0.03333.
  EXPECT_EQ(charge(*m, "61"), M("1.23333"));
}

TEST(PerUnit, AnIncrementCrossingAStageBoundaryIsPaidAtItsOwnStage) {
  // Stage 0: 1.00 per unit in steps of 40; from 60: 0.50 per unit, steps of 1.
  std::vector<RateStage> stages = {RateStage{M("0"), M("1"), Q("1"), Q("40"), Q("0")},
                                   RateStage{M("0"), M("0.5"), Q("1"), Q("1"), Q("60")}};
  auto m = make("per_unit", {{"rates_id", "X"}}, stages);
  // 100 units: two steps of 40 (to 80) at 1.00 = 80, then 20 x 0.50 = 10.
  EXPECT_EQ(charge(*m, "100"), M("90"));
  // 70 units: the second step ends at 80, past the end: 80.
  EXPECT_EQ(charge(*m, "70"), M("80"));
}

TEST(PerUnit, InlineStageAndFractionalQuantities) {
  auto m = make("per_unit", {{"connect_fee", "0.05"}, {"rate", "0.06"}, {"rate_unit", "60"}, {"rate_increment", "30"},
                             {"rounding", "*middle"}, {"rounding_decimals", "4"}});
  EXPECT_EQ(charge(*m, "30"), M("0.08"));
  EXPECT_EQ(charge(*m, "30.001"), M("0.11"));  // a started increment is paid whole
  auto per_mb = make("per_unit", {{"rate", "0.007"}, {"rate_unit", "1"}, {"rate_increment", "0.5"},
                                  {"rounding", "*middle"}, {"rounding_decimals", "2"}});
  // 2.2 MB -> 5 half-MB steps = 2.5 MB x 0.007 = 0.0175 -> 0.02 (half away)
  EXPECT_EQ(charge(*per_mb, "2.2"), M("0.02"));
}

TEST(PerUnit, BadStagesAreRejectedNamingTheParameter) {
  try {
    make("per_unit", {{"rate_unit", "60"}, {"rate_increment", "1"}});
    FAIL() << "no error";
  } catch (const ParamError& e) {
    EXPECT_EQ(e.param(), "rate");
  }
  try {
    make("per_unit", {{"rate", "0.1"}, {"rate_unit", "60"}, {"rate_increment", "1"}, {"group_interval_start", "5"}});
    FAIL() << "no error";
  } catch (const ParamError& e) {
    EXPECT_EQ(e.param(), "group_interval_start");
  }
  EXPECT_THROW(make("per_unit", {{"rates_id", "X"}}, {RateStage{M("0"), M("1"), Q("1"), Q("1"), Q("5")}}),
               ParamError);
  EXPECT_THROW(make("per_unit", {{"rate", "0.1"}, {"rate_unit", "60"}, {"rate_increment", "1"},
                                 {"rounding_decimals", "7"}}),
               ParamError);
  EXPECT_THROW(make("per_unit", {{"rate", "0.1"}, {"rate_unit", "60"}, {"rate_increment", "1"},
                                 {"max_cost_strategy", "*free"}}),
               ParamError);
}

TEST(Graduated, PricesEachPartOfTheRunningTotalAtItsTier) {
  auto m = make("graduated", {{"tiers", "0:0.10;1000:0.08;5000:0.05"}});
  EXPECT_EQ(charge(*m, "500"), M("50"));
  EXPECT_EQ(charge(*m, "200", 0, "900"), M("18"));   // 100 x 0.10 + 100 x 0.08
  EXPECT_EQ(charge(*m, "20", 0, "4990"), M("1.3"));  // 10 x 0.08 + 10 x 0.05
  EXPECT_EQ(charge(*m, "1", 0, "9000"), M("0.05"));
  EXPECT_EQ(charge(*m, "5000"), M("420"));  // 1000 x 0.10 + 4000 x 0.08
}

TEST(Graduated, RoundingNeverDriftsOverACycle) {
  // 0.000005 per unit: half a unit costs 2.5 micro-units.
  auto up = make("graduated", {{"tiers", "0:0.000005"}});
  auto even = make("graduated", {{"tiers", "0:0.000005"}, {"rounding", "half_even"}});
  EXPECT_EQ(charge(*up, "0.5").micros(), 3);
  EXPECT_EQ(charge(*up, "0.5", 0, "0.5").micros(), 2);  // 5 - 3: the cycle pays exactly 5
  EXPECT_EQ(charge(*even, "0.5").micros(), 2);
  EXPECT_EQ(charge(*even, "0.5", 0, "0.5").micros(), 3);
}

TEST(Graduated, BadTiers) {
  EXPECT_THROW(make("graduated", {{"tiers", "10:0.1"}}), ParamError);
  EXPECT_THROW(make("graduated", {{"tiers", "0:0.1;0:0.2"}}), ParamError);
  EXPECT_THROW(make("graduated", {{"tiers", "0=0.1"}}), ParamError);
  EXPECT_THROW(make("graduated", {}), ParamError);
}

TEST(Allowance, IncludedThenOverage) {
  auto m = make("allowance", {{"allowance", "100"}, {"overage_price", "0.05"}});
  EXPECT_EQ(charge(*m, "60"), M("0"));
  EXPECT_EQ(charge(*m, "60", 0, "60"), M("1"));  // 20 over
  EXPECT_EQ(charge(*m, "10", 0, "120"), M("0.5"));
  EXPECT_EQ(charge(*m, "100", 0, "0"), M("0"));  // exactly the allowance
  EXPECT_EQ(charge(*m, "0.001", 0, "100"), M("0.00005"));
}

TEST(PeakOffpeak, ByTimeOfDayOfTheEventStart) {
  auto m = make("peak_offpeak", {{"peak_price", "0.10"}, {"offpeak_price", "0.02"}, {"peak_start", "08:00"},
                                 {"peak_end", "20:00"}});
  EXPECT_EQ(charge(*m, "10", 8 * 3600 - 1), M("0.2"));
  EXPECT_EQ(charge(*m, "10", 8 * 3600), M("1"));
  EXPECT_EQ(charge(*m, "10", 20 * 3600 - 0.5), M("1"));
  EXPECT_EQ(charge(*m, "10", 20 * 3600), M("0.2"));
  EXPECT_EQ(charge(*m, "10", 86400 + 12 * 3600), M("1"));  // day two
}

TEST(PeakOffpeak, PeakWrappingMidnight) {
  auto m = make("peak_offpeak", {{"peak_price", "1"}, {"offpeak_price", "0"}, {"peak_start", "22:00"},
                                 {"peak_end", "06:00:00"}});
  EXPECT_EQ(charge(*m, "1", 23 * 3600), M("1"));
  EXPECT_EQ(charge(*m, "1", 6 * 3600 - 1), M("1"));
  EXPECT_EQ(charge(*m, "1", 6 * 3600), M("0"));
  EXPECT_THROW(make("peak_offpeak", {{"peak_price", "1"}, {"offpeak_price", "0"}, {"peak_start", "25:00"},
                                     {"peak_end", "06:00"}}),
               ParamError);
}

TEST(MinimumCharge, LiftsSmallChargesOfAnyModel) {
  RatingRule rule{PlanId(0), OfferingId(0), "one_time", make("one_time", {{"price", "0.10"}}), M("0.50")};
  EXPECT_EQ(rule.charge(PriceInput{Q("1"), 0, Q("0"), Quantity{}}), M("0.5"));
  EXPECT_EQ(rule.charge(PriceInput{Q("6"), 0, Q("0"), Quantity{}}), M("0.6"));
}

TEST(Registry, KnowsItsModelsAndRejectsOthers) {
  for (const auto& name : price_model_names()) EXPECT_TRUE(is_price_model(name));
  EXPECT_EQ(price_model_names().size(), 5u);
  EXPECT_THROW(make("flat_rate", {}), std::invalid_argument);
  try {
    make("one_time", {});
    FAIL();
  } catch (const ParamError& e) {
    EXPECT_EQ(e.param(), "price");
  }
}

}  // namespace
}  // namespace provsim
