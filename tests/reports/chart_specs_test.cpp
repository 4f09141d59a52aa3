#include "reports/chart_specs.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace provsim::reports {
namespace {

Table metrics_table(std::size_t rows) {
  Table t{"metrics", {"time_s", "orders.in_flight", "orders.completed", "ip.isp1.leased", "ip.isp1.capacity", "note"}, {}, {}, 0};
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
  ASSERT_EQ(set.charts.size(), 3u);  // orders, ip, isp1's pool
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
  EXPECT_EQ(set.charts[1].title, "Address pools over time");
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
  ASSERT_EQ(latency.size(), 3u);
  EXPECT_EQ(latency[0], (nlohmann::ordered_json{{"channel", "web"}, {"percentile", "p50"}, {"seconds", 1.5}}));
  EXPECT_EQ(latency[2]["percentile"], "p99");
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

Results with_metrics(std::initializer_list<std::pair<const std::string, Value>> metrics) {
  Results r;
  r.metrics = metrics;
  return r;
}

const Chart* find_chart(const ChartSet& set, const std::string& title) {
  for (const auto& c : set.charts)
    if (c.title == title) return &c;
  return nullptr;
}

void expect_labelled(const Chart& c) {
  EXPECT_FALSE(c.caption.empty()) << c.title;
  EXPECT_EQ(c.spec["title"], c.title);
  EXPECT_EQ(c.spec["$schema"], "https://vega.github.io/schema/vega-lite/v6.json");
  const auto& encoding = c.spec.contains("layer") ? c.spec["layer"][0]["encoding"] : c.spec["encoding"];
  const std::string x = encoding["x"]["title"], y = encoding["y"]["title"];
  EXPECT_FALSE(x.empty()) << c.title;
  EXPECT_FALSE(y.empty()) << c.title;
  // The measured axis names its unit: "(count)", "(simulated seconds)", ...
  EXPECT_TRUE(x.find('(') != std::string::npos || y.find('(') != std::string::npos) << c.title << ": no unit";
}

TEST(ChartSpecs, LatencyPerStepApartFromChannels) {
  ChartSet set = build_charts(with_metrics({{"latency.isp_web.p50_s", 12.0},
                                            {"latency.step.address.p50_s", 0.5},
                                            {"latency.step.address.p99_s", 0.9},
                                            {"latency.step.network.p95_s", 7.0}}));
  ASSERT_EQ(set.charts.size(), 2u);
  const Chart& channels = set.charts[0];
  EXPECT_EQ(channels.title, "Latency percentiles per channel");
  ASSERT_EQ(channels.spec["data"]["values"].size(), 1u);  // "step" is no channel
  EXPECT_EQ(channels.spec["data"]["values"][0]["channel"], "isp_web");
  const Chart& steps = set.charts[1];
  EXPECT_EQ(steps.title, "Latency percentiles per provisioning step");
  const auto& values = steps.spec["data"]["values"];
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0], (nlohmann::ordered_json{{"step", "address"}, {"percentile", "p50"}, {"seconds", 0.5}}));
  EXPECT_EQ(values[2]["step"], "network");
  EXPECT_EQ(steps.spec["encoding"]["x"]["field"], "step");
  EXPECT_EQ(steps.spec["encoding"]["y"]["title"], "latency (simulated seconds)");
  EXPECT_EQ(steps.spec["encoding"]["color"]["sort"], nlohmann::ordered_json::array({"p50", "p95", "p99"}));
  expect_labelled(steps);

  ChartSet only_steps = build_charts(with_metrics({{"latency.step.bsp.p50_s", 1.0}}));
  ASSERT_EQ(only_steps.charts.size(), 1u);
  EXPECT_EQ(only_steps.charts[0].title, "Latency percentiles per provisioning step");
  EXPECT_EQ(find_chart(build_charts(with_metrics({{"latency.web.p50_s", 1.0}})),
                       "Latency percentiles per provisioning step"),
            nullptr);
}

TEST(ChartSpecs, PoolOccupancyPerPoolWithBlockedOnSecondAxis) {
  Results r;
  auto& m = r.table("metrics", {"time_s", "ip.isp1.leased", "ip.isp1.capacity", "ip.isp1.blocked", "ip.isp2.leased",
                                "ip.isp2.capacity", "ip.isp3.leased"});
  for (int i = 0; i < 5; ++i)
    m.add({i * 60.0, std::int64_t{i}, std::int64_t{8}, std::int64_t{0}, std::int64_t{1}, std::int64_t{4},
           std::int64_t{2}});
  ChartSet set = build_charts(r);
  const Chart* isp1 = find_chart(set, "Address pool isp1: leased against capacity");
  const Chart* isp2 = find_chart(set, "Address pool isp2: leased against capacity");
  ASSERT_NE(isp1, nullptr);
  ASSERT_NE(isp2, nullptr);
  EXPECT_EQ(find_chart(set, "Address pool isp3: leased against capacity"), nullptr);  // no capacity column
  EXPECT_TRUE(isp1->uses_datasets);
  EXPECT_EQ(isp1->spec["data"]["name"], "metrics");
  EXPECT_EQ(isp1->spec["transform"][0]["fold"],
            nlohmann::ordered_json::array({"ip\\.isp1\\.leased", "ip\\.isp1\\.capacity", "ip\\.isp1\\.blocked"}));
  ASSERT_EQ(isp1->spec["layer"].size(), 2u);
  EXPECT_EQ(isp1->spec["layer"][0]["encoding"]["y"]["title"], "addresses (count)");
  EXPECT_EQ(isp1->spec["layer"][1]["transform"][0]["filter"], "datum.series === \"ip.isp1.blocked\"");
  EXPECT_EQ(isp1->spec["layer"][1]["encoding"]["y"]["title"], "blocked session attempts, cumulative (count)");
  EXPECT_EQ(isp1->spec["resolve"]["scale"]["y"], "independent");
  EXPECT_EQ(isp1->spec["layer"][0]["encoding"]["x"]["title"], "simulated time (minutes)");
  expect_labelled(*isp1);
  // Without a blocked column: one layer, no second axis.
  EXPECT_EQ(isp2->spec["layer"].size(), 1u);
  EXPECT_FALSE(isp2->spec.contains("resolve"));
}

TEST(ChartSpecs, PoolEventsAsMarksOnEachPoolsChart) {
  Results r;
  auto& m = r.table("metrics", {"time_s", "ip.isp1.leased", "ip.isp1.capacity", "ip.isp1.blocked",
                                "ip.isp2.north.leased", "ip.isp2.north.capacity", "ip.isp3.leased", "ip.isp3.capacity"});
  for (int i = 0; i < 5; ++i)
    m.add({i * 3600.0, std::int64_t{i}, std::int64_t{8}, std::int64_t{0}, std::int64_t{1}, std::int64_t{4},
           std::int64_t{1}, std::int64_t{4}});
  auto& e = r.table("pool_events", {"time_s", "pool", "isp", "region", "event", "count"});
  e.add({3600.0, std::int64_t{0}, std::string("isp1"), std::string(), std::string("borrow"), std::int64_t{8}});
  e.add({7200.0, std::int64_t{0}, std::string("isp1"), std::string(), std::string("block_added"), std::int64_t{254}});
  e.add({7200.0, std::int64_t{0}, std::string("isp1"), std::string(), std::string("return"), std::int64_t{8}});
  e.add({3600.0, std::int64_t{1}, std::string("isp2"), std::string("north"), std::string("lease_blocked"),
         std::int64_t{3}});
  ChartSet set = build_charts(r);
  ASSERT_EQ(set.datasets["pool_events"].size(), 4u);
  EXPECT_EQ(set.datasets["pool_events"][3]["pool"], "isp2.north");
  EXPECT_EQ(set.datasets["pool_events"][1]["count"], 254);

  const Chart* isp1 = find_chart(set, "Address pool isp1: leased against capacity");
  ASSERT_NE(isp1, nullptr);
  const auto& layers = isp1->spec["layer"];
  // addresses, blocked (right axis), the block-added rule, a row of points per kind
  ASSERT_EQ(layers.size(), 6u);
  EXPECT_EQ(layers[2]["mark"]["type"], "rule");
  EXPECT_EQ(layers[2]["data"]["name"], "pool_events");
  EXPECT_EQ(layers[2]["transform"][0]["filter"], "datum.pool === \"isp1\" && datum.event === \"block_added\"");
  std::vector<std::string> kinds;
  for (std::size_t i = 3; i < layers.size(); ++i) {
    EXPECT_EQ(layers[i]["mark"]["type"], "point");
    EXPECT_EQ(layers[i]["encoding"]["x"]["title"], "simulated time (hours)");
    EXPECT_EQ(layers[i]["encoding"]["fill"]["title"], "pool events");
    EXPECT_EQ(layers[i]["encoding"]["shape"]["title"], "pool events");
    kinds.push_back(layers[i]["transform"][0]["filter"].get<std::string>());
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"datum.pool === \"isp1\" && datum.event === \"borrow\"",
                                             "datum.pool === \"isp1\" && datum.event === \"block_added\"",
                                             "datum.pool === \"isp1\" && datum.event === \"return\""}));
  EXPECT_EQ(layers[3]["encoding"]["fill"]["scale"]["domain"],
            nlohmann::ordered_json::array({"borrow", "block_added", "return"}));
  EXPECT_NE(isp1->caption.find("pool_events.csv"), std::string::npos);
  EXPECT_TRUE(isp1->uses_datasets);

  const Chart* isp2 = find_chart(set, "Address pool isp2.north: leased against capacity");
  ASSERT_NE(isp2, nullptr);
  ASSERT_EQ(isp2->spec["layer"].size(), 2u);  // addresses, lease_blocked points; no rule without a block
  EXPECT_EQ(isp2->spec["resolve"]["scale"]["y"], "independent");
  // A pool without events: no event layers.
  const Chart* isp3 = find_chart(set, "Address pool isp3: leased against capacity");
  ASSERT_NE(isp3, nullptr);
  EXPECT_EQ(isp3->spec["layer"].size(), 1u);
}

TEST(ChartSpecs, PoolBlockingAgainstTheory) {
  Results r;
  auto& pools = r.table("pools", {"pool", "isp", "region", "capacity", "blocking", "engset_blocking",
                                  "erlang_b_blocking"});
  pools.add({std::int64_t{0}, std::string("isp1"), std::string(""), std::int64_t{62}, 0.0, 0.0005, 0.009});
  pools.add({std::int64_t{1}, std::string("isp2"), std::string(""), std::int64_t{30}, 0.036, 0.176, 0.244});
  ChartSet set = build_charts(r);
  ASSERT_EQ(set.charts.size(), 1u);
  const Chart& c = set.charts[0];
  EXPECT_EQ(c.title, "Blocking per address pool against theory");
  const auto& values = c.spec["data"]["values"];
  ASSERT_EQ(values.size(), 6u);
  EXPECT_EQ(values[0], (nlohmann::ordered_json{{"pool", "isp1 pool 0"}, {"source", "simulated"}, {"probability", 0.0}}));
  EXPECT_EQ(values[4], (nlohmann::ordered_json{{"pool", "isp2 pool 1"}, {"source", "Engset"}, {"probability", 0.176}}));
  EXPECT_EQ(values[5]["source"], "Erlang B");
  EXPECT_EQ(c.spec["encoding"]["y"]["title"], "blocking probability (fraction)");
  expect_labelled(c);
  EXPECT_TRUE(build_charts([] {
                Results e;
                e.table("pools", {"pool", "isp", "capacity"}).add({std::int64_t{0}, std::string("isp1"), std::int64_t{4}});
                return e;
              }())
                  .charts.empty());
}

TEST(ChartSpecs, SettlementPerCycleAndSplit) {
  Results r;
  auto& s = r.table("settlement", {"cycle", "party", "recurring", "purchase", "usage", "shares", "total"});
  s.add({std::int64_t{0}, std::string("netco"), std::string("10.500000"), std::string("1.000000"),
         std::string("0.250000"), std::int64_t{3}, std::string("11.750000")});
  s.add({std::int64_t{1}, std::string("isp1"), std::string("0.000000"), std::string("2.000000"),
         std::string("3.000000"), std::int64_t{2}, std::string("5.000000")});
  ChartSet set = build_charts(r);
  ASSERT_EQ(set.charts.size(), 2u);
  const Chart& per_cycle = set.charts[0];
  EXPECT_EQ(per_cycle.title, "Revenue per party per billing cycle");
  EXPECT_EQ(per_cycle.spec["data"]["values"][0],
            (nlohmann::ordered_json{{"cycle", 0}, {"party", "netco"}, {"amount", "11.750000"}}));  // money stays text
  EXPECT_EQ(per_cycle.spec["transform"][0]["calculate"], "toNumber(datum.amount)");
  EXPECT_EQ(per_cycle.spec["encoding"]["x"]["field"], "cycle");
  EXPECT_EQ(per_cycle.spec["encoding"]["y"]["title"], "revenue (currency units)");
  expect_labelled(per_cycle);
  const Chart& split = set.charts[1];
  EXPECT_EQ(split.title, "Settlement split per party");
  const auto& values = split.spec["data"]["values"];
  ASSERT_EQ(values.size(), 6u);
  EXPECT_EQ(values[2], (nlohmann::ordered_json{{"cycle", 0}, {"party", "netco"}, {"charge", "usage"},
                                               {"amount", "0.250000"}}));
  EXPECT_EQ(split.spec["encoding"]["y"]["aggregate"], "sum");
  EXPECT_EQ(split.spec["encoding"]["color"]["field"], "charge");
  expect_labelled(split);
  EXPECT_TRUE(build_charts([] {
                Results e;
                e.table("settlement", {"cycle", "party", "recurring", "purchase", "usage", "shares", "total"});
                return e;
              }())
                  .charts.empty());
}

TEST(ChartSpecs, RevenuePerPartyIgnoresPerCycleMetrics) {
  ChartSet set = build_charts(with_metrics({{"revenue.isp1", std::string("3.000000")},
                                            {"revenue.isp1.cycle0", std::string("1.000000")},
                                            {"revenue.isp1.cycle1", std::string("2.000000")}}));
  ASSERT_EQ(set.charts.size(), 1u);
  ASSERT_EQ(set.charts[0].spec["data"]["values"].size(), 1u);
  EXPECT_EQ(set.charts[0].spec["data"]["values"][0]["party"], "isp1");
}

TEST(ChartSpecs, SuspenseByReason) {
  ChartSet set = build_charts(with_metrics({{"suspense.outside_subscription", std::int64_t{3}},
                                            {"suspense.unknown_user", std::int64_t{1}},
                                            {"rating.suspended", std::int64_t{4}}}));
  ASSERT_EQ(set.charts.size(), 1u);
  const Chart& c = set.charts[0];
  EXPECT_EQ(c.title, "Suspense by reason");
  EXPECT_EQ(c.spec["data"]["values"],
            (nlohmann::ordered_json::array({nlohmann::ordered_json{{"reason", "outside_subscription"}, {"count", 3}},
                                            nlohmann::ordered_json{{"reason", "unknown_user"}, {"count", 1}}})));
  EXPECT_EQ(c.spec["encoding"]["x"]["title"], "events in suspense (count)");
  expect_labelled(c);
  EXPECT_EQ(find_chart(build_charts(with_metrics({{"rating.suspended", std::int64_t{0}}})), "Suspense by reason"),
            nullptr);
}

TEST(ChartSpecs, AdapterAndCallCentreSeriesReadWell) {
  Results r;
  auto& m = r.table("metrics", {"time_s", "adapters.network.in_flight", "adapters.network.queued",
                                "call_centre.np_csr.queue", "call_centre.np_csr.agents_busy"});
  for (int i = 0; i < 3; ++i) m.add({i * 60.0, std::int64_t{1}, std::int64_t{0}, std::int64_t{2}, std::int64_t{4}});
  ChartSet set = build_charts(r);
  ASSERT_EQ(set.charts.size(), 2u);
  EXPECT_EQ(set.charts[0].title, "Provisioning adapters over time");
  EXPECT_EQ(set.charts[0].spec["encoding"]["y"]["title"], "requests (count)");
  EXPECT_NE(set.charts[0].caption.find("adapters.network.queued"), std::string::npos);
  EXPECT_EQ(set.charts[1].title, "CSR call centres over time");
  EXPECT_EQ(set.charts[1].spec["encoding"]["y"]["title"], "calls waiting or agents busy (count)");
  EXPECT_NE(set.charts[1].caption.find("call_centre.np_csr.agents_busy"), std::string::npos);
  for (const auto& c : set.charts) expect_labelled(c);
}

TEST(ChartSpecs, CallCentreWaitsInAChartOfTheirOwn) {
  Results r;
  auto& m = r.table("metrics", {"time_s", "call_centre.np_csr.queue", "call_centre.np_csr.agents_busy",
                                "call_centre.np_csr.wait_mean_s", "call_centre.np_csr.wait_p90_s"});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  m.add({0.0, std::int64_t{0}, std::int64_t{0}, nan, nan});
  m.add({60.0, std::int64_t{2}, std::int64_t{4}, 12.5, 30.0});
  ChartSet set = build_charts(r);
  ASSERT_EQ(set.charts.size(), 2u);
  EXPECT_EQ(set.charts[0].title, "CSR call centres over time");
  EXPECT_EQ(set.charts[0].spec["transform"][0]["fold"],
            nlohmann::ordered_json::array({"call_centre\\.np_csr\\.queue", "call_centre\\.np_csr\\.agents_busy"}));
  EXPECT_EQ(set.charts[1].title, "CSR waiting time over time");
  EXPECT_EQ(set.charts[1].spec["encoding"]["y"]["title"], "wait of the calls answered in the interval (s)");
  EXPECT_NE(set.charts[1].caption.find("call_centre.np_csr.wait_p90_s"), std::string::npos);
  EXPECT_EQ(set.datasets["metrics"][0]["call_centre.np_csr.wait_mean_s"].dump(), "null");  // a gap, not a zero
  for (const auto& c : set.charts) expect_labelled(c);
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
