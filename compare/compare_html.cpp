#include "compare/compare_html.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/compression.hpp"
#include "reports/csv_reader.hpp"
#include "reports/html_report.hpp"
#include "reports/html_template.hpp"
#include "reports/value_text.hpp"
#include "reports/xml_escape.hpp"

namespace provsim::compare {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

std::string esc(std::string_view s) { return reports::xml_escape(s); }

std::string optional_text(const std::optional<double>& x, bool percent) {
  if (!x) return "";
  char buf[64];
  if (percent) std::snprintf(buf, sizeof buf, "%+.2f %%", *x * 100);
  else std::snprintf(buf, sizeof buf, "%.4g", *x);
  return buf;
}

// One side's time series: column name -> (time, value) samples, the mean
// over the replications whose sample times agree with the first one's.
using Series = std::map<std::string, std::vector<std::pair<double, double>>>;

std::optional<double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

// A run's table, plain or compressed; empty when absent or unreadable.
std::vector<std::vector<std::string>> read_table(const fs::path& dir, const std::string& name) {
  const auto file = reports::find_table_file(dir, name);
  if (!file) return {};
  try {
    return reports::parse_csv(reports::read_table_file(*file), file->string());
  } catch (const std::invalid_argument&) {
    return {};
  }
}

Series mean_series(const RunGroup& g) {
  Series out;
  std::vector<std::vector<std::vector<std::string>>> tables;
  for (const auto& dir : g.dirs) {
    auto t = read_table(dir, "metrics");
    if (t.size() < 2) continue;
    if (!tables.empty() && (t.size() != tables.front().size() || t.front() != tables.front().front())) continue;
    tables.push_back(std::move(t));
  }
  if (tables.empty()) return out;
  const auto& header = tables.front().front();
  std::size_t time_col = header.size();
  for (std::size_t c = 0; c < header.size(); ++c)
    if (header[c] == "time_s") time_col = c;
  if (time_col == header.size()) return out;
  const std::size_t rows = tables.front().size() - 1;
  const std::size_t step = (rows + kMaxOverlayPoints - 1) / kMaxOverlayPoints;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (c == time_col) continue;
    std::vector<std::pair<double, double>> samples;
    bool numeric = true;
    for (std::size_t r = 1; r <= rows && numeric; r += step) {
      const auto t = parse_number(tables.front()[r][time_col]);
      double sum = 0;
      for (const auto& table : tables) {
        const auto x = c < table[r].size() ? parse_number(table[r][c]) : std::nullopt;
        if (!x || !t || table[r][time_col] != tables.front()[r][time_col]) numeric = false;
        else sum += *x;
      }
      if (numeric) samples.emplace_back(*t, sum / static_cast<double>(tables.size()));
    }
    if (numeric && !samples.empty()) out[header[c]] = std::move(samples);
  }
  return out;
}

// For reading: six significant figures; money and single integers as they
// are (compare.csv keeps every value exact).
std::string shown(const std::string& text, bool money) {
  if (money || text.empty()) return esc(text);
  const auto x = parse_number(text);
  if (!x || text.find_first_of(".eE") == std::string::npos) return esc(text);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", *x);
  return buf;
}

std::string row_html(const MetricRow& r, bool with_group) {
  const std::string cls = r.significant ? " class=\"fail\"" : "";
  return "<tr>" + (with_group ? "<td>" + esc(r.group) + "</td>" : std::string()) + "<td><code>" + esc(r.metric) +
         "</code></td><td class=\"num\">" + shown(r.mean_a, r.money) + "</td><td class=\"num\">" +
         shown(r.mean_b, r.money) + "</td><td class=\"num\">" + shown(r.difference, r.money) +
         "</td><td class=\"num\">" + optional_text(r.relative, true) + "</td><td>" + esc(r.test) + " (n " +
         std::to_string(r.n_a) + "/" + std::to_string(r.n_b) + ")</td><td class=\"num\">" +
         optional_text(r.p_value, false) + "</td><td" + cls + ">" + (r.significant ? "yes" : "no") + "</td></tr>\n";
}

// The group column only when more than one pair of groups was compared.
std::string table_html(const std::vector<const MetricRow*>& rows, bool with_group) {
  std::string out = std::string("<div class=\"scroll\"><table>\n<thead><tr>") +
                    (with_group ? "<th>grid point</th>" : "") +
                    "<th>metric</th><th>A</th><th>B</th><th>B &minus; A</th><th>relative</th><th>test</th><th>p</th>"
                    "<th>significant</th></tr></thead>\n<tbody>\n";
  for (const auto* r : rows) out += row_html(*r, with_group);
  return out + "</tbody>\n</table></div>\n";
}

void side_rows(const char* name, const Side& s, std::string& out) {
  std::size_t runs = 0;
  for (const auto& g : s.groups) runs += g.runs.size();
  out += std::string("<dt>") + name + "</dt><dd><code>" + esc(s.path.string()) + "</code> (" + esc(s.kind) + ", " +
         std::to_string(s.groups.size()) + (s.groups.size() == 1 ? " group, " : " groups, ") +
         std::to_string(runs) + (runs == 1 ? " run" : " runs") + ")</dd>\n";
}

std::string verdict_html(const Comparison& c, const GateResult& gate) {
  std::size_t significant = 0;
  for (const auto& r : c.rows) significant += r.significant ? 1 : 0;
  std::string out = "<p class=\"verdict\">" + std::to_string(significant) + " of " + std::to_string(c.rows.size()) +
                    " metrics differ significantly (level " + reports::double_text(c.level) + ").";
  if (!gate.patterns.empty()) {
    out += gate.failed.empty() ? " <span class=\"pass\">Gate passed</span>: no metric named by --fail-on differs."
                               : " <span class=\"fail\">Gate failed</span>: " +
                                     std::to_string(gate.failed.size()) + " metric(s) named by --fail-on differ.";
  }
  return out + "</p>\n";
}

Json overlay_spec(const std::string& column, const Series& a, const Series& b) {
  Json values = Json::array();
  using Named = std::pair<const char*, const Series*>;
  for (const auto& [side, series] : {Named{"A", &a}, Named{"B", &b}}) {
    auto it = series->find(column);
    if (it == series->end()) continue;
    for (const auto& [t, x] : it->second) values.push_back({{"time_s", t}, {"side", side}, {"value", x}});
  }
  Json spec;
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json";
  spec["title"] = column;
  spec["width"] = "container";
  spec["height"] = 220;
  spec["data"] = {{"values", std::move(values)}};
  spec["mark"] = {{"type", "line"}, {"clip", true}};
  spec["encoding"] = {
      {"x", {{"field", "time_s"}, {"type", "quantitative"}, {"title", "simulated time (s)"}}},
      {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", column}}},
      {"color", {{"field", "side"}, {"type", "nominal"}, {"title", "side"}}},
      {"tooltip", Json::array({Json{{"field", "side"}}, Json{{"field", "time_s"}, {"type", "quantitative"}},
                               Json{{"field", "value"}, {"type", "quantitative"}}})}};
  return spec;
}

void charts(const Side& a, const Side& b, const Comparison& c, const reports::ReportAssets& assets, std::string& out,
            Json& data) {
  out += "<section id=\"time-series\">\n<h2>Time series, A and B overlaid</h2>\n";
  const RunGroup* ga = nullptr;
  const RunGroup* gb = nullptr;
  if (!c.pairs.empty()) {
    for (const auto& g : a.groups) if (g.name == c.pairs.front().first) ga = &g;
    for (const auto& g : b.groups) if (g.name == c.pairs.front().second) gb = &g;
  }
  const Series sa = ga ? mean_series(*ga) : Series{};
  const Series sb = gb ? mean_series(*gb) : Series{};
  std::vector<std::string> columns;
  for (const auto& [name, s] : sa) columns.push_back(name);
  for (const auto& [name, s] : sb) if (!sa.count(name)) columns.push_back(name);
  if (columns.size() > kMaxOverlayCharts) columns.resize(kMaxOverlayCharts);
  if (columns.empty()) {
    out += "<p class=\"note\">Neither side has a metrics.csv time series.</p>\n</section>\n";
    return;
  }
  out += "<p>From metrics.csv of " + esc(c.pairs.front().first) + " (A) and " + esc(c.pairs.front().second) +
         " (B); with replications, the mean at each sample time.</p>\n";
  if (!assets.complete())
    out += "<p class=\"note missing-assets\">Charts are not shown: the chart libraries were not found in <code>" +
           esc(assets.dir.string()) + "</code>.</p>\n";
  std::size_t n = 0;
  for (const auto& column : columns) {
    const std::string id = "chart-" + std::to_string(++n);
    out += "<figure><div class=\"chart\" id=\"" + id + "\" role=\"img\" aria-label=\"" + esc(column) +
           "\"></div></figure>\n";
    data["charts"].push_back({{"id", id}, {"uses_datasets", false}, {"spec", overlay_spec(column, sa, sb)}});
  }
  out += "</section>\n";
}

}  // namespace

std::string compare_html(const Side& a, const Side& b, const Comparison& c, const GateResult& gate,
                         const reports::ReportAssets& assets) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>provsim compare</title>\n<style>\n" +
                    std::string(reports::kReportCss) +
                    ".scroll { overflow-x: auto; }\n.verdict { font-size: 1.1rem; }\n</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>provsim compare</h1>\n<dl class=\"run\">\n";
  side_rows("A", a, out);
  side_rows("B", b, out);
  if (c.pairs.size() == 1)
    out += "<dt>compared</dt><dd>" + esc(c.pairs.front().first) + " (A) with " + esc(c.pairs.front().second) +
           " (B)</dd>\n";
  else
    out += "<dt>compared</dt><dd>" + std::to_string(c.pairs.size()) + " grid points, each with its namesake</dd>\n";
  for (const auto& u : c.unmatched) out += "<dt>unmatched</dt><dd>" + esc(u) + "</dd>\n";
  out += "</dl>\n" + verdict_html(c, gate) + "</header>\n";

  std::vector<const MetricRow*> significant;
  std::vector<const MetricRow*> all;
  for (const auto& r : c.rows) {
    all.push_back(&r);
    if (r.significant) significant.push_back(&r);
  }
  out += "<section id=\"significant\">\n<h2>Significant differences</h2>\n";
  const bool with_group = c.pairs.size() > 1;
  out += significant.empty() ? "<p>None.</p>\n" : table_html(significant, with_group);
  out += "</section>\n";

  Json data = {{"datasets", Json::object()}, {"charts", Json::array()}};
  charts(a, b, c, assets, out, data);

  out += "<section id=\"metrics\">\n<h2>Every metric</h2>\n" + table_html(all, with_group) + "</section>\n";
  out += "<script type=\"application/json\" id=\"provsim-data\">" + reports::json_for_script(data) + "</script>\n";
  if (assets.complete() && !data["charts"].empty()) {
    for (const std::string* lib : {&assets.vega, &assets.vega_lite, &assets.vega_embed})
      out += "<script>\n" + reports::script_safe(*lib) + "\n</script>\n";
    out += "<script>\n" + std::string(reports::kReportScript) + "</script>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace provsim::compare
