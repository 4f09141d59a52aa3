#include "sweep/sweep_html.hpp"

#include <algorithm>
#include <set>

#include "reports/decimal_compare.hpp"
#include "reports/html_report.hpp"
#include "reports/html_template.hpp"
#include "reports/summary_json.hpp"
#include "reports/value_text.hpp"
#include "reports/xml_escape.hpp"

namespace provsim::sweep {

namespace {

using Json = nlohmann::ordered_json;

std::string esc(const std::string& s) { return reports::xml_escape(s); }

bool numeric_axis(const Axis& a) {
  return std::all_of(a.values.begin(), a.values.end(), [](const std::string& v) { return reports::is_decimal(v); });
}

std::size_t column(const Collected& c, const std::string& name) {
  return static_cast<std::size_t>(std::find(c.table.columns.begin(), c.table.columns.end(), name) - c.table.columns.begin());
}

// The other axes' values, "ip.policy=borrow, ip.allocator=random": a curve's name.
std::string series_of(const Plan& plan, std::size_t point, std::size_t x) {
  std::string label;
  for (std::size_t i = 0; i < plan.axes.size(); ++i) {
    if (i == x) continue;
    label += (label.empty() ? "" : ", ") + plan.axes[i].key + "=" + plan.points[point].values[i];
  }
  return label.empty() ? "all" : label;
}

Json chart_spec(const Plan& plan, const Collected& c, const std::string& metric, std::size_t x) {
  const bool has_x = x < plan.axes.size();
  const bool quantitative = has_x && numeric_axis(plan.axes[x]);
  const std::size_t mean = column(c, metric + ".mean");
  Json values = Json::array();
  for (std::size_t p = 0; p < c.table.rows.size(); ++p) {
    const auto& row = c.table.rows[p];
    Json v;
    const std::string xv = has_x ? plan.points[p].values[x] : plan.points[p].name;
    if (quantitative) v["x"] = std::stod(xv);  // a chart coordinate only; sweep.csv keeps the text
    else v["x"] = xv;
    v["series"] = series_of(plan, p, x);
    v["replications"] = reports::value_json(row[column(c, "replications")]);
    v["mean"] = reports::value_json(row[mean]);
    v["low"] = reports::value_json(row[mean + 1]);
    v["high"] = reports::value_json(row[mean + 2]);
    values.push_back(std::move(v));
  }
  Json x_order = Json::array();
  if (has_x && !quantitative)
    for (const auto& v : plan.axes[x].values) x_order.push_back(v);
  const std::string x_title = has_x ? plan.axes[x].key : "grid point";
  Json x_enc = {{"field", "x"}, {"type", quantitative ? "quantitative" : "ordinal"}, {"title", x_title}};
  if (quantitative) x_enc["scale"] = {{"zero", false}};
  else if (has_x) x_enc["sort"] = x_order;
  Json spec;
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json";
  spec["title"] = metric;
  spec["width"] = "container";
  spec["height"] = 240;
  spec["data"] = {{"values", std::move(values)}};
  // Empty cells (fewer than two replications) become null: no band there.
  spec["transform"] = Json::array({
      Json{{"calculate", "datum.mean === '' ? null : toNumber(datum.mean)"}, {"as", "mean"}},
      Json{{"calculate", "datum.low === '' ? null : toNumber(datum.low)"}, {"as", "low"}},
      Json{{"calculate", "datum.high === '' ? null : toNumber(datum.high)"}, {"as", "high"}},
  });
  Json color = {{"field", "series"}, {"type", "nominal"}, {"title", "curve"}};
  Json band = {{"mark", {{"type", "area"}, {"opacity", 0.2}}},
               {"encoding",
                {{"x", x_enc},
                 {"y", {{"field", "low"}, {"type", "quantitative"}}},
                 {"y2", {{"field", "high"}}},
                 {"color", color}}}};
  Json line = {{"mark", {{"type", "line"}, {"point", true}}},
               {"encoding",
                {{"x", x_enc},
                 {"y", {{"field", "mean"}, {"type", "quantitative"}, {"title", metric + " (mean, 95 % CI)"},
                        {"scale", {{"zero", false}}}}},
                 {"color", color},
                 {"tooltip", Json::array({Json{{"field", "series"}}, Json{{"field", "x"}, {"title", x_title}},
                                          Json{{"field", "mean"}, {"type", "quantitative"}},
                                          Json{{"field", "low"}, {"type", "quantitative"}},
                                          Json{{"field", "high"}, {"type", "quantitative"}},
                                          Json{{"field", "replications"}, {"type", "quantitative"}}})}}}};
  spec["layer"] = Json::array({std::move(band), std::move(line)});
  return spec;
}

void header(const Plan& plan, const Collected& c, std::string& out) {
  out += "<header>\n<h1>provsim sweep: " + esc(plan.name) + "</h1>\n<dl class=\"run\">\n";
  auto row = [&](const std::string& name, const std::string& html) { out += "<dt>" + name + "</dt><dd>" + html + "</dd>\n"; };
  row("scenario", "<code>" + esc(plan.scenario.string()) + "</code>");
  row("base seed", std::to_string(plan.base_seed));
  row("replications", std::to_string(plan.replications) + " per grid point");
  for (const auto& s : plan.fixed) row("set", "<code>" + esc(s) + "</code>");
  for (const auto& a : plan.axes) {
    std::string values;
    for (const auto& v : a.values) values += (values.empty() ? "" : ", ") + v;
    row("grid", "<code>" + esc(a.key) + "</code> = " + esc(values));
  }
  std::string runs = std::to_string(c.runs_found) + " of " + std::to_string(plan.runs.size()) + " runs";
  if (!c.missing.empty()) runs = "<span class=\"fail\">" + runs + " (" + std::to_string(c.missing.size()) + " missing)</span>";
  row("runs", runs);
  out += "</dl>\n</header>\n";
}

}  // namespace

std::size_t x_axis(const Plan& plan) {
  for (std::size_t i = 0; i < plan.axes.size(); ++i)
    if (plan.axes[i].key == plan.x) return i;
  for (std::size_t i = plan.axes.size(); i > 0; --i)
    if (plan.axes[i - 1].values.size() > 1 && numeric_axis(plan.axes[i - 1])) return i - 1;
  for (std::size_t i = 0; i < plan.axes.size(); ++i)
    if (plan.axes[i].values.size() > 1) return i;
  return plan.axes.size();
}

std::vector<std::string> plotted_metrics(const Plan& plan, const Collected& c) {
  std::vector<std::string> out;
  const std::set<std::string> known(c.metrics.begin(), c.metrics.end());
  if (!plan.plot.empty()) {
    for (const auto& m : plan.plot)
      if (known.count(m)) out.push_back(m);
    return out;
  }
  for (const auto& m : c.metrics) {
    const std::size_t col = column(c, m + ".mean");
    std::set<std::string> means;
    for (const auto& row : c.table.rows) means.insert(reports::value_text(row[col]));
    if (means.size() > 1 || c.table.rows.size() == 1) out.push_back(m);
    if (out.size() == kMaxSweepCharts) break;
  }
  return out;
}

std::string sweep_html(const Plan& plan, const Collected& c, const reports::ReportAssets& assets) {
  const std::size_t x = x_axis(plan);
  const auto metrics = plotted_metrics(plan, c);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>provsim sweep: " + esc(plan.name) + "</title>\n";
  out += "<style>\n" + std::string(reports::kReportCss) + "</style>\n</head>\n<body>\n";
  header(plan, c, out);
  out += "<section id=\"charts\">\n<h2>Charts</h2>\n";
  if (metrics.empty()) out += "<p class=\"note\">No metric differs between grid points: nothing to chart.</p>\n";
  else if (!assets.complete())
    out += "<p class=\"note missing-assets\">Charts are not shown: the chart libraries were not found in <code>" +
           esc(assets.dir.string()) + "</code>. Run <code>tools/setup</code>, then <code>provsim sweep collect</code> again.</p>\n";
  Json charts = Json::array();
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const std::string id = "chart-" + std::to_string(i + 1);
    out += "<figure>\n<div class=\"chart\" id=\"" + id + "\" role=\"img\" aria-label=\"" + esc(metrics[i]) +
           "\"></div>\n<figcaption><b>" + esc(metrics[i]) + ".</b> Mean over replications with its 95 % confidence band";
    out += x < plan.axes.size() ? ", against " + esc(plan.axes[x].key) : std::string();
    out += plan.axes.size() > 1 ? "; one curve per value of the other axes." : ".";
    out += "</figcaption>\n</figure>\n";
    charts.push_back({{"id", id}, {"uses_datasets", false}, {"spec", chart_spec(plan, c, metrics[i], x)}});
  }
  out += "</section>\n";
  out += "<section id=\"points\">\n<h2>Grid points</h2>\n<table>\n<thead><tr>";
  for (const auto& a : plan.axes) out += "<th>" + esc(a.key) + "</th>";
  out += "<th>replications</th></tr></thead>\n<tbody>\n";
  for (const auto& row : c.table.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i <= plan.axes.size(); ++i) out += "<td>" + esc(reports::value_text(row[i])) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p>Every metric's mean and interval: <a href=\"sweep.csv\">sweep.csv</a>; each run's "
         "results and report: <code>runs/&lt;point&gt;,rep=&lt;r&gt;/</code>.</p>\n</section>\n";
  const Json data = {{"datasets", Json::object()}, {"charts", std::move(charts)}};
  out += "<script type=\"application/json\" id=\"provsim-data\">" + reports::json_for_script(data) + "</script>\n";
  if (assets.complete() && !metrics.empty()) {
    for (const std::string* lib : {&assets.vega, &assets.vega_lite, &assets.vega_embed})
      out += "<script>\n" + reports::script_safe(*lib) + "\n</script>\n";
    out += "<script>\n" + std::string(reports::kReportScript) + "</script>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace provsim::sweep
