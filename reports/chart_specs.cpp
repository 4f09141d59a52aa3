#include "reports/chart_specs.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <utility>

#include "reports/decimal_compare.hpp"
#include "reports/summary_json.hpp"

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

  void add(std::string title, std::string caption, Json spec, bool uses_datasets = false) {
    Chart c;
    c.id = "chart-" + std::to_string(set_.charts.size() + 1);
    c.title = std::move(title);
    c.caption = std::move(caption);
    c.spec = std::move(spec);
    c.uses_datasets = uses_datasets;
    set_.charts.push_back(std::move(c));
  }

 private:
  ChartSet& set_;
};

// ---- time series from the "metrics" table ----

void add_time_series(const Table& table, ChartSet& set, ChartBuilder& builder) {
  auto time_it = std::find(table.columns.begin(), table.columns.end(), "time_s");
  if (time_it == table.columns.end() || table.rows.empty()) return;
  std::size_t time_col = static_cast<std::size_t>(time_it - table.columns.begin());

  // Series: numeric columns, grouped by prefix in order of first appearance.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  std::vector<std::size_t> kept{time_col};
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c == time_col) continue;
    bool numeric = std::all_of(table.rows.begin(), table.rows.end(),
                               [c](const std::vector<Value>& row) { return c < row.size() && is_numeric(row[c]); });
    if (!numeric) continue;
    kept.push_back(c);
    const std::string& name = table.columns[c];
    std::string prefix = name.substr(0, name.find('.'));
    auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& p) { return p.first == prefix; });
    if (g == groups.end()) groups.push_back({prefix, {name}});
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

  double span = as_double(table.rows.back()[time_col]) - as_double(table.rows.front()[time_col]);
  TimeScale scale = time_scale(span);
  std::string thinned = step > 1 ? " (every " + ordinal(step) + " of " + std::to_string(n) + " samples)" : "";

  for (const auto& [prefix, columns] : groups) {
    Json fold = Json::array();
    for (const auto& c : columns) fold.push_back(field_ref(c));
    Json spec = base_spec(prefix + " over time");
    spec["data"] = {{"name", "metrics"}};
    spec["transform"] = Json::array({
        Json{{"fold", fold}, {"as", Json::array({"series", "value"})}},
        Json{{"calculate", "toNumber(datum.value)"}, {"as", "value"}},
        Json{{"calculate", "datum.time_s / " + std::to_string(static_cast<long long>(scale.seconds))}, {"as", "t"}},
    });
    spec["mark"] = {{"type", "line"}, {"clip", true}};
    spec["encoding"] = {
        {"x", {{"field", "t"}, {"type", "quantitative"}, {"title", std::string("simulated time (") + scale.name + ")"}}},
        {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", prefix + " (" + group_unit(columns) + ")"}}},
        {"color", {{"field", "series"}, {"type", "nominal"}, {"title", "series"}}},
        {"tooltip", Json::array({Json{{"field", "series"}, {"type", "nominal"}},
                                 Json{{"field", "time_s"}, {"type", "quantitative"}, {"title", "time (s)"}},
                                 Json{{"field", "value"}, {"type", "quantitative"}}})},
    };
    builder.add(prefix + " over time", join(columns) + " against simulated time, from metrics.csv" + thinned + ".",
                std::move(spec), true);
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

void add_latency(const Results& results, ChartBuilder& builder) {
  Json values = Json::array();
  std::map<double, std::string> percentiles;  // sorted numerically for the legend
  for (const auto& [key, value] : results.metrics) {
    auto parts = split_latency(key);
    if (!parts || !is_numeric(value)) continue;
    auto p = percentile_of(parts->second);
    if (!p) continue;
    std::string label = "p" + parts->second.substr(1, parts->second.find('_') - 1);
    percentiles[*p] = label;
    values.push_back({{"channel", parts->first}, {"percentile", label}, {"seconds", value_json(value)}});
  }
  if (values.empty()) return;
  Json order = Json::array();
  for (const auto& [p, name] : percentiles) order.push_back(name);
  Json spec = base_spec("Latency percentiles per channel");
  spec["data"] = {{"values", std::move(values)}};
  spec["transform"] = Json::array({Json{{"calculate", "toNumber(datum.seconds)"}, {"as", "seconds"}}});
  spec["mark"] = "bar";
  spec["encoding"] = {
      {"x", {{"field", "channel"}, {"type", "nominal"}, {"title", "channel"}, {"axis", {{"labelAngle", 0}}}}},
      {"xOffset", {{"field", "percentile"}, {"sort", order}}},
      {"y", {{"field", "seconds"}, {"type", "quantitative"}, {"title", "latency (simulated seconds)"}}},
      {"color", {{"field", "percentile"}, {"type", "ordinal"}, {"sort", order}, {"title", "percentile"}}},
      {"tooltip", Json::array({Json{{"field", "channel"}}, Json{{"field", "percentile"}},
                               Json{{"field", "seconds"}, {"type", "quantitative"}}})},
  };
  builder.add("Latency percentiles per channel",
              "End-to-end latency percentiles per channel in simulated seconds (metrics latency.<channel>.p<N> or p<N>_s).",
              std::move(spec));
}

void add_revenue(const Results& results, ChartBuilder& builder) {
  const std::string prefix = "revenue.";
  Json values = Json::array();
  for (const auto& [key, value] : results.metrics) {
    if (key.compare(0, prefix.size(), prefix) != 0 || key.size() == prefix.size() || !is_numeric(value)) continue;
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
  builder.add("Revenue per party", "Each party's revenue share over the run, largest first (metrics revenue.<party>).",
              std::move(spec));
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

ChartSet build_charts(const Results& results) {
  ChartSet set;
  ChartBuilder builder(set);
  if (const Table* metrics = results.find_table("metrics")) add_time_series(*metrics, set, builder);
  add_funnel(results, builder);
  add_latency(results, builder);
  add_revenue(results, builder);
  return set;
}

}  // namespace provsim::reports
