#include "reports/summary_json.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace provsim::reports {
namespace {

Results sample() {
  Results r;
  r.info = RunInfo{"baseline", "ab12cd", 42, "0.1.0", 86400.0, 3.25, 123456};
  r.metrics["orders.completed"] = std::int64_t{950};
  r.metrics["ip.blocking"] = 0.015;
  r.metrics["money.conserved"] = true;
  r.metrics["revenue.isp1"] = std::string("1234.50");
  return r;
}

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> out;
  for (const auto& item : j.items()) out.push_back(item.key());
  return out;
}

TEST(SummaryJson, TopLevelKeysInOrder) {
  auto j = summary_json(sample());
  EXPECT_EQ(keys(j), (std::vector<std::string>{"scenario", "seed", "scenario_hash", "version", "simulated_seconds",
                                               "events", "wall", "metrics"}));
  EXPECT_EQ(j["scenario"], "baseline");
  EXPECT_EQ(j["seed"], 42u);
  EXPECT_EQ(j["scenario_hash"], "ab12cd");
  EXPECT_EQ(j["version"], "0.1.0");
  EXPECT_EQ(j["simulated_seconds"], 86400.0);
  EXPECT_EQ(j["events"], 123456u);
  EXPECT_EQ(keys(j["wall"]), (std::vector<std::string>{"wall_seconds", "huge_pages"}));
  EXPECT_EQ(j["wall"]["wall_seconds"], 3.25);
  EXPECT_EQ(j["wall"]["huge_pages"], false);
}

TEST(SummaryJson, MetricsSortedAndTyped) {
  auto j = summary_json(sample());
  EXPECT_EQ(keys(j["metrics"]),
            (std::vector<std::string>{"ip.blocking", "money.conserved", "orders.completed", "revenue.isp1"}));
  EXPECT_TRUE(j["metrics"]["orders.completed"].is_number_integer());
  EXPECT_EQ(j["metrics"]["orders.completed"], 950);
  EXPECT_TRUE(j["metrics"]["ip.blocking"].is_number_float());
  EXPECT_TRUE(j["metrics"]["money.conserved"].is_boolean());
  EXPECT_EQ(j["metrics"]["revenue.isp1"], "1234.50");  // money stays exact text
}

TEST(SummaryJson, VerdictsOnlyWhenPresent) {
  Results r = sample();
  EXPECT_FALSE(summary_json(r).contains("verdicts"));
  r.verdicts.push_back({"orders.completed >= 960", "950", false});
  auto j = summary_json(r);
  ASSERT_TRUE(j.contains("verdicts"));
  EXPECT_EQ(keys(j).back(), "verdicts");
  EXPECT_EQ(j["verdicts"][0]["expectation"], "orders.completed >= 960");
  EXPECT_EQ(j["verdicts"][0]["actual"], "950");
  EXPECT_EQ(j["verdicts"][0]["passed"], false);
}

TEST(SummaryJson, ExactText) {
  Results r;
  r.info = RunInfo{"s", "h", 7, "v", 1.5, 0.5, 3};
  r.metrics["a"] = std::int64_t{1};
  r.metrics["b"] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(summary_text(r),
            "{\n"
            "  \"scenario\": \"s\",\n"
            "  \"seed\": 7,\n"
            "  \"scenario_hash\": \"h\",\n"
            "  \"version\": \"v\",\n"
            "  \"simulated_seconds\": 1.5,\n"
            "  \"events\": 3,\n"
            "  \"wall\": {\n"
            "    \"wall_seconds\": 0.5,\n"
            "    \"huge_pages\": false\n"
            "  },\n"
            "  \"metrics\": {\n"
            "    \"a\": 1,\n"
            "    \"b\": null\n"
            "  }\n"
            "}\n");
}

TEST(SummaryJson, LargestSeedSurvives) {
  Results r = sample();
  r.info.seed = std::numeric_limits<std::uint64_t>::max();
  EXPECT_NE(summary_text(r).find("\"seed\": 18446744073709551615,"), std::string::npos);
}

}  // namespace
}  // namespace provsim::reports
