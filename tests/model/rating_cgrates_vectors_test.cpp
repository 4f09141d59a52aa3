// Every cost expectation collected from CGRateS's own tests
// (tests/data/cgrates/vectors.csv, each row citing its test file and line)
// rated by the per_unit model: through the PriceModel a rating rule builds,
// and through CgrTariff for the parts of a session after the first.
#include <gtest/gtest.h>

#include <set>

#include "model/rating/per_unit.hpp"
#include "model/rating/price_model_registry.hpp"
#include "tests/model/cgrates_vectors.hpp"

namespace provsim {
namespace {

using namespace cgrates_vectors;

TEST(CgratesVectors, EveryVectorCostsWhatCgratesExpects) {
  const auto all = vectors();
  ASSERT_GE(all.size(), 40U);
  for (const Vector& v : all) {
    SCOPED_TRACE(v.id + " (" + v.source + ")");
    const UsageUnit unit = unit_of(v.dimension);
    const CgrOptions options{v.global_decimals, v.path};
    const std::int64_t start_ms = sim_start_ms(v.start);
    const std::int64_t usage = cgr_quantity_to_base(v.usage, unit, false);
    const std::int64_t offset = cgr_quantity_to_base(v.session_offset, unit, false);
    const CgrTariff tariff(unit.dimension, intervals(v.plan, unit), options);
    EXPECT_EQ(tariff.cost(start_ms, usage, offset, v.first_part).to_string(), v.expected.to_string());
    if (!v.first_part) continue;  // a rule's events are later parts exactly when their offset is positive
    PriceParams params;
    params.set_usage_unit(unit);
    params.set_cgr_options(options);
    params.set_intervals(intervals(v.plan, unit));
    const auto model = make_price_model("per_unit", params);
    const PriceInput in{Quantity::from_millis(usage / unit.base_per_milli()), static_cast<double>(start_ms) / 1000.0,
                        Quantity{}, Quantity::from_millis(offset / unit.base_per_milli())};
    EXPECT_EQ(model->charge(in).to_string(), v.expected.to_string());
  }
}

TEST(CgratesVectors, CoverWhatTheyAreMeantTo) {
  std::set<std::string> dimensions, paths, methods;
  bool crosses_timing = false, max_cost = false, later_part = false, multi_stage = false;
  for (const Vector& v : vectors()) {
    dimensions.insert(v.dimension);
    paths.insert(v.path == RoundingPath::kCost ? "cost" : "debit");
    later_part |= !v.first_part;
    crosses_timing |= v.id.find("midnight") != std::string::npos || v.id == "getcost";
  }
  for (const auto& [plan, row] : plan_rows()) {
    methods.insert(row.method);
    max_cost |= !row.strategy.empty();
    multi_stage |= row.stages.find(';') != std::string::npos;
  }
  EXPECT_EQ(dimensions, (std::set<std::string>{"data", "sms", "voice"}));
  EXPECT_EQ(paths, (std::set<std::string>{"cost", "debit"}));
  EXPECT_TRUE(methods.count("*up") && methods.count("*middle"));
  EXPECT_TRUE(crosses_timing && max_cost && later_part && multi_stage);
}

// CGRateS rounds an increment's cost to the global decimals before
// multiplying: 0.1 per 60 s in 1 s increments is 0.00167 a second at 5
// decimals, so 70 s cost 0.1169 (0.11667 exactly), and 0.001667 at 6.
TEST(CgratesVectors, IncrementCostIsRoundedToTheGlobalDecimalsFirst) {
  const UsageUnit unit = usage_unit("second");
  for (const auto& [decimals, expected] : std::vector<std::pair<int, const char*>>{{5, "0.116900"}, {6, "0.116690"}}) {
    CgrInterval iv;
    iv.rating.stages = {CgrStage{0, parse_pico("0.1"), 60'000, 1'000}};
    iv.rating.decimals = 0;  // no plan rounding: CGRateS leaves the total as it is
    const CgrTariff t(unit.dimension, {iv}, CgrOptions{decimals, RoundingPath::kCost});
    EXPECT_EQ(t.cost(0, 70'000, 0, true).to_string(), expected) << decimals;
  }
}

TEST(CgratesVectors, OverflowIsAnErrorNotAWrap) {
  CgrInterval iv;
  iv.rating.stages = {CgrStage{0, parse_pico("9000000"), 1, 1}};
  const CgrTariff t(UsageDimension::kCount, {iv}, CgrOptions{});
  EXPECT_THROW(t.cost(0, 4'000'000'000'000, 0, true), std::overflow_error);
}

}  // namespace
}  // namespace provsim

namespace provsim {
namespace {

// A call reported in parts continues the stages from the session's position
// and pays the connect fee once: the tutorial's 2-minute call to 1002
// (0.7002, apier/v1/costs_it_test.go:126) reported as 60 s + 60 s costs
// 0.7002 in all. A part is paid in whole increments of its own: 30 s + 90 s
// pays the first stage's 60 s increment twice, as separate CGRateS cost
// requests would (the second starts at 30 s, inside the first stage).
TEST(CgratesVectors, AUsageReportedInPartsCostsWhatTheWholeCosts) {
  const UsageUnit unit = usage_unit("second");
  PriceParams params;
  params.set_usage_unit(unit);
  params.set_intervals(cgrates_vectors::intervals("TUT_RP_1001_1002", unit));
  const auto model = make_price_model("per_unit", params);
  auto part = [&](const char* q, const char* offset) {
    return model->charge(PriceInput{Quantity::parse(q), 0, Quantity{}, Quantity::parse(offset)});
  };
  EXPECT_EQ(part("120", "0"), Money::parse("0.7002"));
  EXPECT_EQ(part("60", "0"), Money::parse("0.6"));      // connect 0.4 + the first minute 0.2
  EXPECT_EQ(part("60", "60"), Money::parse("0.1002"));  // 60 x 0.00167, no connect fee
  EXPECT_EQ(part("60", "0") + part("60", "60"), part("120", "0"));
  EXPECT_EQ(part("30", "0") + part("90", "30"), Money::parse("0.8501"));  // 0.6 + 0.2 + 0.0501
}

}  // namespace
}  // namespace provsim
