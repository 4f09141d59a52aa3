#include "reports/chart_specs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "reports/decimal_compare.hpp"
#include "reports/summary_json.hpp"
#include "reports/value_text.hpp"

namespace provsim::reports {

namespace {

using Json = nlohmann::ordered_json;

const char* const kSchema = "https://vega.github.io/schema/vega-lite/v6.json";

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_numeric(const Value& v) {
  if (std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v)) return true;
  const auto* s = std::get_if<std::string>(&v);
  return s != nullptr && is_decimal(*s);
}

double as_double(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}

// Vega-Lite reads '.' and '[' in a field name as nested access: escape them.
std::string field_ref(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '.' || c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

Json base_spec(const std::string& title) {
  Json spec;
  spec["$schema"] = kSchema;
  spec["title"] = title;
  spec["width"] = "container";
  spec["height"] = 260;
  return spec;
}

struct TimeScale {
  double seconds;
  const char* name;
};

TimeScale time_scale(double span_seconds) {
  if (span_seconds >= 2 * 86400.0) return {86400.0, "days"};
  if (span_seconds >= 2 * 3600.0) return {3600.0, "hours"};
  if (span_seconds >= 2 * 60.0) return {60.0, "minutes"};
  return {1.0, "seconds"};
}

std::string group_unit(const std::vector<std::string>& columns) {
  std::string unit = unit_of(columns.front());
  for (const auto& c : columns)
    if (unit_of(c) != unit) return "mixed units";
  return unit;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string ordinal(std::size_t n) {
  std::size_t tens = n % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

class ChartBuilder {
 public:
  explicit ChartBuilder(ChartSet& set) : set_(set) {}

  // The topic and key of the next chart added.
  void next(std::string topic, std::string key) {
    topic_ = std::move(topic);
    key_ = std::move(key);
  }

  void add(std::string title, std::string caption, Json spec, bool uses_datasets = false) {
    Chart c;
    c.id = "chart-" + std::to_string(set_.charts.size() + 1);
    c.topic = topic_.empty() ? kTopicOther : std::move(topic_);
    c.key = std::move(key_);
    topic_.clear();
    key_.clear();
    c.title = std::move(title);
    c.caption = std::move(caption);
    c.spec = std::move(spec);
    c.uses_datasets = uses_datasets;
    set_.charts.push_back(std::move(c));
  }

 private:
  ChartSet& set_;
  std::string topic_;
  std::string key_;
};

// ---- time series from the "metrics" table ----

// Titles and axis labels for the prefixes whose meaning is known; any other
// prefix gets "<prefix> over time" and "<prefix> (<unit>)".
struct SeriesLabels {
  std::string title;
  std::string y_title;
  std::string caption;
};

SeriesLabels series_labels(const std::string& prefix, const std::string& unit) {
  if (prefix == "adapters" && unit == "count")
    return {"Provisioning adapters over time", "requests (count)",
            "Requests each provisioning adapter has in flight and queued for a free slot"};
  if (prefix == "call_centre" && unit == "count")
    return {"CSR call centres over time", "calls waiting or agents busy (count)",
            "Calls waiting in each CSR call centre's queue and its agents busy"};
  if (prefix == "call_centre" && unit == "s")
    return {"CSR waiting time over time", "wait of the calls answered in the interval (s)",
            "Mean and 90th percentile wait of the calls each CSR call centre answered in each metrics interval, "
            "zero waits included (a gap: no call answered)"};
  if (prefix == "ip" && unit == "count")
    return {"Address pools over time", "addresses, subscribers or attempts (count)",
            "Each pool's leased addresses, capacity, subscribers bound to it and session attempts blocked so far"};
  return {prefix + " over time", prefix + " (" + unit + ")", ""};
}

// The time axis unit for the metrics table's span (0 when it has no rows).
TimeScale metrics_time_scale(const Table& table, std::size_t time_col) {
  double span = as_double(table.rows.back()[time_col]) - as_double(table.rows.front()[time_col]);
  return time_scale(span);
}

Json time_transform(const TimeScale& scale) {
  return Json{{"calculate", "datum.time_s / " + std::to_string(static_cast<long long>(scale.seconds))}, {"as", "t"}};
}

Json time_axis(const TimeScale& scale) {
  return {{"field", "t"}, {"type", "quantitative"}, {"title", std::string("simulated time (") + scale.name + ")"}};
}

void add_time_series(const Table& table, ChartSet& set, ChartBuilder& builder) {
  auto time_it = std::find(table.columns.begin(), table.columns.end(), "time_s");
  if (time_it == table.columns.end() || table.rows.empty()) return;
  std::size_t time_col = static_cast<std::size_t>(time_it - table.columns.begin());

  // Series: numeric columns, grouped by prefix and unit in order of first
  // appearance (a prefix whose series have different units gets a chart per
  // unit: call centres' queues and waits).
  std::vector<std::pair<std::pair<std::string, std::string>, std::vector<std::string>>> groups;
  std::vector<std::size_t> kept{time_col};
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c == time_col) continue;
    bool numeric = std::all_of(table.rows.begin(), table.rows.end(),
                               [c](const std::vector<Value>& row) { return c < row.size() && is_numeric(row[c]); });
    if (!numeric) continue;
    kept.push_back(c);
    const std::string& name = table.columns[c];
    const std::pair<std::string, std::string> key{name.substr(0, name.find('.')), unit_of(name)};
    auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& p) { return p.first == key; });
    if (g == groups.end()) groups.push_back({key, {name}});
    else g->second.push_back(name);
  }
  if (groups.empty()) return;
  if (!std::all_of(table.rows.begin(), table.rows.end(), [&](const std::vector<Value>& row) {
        return time_col < row.size() && (std::holds_alternative<std::int64_t>(row[time_col]) ||
                                         std::holds_alternative<double>(row[time_col]));
      }))
    return;

  // Thin to at most kMaxTimeSeriesRows, keeping the first and last sample.
  std::size_t n = table.rows.size();
  std::size_t step = (n + kMaxTimeSeriesRows - 1) / kMaxTimeSeriesRows;
  Json rows = Json::array();
  for (std::size_t r = 0; r < n; r += step) {
    if (r + step >= n) r = n - 1;
    Json row = Json::object();
    for (std::size_t c : kept) row[table.columns[c]] = value_json(table.rows[r][c]);
    rows.push_back(std::move(row));
  }
  set.datasets["metrics"] = std::move(rows);

  TimeScale scale = metrics_time_scale(table, time_col);
  std::string thinned = step > 1 ? " (every " + ordinal(step) + " of " + std::to_string(n) + " samples)" : "";

  for (const auto& [key, columns] : groups) {
    const std::string& prefix = key.first;
    Json fold = Json::array();
    for (const auto& c : columns) fold.push_back(field_ref(c));
    SeriesLabels labels = series_labels(prefix, group_unit(columns));
    Json spec = base_spec(labels.title);
    spec["data"] = {{"name", "metrics"}};
    spec["transform"] = Json::array({
        Json{{"fold", fold}, {"as", Json::array({"series", "value"})}},
        Json{{"calculate", "toNumber(datum.value)"}, {"as", "value"}},
        time_transform(scale),
    });
    spec["mark"] = {{"type", "line"}, {"clip", true}};
    spec["encoding"] = {
        {"x", time_axis(scale)},
        {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", labels.y_title}}},
        {"color", {{"field", "series"}, {"type", "nominal"}, {"title", "series"}}},
        {"tooltip", Json::array({Json{{"field", "series"}, {"type", "nominal"}},
                                 Json{{"field", "time_s"}, {"type", "quantitative"}, {"title", "time (s)"}},
                                 Json{{"field", "value"}, {"type", "quantitative"}}})},
    };
    std::string what = labels.caption.empty() ? join(columns) : labels.caption + " (" + join(columns) + ")";
    builder.next(topic_of_prefix(prefix), "series." + prefix + "." + key.second);
    builder.add(labels.title, what + " against simulated time, from metrics.csv" + thinned + ".", std::move(spec),
                true);
  }
}

// ---- each address pool's occupancy, from the "metrics" table ----

// Table "pool_events" (time_s, isp, region, event, count): kept as the
// shared dataset "pool_events", one row per interval and kind, with "pool"
// the name the metrics columns use ("<isp>" or "<isp>.<region>").
// Returns the event kinds per pool, in order of first appearance.
std::map<std::string, std::vector<std::string>> add_pool_events(const Table& table, ChartSet& set) {
  std::map<std::string, std::vector<std::string>> kinds;
  const auto column = [&](const char* name) -> std::optional<std::size_t> {
    auto it = std::find(table.columns.begin(), table.columns.end(), name);
    if (it == table.columns.end()) return std::nullopt;
    return static_cast<std::size_t>(it - table.columns.begin());
  };
  const auto time = column("time_s"), isp = column("isp"), region = column("region"), event = column("event"),
             count = column("count");
  if (!time || !isp || !event || !count) return kinds;
  Json rows = Json::array();
  for (const auto& row : table.rows) {
    if (row.size() != table.columns.size() || !is_numeric(row[*time]) || !is_numeric(row[*count])) continue;
    std::string pool = value_text(row[*isp]);
    if (region && !value_text(row[*region]).empty()) pool += "." + value_text(row[*region]);
    const std::string kind = value_text(row[*event]);
    auto& pool_kinds = kinds[pool];
    if (std::find(pool_kinds.begin(), pool_kinds.end(), kind) == pool_kinds.end()) pool_kinds.push_back(kind);
    rows.push_back({{"pool", pool}, {"event", kind}, {"time_s", value_json(row[*time])}, {"count", value_json(row[*count])}});
  }
  if (!rows.empty()) set.datasets["pool_events"] = std::move(rows);
  return kinds;
}

// The colour and shape of each pool event kind, fixed so every pool's chart
// reads alike; other kinds get Vega's defaults.
struct EventStyle {
  const char* kind;
  const char* colour;
  const char* shape;
};
constexpr EventStyle kEventStyles[] = {
    {"borrow", "#1b9e77", "triangle-up"},
    {"return", "#d95f02", "triangle-down"},
    {"block_added", "#7570b3", "square"},
    {"lease_blocked", "#e7298a", "cross"},
};

// The event layers of one pool's chart: a row of points per kind along the
// top (size: how many in the interval), and a vertical rule where a block
// was added (capacity steps up there).
void add_event_layers(Json& spec, const std::string& pool, const std::vector<std::string>& kinds,
                      const TimeScale& scale) {
  Json domain = Json::array(), colours = Json::array(), shapes = Json::array();
  for (const auto& kind : kinds) {
    const auto* style = std::find_if(std::begin(kEventStyles), std::end(kEventStyles),
                                     [&](const EventStyle& e) { return kind == e.kind; });
    domain.push_back(kind);
    colours.push_back(style != std::end(kEventStyles) ? style->colour : "#666666");
    shapes.push_back(style != std::end(kEventStyles) ? style->shape : "circle");
  }
  const std::string legend = "pool events";
  Json data = {{"name", "pool_events"}};
  const auto filter = [&](const std::string& kind) {
    return Json::array({Json{{"filter", "datum.pool === " + Json(pool).dump() + " && datum.event === " + Json(kind).dump()}},
                        Json{{"calculate", "toNumber(datum.count)"}, {"as", "count"}}, time_transform(scale)});
  };
  Json tooltip = Json::array({Json{{"field", "event"}, {"type", "nominal"}},
                              Json{{"field", "time_s"}, {"type", "quantitative"}, {"title", "interval end (s)"}},
                              Json{{"field", "count"}, {"type", "quantitative"}, {"title", "count in the interval"}}});
  if (std::find(kinds.begin(), kinds.end(), "block_added") != kinds.end())
    spec["layer"].push_back({
        {"data", data},
        {"transform", filter("block_added")},
        {"mark", {{"type", "rule"}, {"clip", true}, {"strokeDash", Json::array({2, 2})}, {"color", "#7570b3"}}},
        {"encoding", {{"x", time_axis(scale)}, {"tooltip", tooltip}}},
    });
  for (std::size_t i = 0; i < kinds.size(); ++i)
    spec["layer"].push_back({
        {"data", data},
        {"transform", filter(kinds[i])},
        {"mark", {{"type", "point"}, {"filled", true}, {"clip", true}, {"opacity", 0.85}}},
        {"encoding",
         {{"x", time_axis(scale)},
          {"y", {{"value", 8 + 12 * static_cast<int>(i)}}},
          {"fill", {{"field", "event"}, {"type", "nominal"}, {"title", legend},
                    {"scale", {{"domain", domain}, {"range", colours}}}}},
          {"shape", {{"field", "event"}, {"type", "nominal"}, {"title", legend},
                     {"scale", {{"domain", domain}, {"range", shapes}}}}},
          {"size", {{"field", "count"}, {"type", "quantitative"}, {"title", "events in the interval (count)"},
                    {"scale", {{"range", Json::array({20, 200})}}}}},
          {"tooltip", tooltip}}},
    });
}

// Columns "ip.<isp>.leased" and "ip.<isp>.capacity" (both kept as series in
// the shared dataset): one chart per pool, the pool's cumulative blocked
// counter ("ip.<isp>.blocked", if present) on a second axis, and the pool's
// events (borrow, return, block added, blocked) from "pool_events" as marks.
void add_pool_occupancy(const Table& table, const std::map<std::string, std::vector<std::string>>& events,
                        const ChartSet& set, ChartBuilder& builder) {
  if (!set.datasets.contains("metrics") || set.datasets["metrics"].empty()) return;
  const Json& first = set.datasets["metrics"][0];
  auto time_it = std::find(table.columns.begin(), table.columns.end(), "time_s");
  TimeScale scale = metrics_time_scale(table, static_cast<std::size_t>(time_it - table.columns.begin()));
  const std::string prefix = "ip.", suffix = ".leased";
  for (const auto& column : table.columns) {
    if (column.compare(0, prefix.size(), prefix) != 0 || !ends_with(column, suffix)) continue;
    if (column.size() <= prefix.size() + suffix.size()) continue;
    std::string isp = column.substr(prefix.size(), column.size() - prefix.size() - suffix.size());
    std::string base = prefix + isp + ".";
    if (!first.contains(base + "leased") || !first.contains(base + "capacity")) continue;
    bool has_blocked = first.contains(base + "blocked");

    Json fold = Json::array({field_ref(base + "leased"), field_ref(base + "capacity")});
    if (has_blocked) fold.push_back(field_ref(base + "blocked"));
    const std::string blocked_test = "datum.series === " + Json(base + "blocked").dump();
    Json tooltip = Json::array({Json{{"field", "series"}, {"type", "nominal"}},
                                Json{{"field", "time_s"}, {"type", "quantitative"}, {"title", "time (s)"}},
                                Json{{"field", "value"}, {"type", "quantitative"}}});
    Json color = {{"field", "series"}, {"type", "nominal"}, {"title", "series"}};
    Json addresses = {
        {"transform", Json::array({Json{{"filter", "!(" + blocked_test + ")"}}})},
        {"mark", {{"type", "line"}, {"clip", true}}},
        {"encoding",
         {{"x", time_axis(scale)},
          {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", "addresses (count)"}}},
          {"color", color},
          {"tooltip", tooltip}}},
    };
    std::string title = "Address pool " + isp + ": leased against capacity";
    Json spec = base_spec(title);
    spec["data"] = {{"name", "metrics"}};
    spec["transform"] = Json::array({
        Json{{"fold", fold}, {"as", Json::array({"series", "value"})}},
        Json{{"calculate", "toNumber(datum.value)"}, {"as", "value"}},
        time_transform(scale),
    });
    spec["layer"] = Json::array({std::move(addresses)});
    std::string caption = "Addresses leased in " + isp + "'s pool against its capacity over simulated time";
    if (has_blocked) {
      spec["layer"].push_back({
          {"transform", Json::array({Json{{"filter", blocked_test}}})},
          {"mark", {{"type", "line"}, {"clip", true}, {"strokeDash", Json::array({4, 3})}}},
          {"encoding",
           {{"x", time_axis(scale)},
            {"y",
             {{"field", "value"},
              {"type", "quantitative"},
              {"title", "blocked session attempts, cumulative (count)"},
              {"axis", {{"orient", "right"}}}}},
            {"color", color},
            {"tooltip", tooltip}}},
      });
      spec["resolve"] = {{"scale", {{"y", "independent"}}}};
      caption += "; dashed, on the right axis: session attempts blocked so far";
    }
    if (auto e = events.find(isp); e != events.end()) {
      add_event_layers(spec, isp, e->second, scale);
      spec["resolve"] = {{"scale", {{"y", "independent"}}}};
      caption += "; along the top, per metrics interval: addresses borrowed from and returned to the NP reserve, "
                 "added in a new block (also a dotted rule) and session attempts blocked (pool_events.csv)";
    }
    builder.next(kTopicAddresses, "pool." + isp);
    builder.add(title, caption + " (metrics.csv " + base + "*).", std::move(spec), true);
  }
}

// ---- charts from summary metrics ----

// "funnel.web.ordered" -> {"web", "ordered"} for prefix "funnel."
std::optional<std::pair<std::string, std::string>> split_channel(const std::string& key, const std::string& prefix) {
  if (key.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::string rest = key.substr(prefix.size());
  auto dot = rest.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) return std::nullopt;
  return std::make_pair(rest.substr(0, dot), rest.substr(dot + 1));
}

void add_funnel(const Results& results, ChartBuilder& builder) {
  Json values = Json::array();
  for (const auto& [key, value] : results.metrics) {
    auto parts = split_channel(key, "funnel.");
    if (!parts || !is_numeric(value)) continue;
    values.push_back({{"channel", parts->first}, {"stage", parts->second}, {"count", value_json(value)}});
  }
  if (values.empty()) return;
  Json spec = base_spec("Funnel per channel");
  spec["data"] = {{"values", std::move(values)}};
  spec["transform"] = Json::array({Json{{"calculate", "toNumber(datum.count)"}, {"as", "count"}}});
  spec["mark"] = "bar";
  spec["encoding"] = {
      {"y", {{"field", "stage"}, {"type", "nominal"}, {"sort", "-x"}, {"title", "stage"}}},
      {"x", {{"field", "count"}, {"type", "quantitative"}, {"title", "prospects reaching the stage (count)"}}},
      {"yOffset", {{"field", "channel"}}},
      {"color", {{"field", "channel"}, {"type", "nominal"}, {"title", "channel"}}},
      {"tooltip", Json::array({Json{{"field", "channel"}}, Json{{"field", "stage"}},
                               Json{{"field", "count"}, {"type", "quantitative"}}})},
  };
  builder.next(kTopicConformance, "funnel");
  builder.add("Funnel per channel",
              "How many prospects reached each stage, per channel, widest stage first (metrics funnel.<channel>.<stage>).",
              std::move(spec));
}

// "p95" or "p95_s" -> 95; anything else (a mean, milliseconds) -> nullopt.
std::optional<double> percentile_of(std::string stat) {
  if (ends_with(stat, "_s")) stat.resize(stat.size() - 2);
  if (stat.size() < 2 || stat[0] != 'p') return std::nullopt;
  double p = 0;
  auto [ptr, ec] = std::from_chars(stat.data() + 1, stat.data() + stat.size(), p);
  if (ec != std::errc{} || ptr != stat.data() + stat.size()) return std::nullopt;
  return p;
}

// "latency.isp_web.p95_s" -> {"isp_web", "p95_s"}: the channel is all but the last part.
std::optional<std::pair<std::string, std::string>> split_latency(const std::string& key) {
  const std::string prefix = "latency.";
  if (key.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  auto dot = key.rfind('.');
  if (dot < prefix.size() + 1 || dot + 1 == key.size()) return std::nullopt;
  return std::make_pair(key.substr(prefix.size(), dot - prefix.size()), key.substr(dot + 1));
}

// What one latency chart draws: metrics "latency.<group>.p<N>[_s]" whose
// group starts with `group_prefix` (stripped), skipping `excluded` groups.
struct LatencyChart {
  std::string key;
  std::string group_prefix;  // "" for channels, "step." for provisioning steps
  std::string excluded;      // groups starting with this are another chart's ("step.")
  std::string field;         // "channel", "step"
  std::string x_title;
  std::string title;
  std::string caption;
};

void add_latency(const Results& results, const LatencyChart& chart, ChartBuilder& builder) {
  Json values = Json::array();
  std::map<double, std::string> percentiles;  // sorted numerically for the legend
  for (const auto& [key, value] : results.metrics) {
    auto parts = split_latency(key);
    if (!parts || !is_numeric(value)) continue;
    const std::string& group = parts->first;
    if (group.compare(0, chart.group_prefix.size(), chart.group_prefix) != 0) continue;
    if (!chart.excluded.empty() && group.compare(0, chart.excluded.size(), chart.excluded) == 0) continue;
    if (group.size() == chart.group_prefix.size()) continue;
    auto p = percentile_of(parts->second);
    if (!p) continue;
    std::string label = "p" + parts->second.substr(1, parts->second.find('_') - 1);
    percentiles[*p] = label;
    values.push_back(
        {{chart.field, group.substr(chart.group_prefix.size())}, {"percentile", label}, {"seconds", value_json(value)}});
  }
  if (values.empty()) return;
  Json order = Json::array();
  for (const auto& [p, name] : percentiles) order.push_back(name);
  Json spec = base_spec(chart.title);
  spec["data"] = {{"values", std::move(values)}};
  spec["transform"] = Json::array({Json{{"calculate", "toNumber(datum.seconds)"}, {"as", "seconds"}}});
  spec["mark"] = "bar";
  spec["encoding"] = {
      {"x", {{"field", chart.field}, {"type", "nominal"}, {"title", chart.x_title}, {"axis", {{"labelAngle", 0}}}}},
      {"xOffset", {{"field", "percentile"}, {"sort", order}}},
      {"y", {{"field", "seconds"}, {"type", "quantitative"}, {"title", "latency (simulated seconds)"}}},
      {"color", {{"field", "percentile"}, {"type", "ordinal"}, {"sort", order}, {"title", "percentile"}}},
      {"tooltip", Json::array({Json{{"field", chart.field}}, Json{{"field", "percentile"}},
                               Json{{"field", "seconds"}, {"type", "quantitative"}}})},
  };
  builder.next(kTopicCapacity, chart.key);
  builder.add(chart.title, chart.caption, std::move(spec));
}

void add_latencies(const Results& results, ChartBuilder& builder) {
  add_latency(results,
              {"latency.channels", "", "step.", "channel", "channel", "Latency percentiles per channel",
               "End-to-end latency percentiles per channel in simulated seconds (metrics latency.<channel>.p<N> or "
               "p<N>_s)."},
              builder);
  add_latency(results,
              {"latency.steps", "step.", "", "step", "provisioning step (adapter)",
               "Latency percentiles per provisioning step",
               "Latency percentiles of each provisioning step, by the adapter that runs it, in simulated seconds "
               "(metrics latency.step.<adapter>.p<N>_s)."},
              builder);
}

void add_revenue(const Results& results, ChartBuilder& builder) {
  const std::string prefix = "revenue.";
  Json values = Json::array();
  for (const auto& [key, value] : results.metrics) {
    if (key.compare(0, prefix.size(), prefix) != 0 || key.size() == prefix.size() || !is_numeric(value)) continue;
    if (key.find('.', prefix.size()) != std::string::npos) continue;  // "revenue.<party>.cycle0": the settlement chart's
    // Money stays decimal text in the data; only the chart converts it to plot it.
    values.push_back({{"party", key.substr(prefix.size())}, {"amount", value_json(value)}});
  }
  if (values.empty()) return;
  Json spec = base_spec("Revenue per party");
  spec["data"] = {{"values", std::move(values)}};
  spec["transform"] = Json::array({Json{{"calculate", "toNumber(datum.amount)"}, {"as", "value"}}});
  spec["mark"] = "bar";
  spec["encoding"] = {
      {"x", {{"field", "party"}, {"type", "nominal"}, {"sort", "-y"}, {"title", "party"}, {"axis", {{"labelAngle", 0}}}}},
      {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", "revenue (currency units)"}}},
      {"tooltip", Json::array({Json{{"field", "party"}}, Json{{"field", "amount"}, {"title", "revenue"}}})},
  };
  builder.next(kTopicMoney, "revenue");
  builder.add("Revenue per party", "Each party's revenue share over the run, largest first (metrics revenue.<party>).",
              std::move(spec));
}

// ---- charts from the results tables ----

std::optional<std::size_t> column_of(const Table& table, const std::string& name) {
  auto it = std::find(table.columns.begin(), table.columns.end(), name);
  if (it == table.columns.end()) return std::nullopt;
  return static_cast<std::size_t>(it - table.columns.begin());
}

const Value* cell(const Table& table, const std::vector<Value>& row, const std::string& column) {
  auto c = column_of(table, column);
  return c && *c < row.size() ? &row[*c] : nullptr;
}

std::string cell_text(const Value* v) {
  if (v == nullptr) return "";
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(v)) return std::to_string(*i);
  return "";
}

// Table "pools": each pool's simulated blocking next to Engset's and Erlang
// B's predictions for the load it was offered.
void add_pool_blocking(const Table& table, ChartBuilder& builder) {
  const std::vector<std::pair<std::string, std::string>> measures = {
      {"blocking", "simulated"}, {"engset_blocking", "Engset"}, {"erlang_b_blocking", "Erlang B"}};
  if (!column_of(table, "blocking")) return;
  Json values = Json::array();
  for (const auto& row : table.rows) {
    std::string pool = cell_text(cell(table, row, "isp"));
    std::string id = cell_text(cell(table, row, "pool"));
    if (!id.empty()) pool += (pool.empty() ? "pool " : " pool ") + id;
    for (const auto& [column, label] : measures) {
      const Value* v = cell(table, row, column);
      if (v == nullptr || !is_numeric(*v) || std::holds_alternative<std::string>(*v)) continue;
      if (!std::isfinite(as_double(*v))) continue;
      values.push_back({{"pool", pool}, {"source", label}, {"probability", value_json(*v)}});
    }
  }
  if (values.empty()) return;
  Json order = Json::array({"simulated", "Engset", "Erlang B"});
  Json spec = base_spec("Blocking per address pool against theory");
  spec["data"] = {{"values", std::move(values)}};
  spec["mark"] = "bar";
  spec["encoding"] = {
      {"x", {{"field", "pool"}, {"type", "nominal"}, {"title", "address pool"}, {"axis", {{"labelAngle", 0}}}}},
      {"xOffset", {{"field", "source"}, {"sort", order}}},
      {"y", {{"field", "probability"}, {"type", "quantitative"}, {"title", "blocking probability (fraction)"}}},
      {"color", {{"field", "source"}, {"type", "nominal"}, {"sort", order}, {"title", "blocking"}}},
      {"tooltip", Json::array({Json{{"field", "pool"}}, Json{{"field", "source"}},
                               Json{{"field", "probability"}, {"type", "quantitative"}, {"format", ".4f"}}})},
  };
  builder.next(kTopicAddresses, "pool_blocking");
  builder.add("Blocking per address pool against theory",
              "Share of session attempts each pool blocked, next to the Engset (finite population) and Erlang B "
              "(infinite population) predictions for its offered load; the predictions hold for the reject policy "
              "with Poisson arrivals (pools.csv).",
              std::move(spec));
}

// Table "settlement": one row per billing cycle and party, money as decimal
// text. Two charts: each party's total per cycle, and each party's total
// split into recurring, purchase and usage charges over all cycles.
void add_settlement(const Table& table, ChartBuilder& builder) {
  if (!column_of(table, "cycle") || !column_of(table, "party")) return;
  Json totals = Json::array();
  Json split = Json::array();
  for (const auto& row : table.rows) {
    const Value* cycle = cell(table, row, "cycle");
    std::string party = cell_text(cell(table, row, "party"));
    if (cycle == nullptr || !std::holds_alternative<std::int64_t>(*cycle) || party.empty()) continue;
    // Money stays decimal text in the data; only the chart converts it to plot it.
    const Value* total = cell(table, row, "total");
    if (total != nullptr && is_numeric(*total))
      totals.push_back({{"cycle", value_json(*cycle)}, {"party", party}, {"amount", value_json(*total)}});
    for (const char* part : {"recurring", "purchase", "usage"}) {
      const Value* v = cell(table, row, part);
      if (v != nullptr && is_numeric(*v))
        split.push_back({{"cycle", value_json(*cycle)}, {"party", party}, {"charge", part}, {"amount", value_json(*v)}});
    }
  }
  Json to_number = Json::array({Json{{"calculate", "toNumber(datum.amount)"}, {"as", "value"}}});
  if (!totals.empty()) {
    Json spec = base_spec("Revenue per party per billing cycle");
    spec["data"] = {{"values", std::move(totals)}};
    spec["transform"] = to_number;
    spec["mark"] = "bar";
    spec["encoding"] = {
        {"x", {{"field", "cycle"}, {"type", "ordinal"}, {"title", "billing cycle"}, {"axis", {{"labelAngle", 0}}}}},
        {"xOffset", {{"field", "party"}}},
        {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", "revenue (currency units)"}}},
        {"color", {{"field", "party"}, {"type", "nominal"}, {"title", "party"}}},
        {"tooltip", Json::array({Json{{"field", "cycle"}}, Json{{"field", "party"}},
                                 Json{{"field", "amount"}, {"title", "revenue"}}})},
    };
    builder.next(kTopicMoney, "settlement.cycles");
    builder.add("Revenue per party per billing cycle",
                "Each party's settled total in each billing cycle (settlement.csv, column total).", std::move(spec));
  }
  if (!split.empty()) {
    Json spec = base_spec("Settlement split per party");
    spec["data"] = {{"values", std::move(split)}};
    spec["transform"] = to_number;
    spec["mark"] = "bar";
    spec["encoding"] = {
        {"x", {{"field", "party"}, {"type", "nominal"}, {"title", "party"}, {"axis", {{"labelAngle", 0}}}}},
        {"y", {{"aggregate", "sum"}, {"field", "value"}, {"type", "quantitative"},
               {"title", "revenue over all cycles (currency units)"}}},
        {"color", {{"field", "charge"}, {"type", "nominal"}, {"sort", Json::array({"recurring", "purchase", "usage"})},
                   {"title", "charge"}}},
        {"tooltip", Json::array({Json{{"field", "party"}}, Json{{"field", "charge"}},
                                 Json{{"aggregate", "sum"}, {"field", "value"}, {"type", "quantitative"},
                                      {"title", "revenue"}, {"format", ",.2f"}}})},
    };
    builder.next(kTopicMoney, "settlement.split");
    builder.add("Settlement split per party",
                "Each party's revenue over all billing cycles, stacked by recurring, purchase and usage charges "
                "(settlement.csv).",
                std::move(spec));
  }
}

// Metrics "suspense.<reason>": rated events held in suspense, by reason.
void add_suspense(const Results& results, ChartBuilder& builder) {
  const std::string prefix = "suspense.";
  Json values = Json::array();
  for (const auto& [key, value] : results.metrics) {
    if (key.compare(0, prefix.size(), prefix) != 0 || key.size() == prefix.size()) continue;
    if (key.find('.', prefix.size()) != std::string::npos || !std::holds_alternative<std::int64_t>(value)) continue;
    values.push_back({{"reason", key.substr(prefix.size())}, {"count", value_json(value)}});
  }
  if (values.empty()) return;
  Json spec = base_spec("Suspense by reason");
  spec["data"] = {{"values", std::move(values)}};
  spec["mark"] = "bar";
  spec["encoding"] = {
      {"y", {{"field", "reason"}, {"type", "nominal"}, {"sort", "-x"}, {"title", "reason"}}},
      {"x", {{"field", "count"}, {"type", "quantitative"}, {"title", "events in suspense (count)"}}},
      {"tooltip", Json::array({Json{{"field", "reason"}}, Json{{"field", "count"}, {"type", "quantitative"}}})},
  };
  builder.next(kTopicMoney, "suspense");
  builder.add("Suspense by reason",
              "Usage and purchase events the rating engine could not charge, by reason (metrics suspense.<reason>).",
              std::move(spec));
}

// Table "sut_requests" (component, time, operation, latency_ms, answered):
// a chart per component under test of its answers' wall-clock latency,
// percentiles per window of simulated time.
double nearest_rank(const std::vector<double>& sorted, double q) {
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

// A round window of simulated time, so at most `windows` cover `span`:
// the seconds and how to say it.
std::pair<double, std::string> round_window(double span, std::size_t windows) {
  static const std::pair<double, const char*> kSteps[] = {
      {1, "1 second"},     {10, "10 seconds"},   {60, "1 minute"}, {300, "5 minutes"},
      {900, "15 minutes"}, {1800, "30 minutes"}, {3600, "1 hour"}, {10800, "3 hours"},
      {21600, "6 hours"},  {43200, "12 hours"},  {86400, "1 day"}, {604800, "1 week"}};
  for (const auto& [seconds, name] : kSteps)
    if (seconds * static_cast<double>(windows) >= span) return {seconds, name};
  const double days = std::ceil(span / static_cast<double>(windows) / 86400.0);
  return {days * 86400.0, std::to_string(static_cast<long long>(days)) + " days"};
}

void add_sut_latency(const Table& table, ChartBuilder& builder) {
  constexpr std::size_t kWindows = 40;
  std::map<std::string, std::vector<std::pair<double, double>>> by_component;  // (time, latency)
  double span = 0;
  for (const auto& row : table.rows) {
    const Value* t = cell(table, row, "time");
    const Value* l = cell(table, row, "latency_ms");
    if (t == nullptr || l == nullptr || !is_numeric(*t) || !is_numeric(*l)) continue;
    if (std::holds_alternative<std::string>(*t) || std::holds_alternative<std::string>(*l)) continue;
    const double time = as_double(*t), latency = as_double(*l);
    if (!std::isfinite(time) || !std::isfinite(latency) || time < 0) continue;
    by_component[cell_text(cell(table, row, "component"))].emplace_back(time, latency);
    span = std::max(span, time);
  }
  const TimeScale scale = time_scale(span);
  const auto [width, width_text] = round_window(span, kWindows);
  for (auto& [component, requests] : by_component) {
    std::vector<std::vector<double>> windows(kWindows + 1);
    for (const auto& [time, latency] : requests)
      windows[std::min(kWindows, static_cast<std::size_t>(time / width))].push_back(latency);
    Json values = Json::array();
    for (std::size_t w = 0; w < windows.size(); ++w) {
      std::vector<double>& lat = windows[w];
      if (lat.empty()) continue;
      std::sort(lat.begin(), lat.end());
      const double at = (static_cast<double>(w) + 0.5) * width / scale.seconds;
      for (const auto& [label, q] : {std::pair{"p50", 0.5}, std::pair{"p95", 0.95}, std::pair{"p99", 0.99}})
        values.push_back({{"time", at}, {"percentile", label}, {"latency_ms", nearest_rank(lat, q)}});
      values.push_back({{"time", at}, {"percentile", "max"}, {"latency_ms", lat.back()}});
    }
    const std::string title = "Latency of the " + component + " system under test";
    Json spec = base_spec(title);
    spec["data"] = {{"values", std::move(values)}};
    spec["mark"] = {{"type", "line"}, {"point", true}};
    Json order = Json::array({"p50", "p95", "p99", "max"});
    spec["encoding"] = {
        {"x",
         {{"field", "time"}, {"type", "quantitative"}, {"title", std::string("simulated time (") + scale.name + ")"}}},
        {"y", {{"field", "latency_ms"}, {"type", "quantitative"}, {"title", "wall-clock latency (ms)"}}},
        {"color", {{"field", "percentile"}, {"type", "nominal"}, {"sort", order}, {"title", "percentile"}}},
        {"tooltip", Json::array({Json{{"field", "time"}, {"type", "quantitative"}, {"format", ".2f"}},
                                 Json{{"field", "percentile"}},
                                 Json{{"field", "latency_ms"}, {"type", "quantitative"}, {"format", ".3f"}}})},
    };
    builder.next(kTopicHarness, "harness." + component);
    builder.add(title,
                "Wall-clock time the " + component + " system under test took to answer the harness, percentiles of " +
                    std::to_string(requests.size()) + " requests in windows of " + width_text +
                    " of simulated time (sut_requests.csv).",
                std::move(spec));
  }
}

}  // namespace

std::string unit_of(const std::string& name) {
  if (ends_with(name, "_ms")) return "ms";
  if (ends_with(name, "_s")) return "s";
  if (ends_with(name, "_pct")) return "%";
  for (const char* word : {"ratio", "utilisation", "utilization", "blocking", "probability"})
    if (name.find(word) != std::string::npos) return "fraction";
  return "count";
}

std::string topic_of_prefix(const std::string& prefix) {
  for (const char* p : {"adapters", "orders", "call_centre", "workflow", "latency", "littles_law", "provisioning"})
    if (prefix == p) return kTopicCapacity;
  for (const char* p : {"funnel", "prospects", "faults", "lifecycle", "parties"})
    if (prefix == p) return kTopicConformance;
  if (prefix == "ip") return kTopicAddresses;
  for (const char* p : {"rating", "money", "revenue", "invoices", "settlement", "suspense"})
    if (prefix == p) return kTopicMoney;
  return kTopicOther;
}

const Chart* chart_with_key(const ChartSet& set, const std::string& key) {
  for (const auto& c : set.charts)
    if (c.key == key) return &c;
  return nullptr;
}

ChartSet build_charts(const Results& results) {
  ChartSet set;
  ChartBuilder builder(set);
  if (const Table* metrics = results.find_table("metrics")) {
    add_time_series(*metrics, set, builder);
    std::map<std::string, std::vector<std::string>> events;
    if (const Table* pool_events = results.find_table("pool_events")) events = add_pool_events(*pool_events, set);
    add_pool_occupancy(*metrics, events, set, builder);
  }
  add_funnel(results, builder);
  add_latencies(results, builder);
  add_revenue(results, builder);
  if (const Table* settlement = results.find_table("settlement")) add_settlement(*settlement, builder);
  if (const Table* pools = results.find_table("pools")) add_pool_blocking(*pools, builder);
  add_suspense(results, builder);
  if (const Table* requests = results.find_table("sut_requests")) add_sut_latency(*requests, builder);
  return set;
}

}  // namespace provsim::reports
