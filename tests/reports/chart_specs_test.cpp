#include "reports/chart_specs.hpp"

#include <gtest/gtest.h>

namespace provsim::reports {
namespace {

Table metrics_table(std::size_t rows) {
  Table t{"metrics", {"time_s", "orders.in_flight", "orders.completed", "ip.isp1.leased", "ip.isp1.capacity", "note"}, {}};
  for (std::size_t i = 0; i < rows; ++i)
    t.add({static_cast<double>(i) * 3600.0, std::int64_t{3}, static_cast<std::int64_t>(i), std::int64_t{10},
           std::int64_t{16}, std::string("text")});
  return t;
}

TEST(ChartSpecs, NoDataNoCharts) {
  EXPECT_TRUE(build_charts(Results{}).charts.empty());
}

TEST(ChartSpecs, TimeSeriesGroupedByPrefix) {
  Results r;
  r.tables.push_back(metrics_table(72));
  ChartSet set = build_charts(r);
  ASSERT_EQ(set.charts.size(), 2u);
  const Chart& orders = set.charts[0];
  EXPECT_EQ(orders.id, "chart-1");
  EXPECT_EQ(orders.title, "orders over time");
  EXPECT_TRUE(orders.uses_datasets);
  EXPECT_EQ(orders.spec["data"]["name"], "metrics");
  // Dots escaped so Vega-Lite does not read them as nested fields.
  EXPECT_EQ(orders.spec["transform"][0]["fold"],
            nlohmann::ordered_json::array({"orders\\.in_flight", "orders\\.completed"}));
  EXPECT_EQ(orders.spec["encoding"]["x"]["title"], "simulated time (days)");
  EXPECT_EQ(orders.spec["encoding"]["y"]["title"], "orders (count)");
  EXPECT_EQ(set.charts[1].title, "ip over time");
  EXPECT_FALSE(set.charts[1].caption.empty());
  // The text column is no series; the dataset keeps the numeric columns.
  ASSERT_EQ(set.datasets["metrics"].size(), 72u);
  EXPECT_FALSE(set.datasets["metrics"][0].contains("note"));
  EXPECT_EQ(set.datasets["metrics"][5]["orders.completed"], 5);
}

TEST(ChartSpecs, LongSeriesAreThinnedKeepingFirstAndLast) {
  Results r;
  r.tables.push_back(metrics_table(kMaxTimeSeriesRows * 2 + 1));
  ChartSet set = build_charts(r);
  const auto& rows = set.datasets["metrics"];
  EXPECT_LE(rows.size(), kMaxTimeSeriesRows);
  EXPECT_EQ(rows.front()["orders.completed"], 0);
  EXPECT_EQ(rows.back()["orders.completed"], kMaxTimeSeriesRows * 2);
  EXPECT_NE(set.charts[0].caption.find("every 3rd of 10001 samples"), std::string::npos);
}

TEST(ChartSpecs, FunnelLatencyRevenueFromMetrics) {
  Results r;
  r.metrics["funnel.web.arrived"] = std::int64_t{100};
  r.metrics["funnel.web.qualified"] = std::int64_t{80};
  r.metrics["funnel.csr.arrived"] = std::int64_t{50};
  r.metrics["latency.web.p50"] = 1.5;
  r.metrics["latency.web.p99"] = 9.0;
  r.metrics["latency.web.p95_s"] = 4.0;
  r.metrics["latency.step.address.p50_s"] = 0.5;
  r.metrics["latency.web.p50_ms"] = 1500.0;  // milliseconds: left out
  r.metrics["latency.web.mean"] = 2.0;  // not a percentile: left out
  r.metrics["revenue.isp1"] = std::string("120.50");
  r.metrics["revenue.np"] = std::string("30.10");
  ChartSet set = build_charts(r);
  ASSERT_EQ(set.charts.size(), 3u);
  EXPECT_EQ(set.charts[0].title, "Funnel per channel");
  EXPECT_EQ(set.charts[0].spec["data"]["values"].size(), 3u);
  EXPECT_EQ(set.charts[1].title, "Latency percentiles per channel");
  const auto& latency = set.charts[1].spec["data"]["values"];
  ASSERT_EQ(latency.size(), 4u);
  EXPECT_EQ(latency[0], (nlohmann::ordered_json{{"channel", "step.address"}, {"percentile", "p50"}, {"seconds", 0.5}}));
  EXPECT_EQ(latency[3]["percentile"], "p99");
  EXPECT_EQ(set.charts[1].spec["encoding"]["color"]["sort"], nlohmann::ordered_json::array({"p50", "p95", "p99"}));
  EXPECT_EQ(set.charts[1].spec["encoding"]["y"]["title"], "latency (simulated seconds)");
  EXPECT_EQ(set.charts[2].title, "Revenue per party");
  EXPECT_EQ(set.charts[2].spec["data"]["values"][0]["amount"], "120.50");
  for (const auto& c : set.charts) {
    EXPECT_FALSE(c.uses_datasets);
    EXPECT_FALSE(c.caption.empty());
    EXPECT_TRUE(c.spec["encoding"]["x"].contains("title"));
    EXPECT_TRUE(c.spec["encoding"]["y"].contains("title"));
  }
}

TEST(ChartSpecs, UnitsFromNames) {
  EXPECT_EQ(unit_of("orders.latency_s"), "s");
  EXPECT_EQ(unit_of("rating.batch_ms"), "ms");
  EXPECT_EQ(unit_of("ip.isp1.utilisation"), "fraction");
  EXPECT_EQ(unit_of("cpu_pct"), "%");
  EXPECT_EQ(unit_of("orders.completed"), "count");
}

}  // namespace
}  // namespace provsim::reports
