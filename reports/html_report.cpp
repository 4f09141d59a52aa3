#include "reports/html_report.hpp"

#include <cctype>
#include <cstdio>

#include "reports/chart_specs.hpp"
#include "reports/compression.hpp"
#include "reports/conservation.hpp"
#include "reports/html_template.hpp"
#include "reports/key_figures.hpp"
#include "reports/value_text.hpp"
#include "reports/xml_escape.hpp"

namespace provsim::reports {

namespace {

using Json = nlohmann::ordered_json;

std::string esc(std::string_view text) { return xml_escape(text); }

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  return true;
}

std::string fixed(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  return buf;
}

bool is_number(const Value& v) {
  return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v);
}

std::string status_cell(bool passed) {
  return passed ? "<td class=\"pass\">pass</td>" : "<td class=\"fail\">FAIL</td>";
}

std::string verdict_summary(const Results& r) {
  std::size_t passed = 0;
  for (const auto& v : r.verdicts)
    if (v.passed) ++passed;
  bool all = passed == r.verdicts.size();
  return std::string("<span class=\"") + (all ? "pass" : "fail") + "\">" + std::to_string(passed) + " of " +
         std::to_string(r.verdicts.size()) + " expectations passed</span>";
}

void header(const Results& r, std::string& out) {
  const RunInfo& i = r.info;
  out += "<header>\n<h1>provsim report: " + esc(i.scenario) + "</h1>\n<dl class=\"run\">\n";
  auto row = [&](const char* name, const std::string& html) {
    out += std::string("<dt>") + name + "</dt><dd>" + html + "</dd>\n";
  };
  row("scenario", esc(i.scenario));
  row("seed", std::to_string(i.seed));
  row("scenario hash", "<code>" + esc(i.scenario_hash) + "</code>");
  row("version", esc(i.version));
  row("simulated span", esc(span_text(i.simulated_seconds)));
  row("events", std::to_string(i.events));
  row("wall time", fixed(i.wall_seconds, 3) + " s" + (i.huge_pages ? " (heap on huge pages)" : ""));
  if (!r.verdicts.empty()) row("verdicts", verdict_summary(r));
  out += "</dl>\n</header>\n";
}

// The user questions the charts are grouped by, in the order the page
// shows them (chart_specs.hpp gives each chart its topic).
struct Topic {
  const char* topic;
  const char* id;
  const char* heading;
};
constexpr Topic kTopics[] = {
    {kTopicCapacity, "charts-capacity", "Capacity: does the platform keep up?"},
    {kTopicConformance, "charts-conformance", "Conformance: where did the prospects go?"},
    {kTopicAddresses, "charts-addresses", "Addresses: are there enough?"},
    {kTopicMoney, "charts-money", "Money: who is owed what?"},
    {kTopicHarness, "charts-harness", "Harness: how fast does the system under test answer?"},
    {kTopicOther, "charts-other", "Other series"},
};

bool has_topic(const ChartSet& set, const char* topic) {
  for (const auto& c : set.charts)
    if (c.topic == topic) return true;
  return false;
}

// The table of contents under the key figures: every section of the page,
// the chart groups with their charts.
void contents(const Results& r, const ChartSet& set, bool key_figures, std::string& out) {
  out += "<nav id=\"contents\" aria-label=\"contents\">\n<h2>Contents</h2>\n<ol>\n";
  if (key_figures) out += "<li><a href=\"#key-figures\">Key figures</a></li>\n";
  if (!r.verdicts.empty()) out += "<li><a href=\"#expectations\">Expectations</a></li>\n";
  for (const auto& t : kTopics) {
    if (!has_topic(set, t.topic)) continue;
    out += std::string("<li><a href=\"#") + t.id + "\">" + esc(t.heading) + "</a>\n<ol>\n";
    for (const auto& c : set.charts)
      if (c.topic == t.topic) out += "<li><a href=\"#" + esc(c.id) + "\">" + esc(c.title) + "</a></li>\n";
    out += "</ol></li>\n";
  }
  bool conservation = false;
  for (const auto& [key, value] : r.metrics) conservation = conservation || is_conservation_check(key);
  out += std::string("<li>") + (conservation ? "<a href=\"#conservation\">Conservation checks</a>, " : "") +
         "<a href=\"#metrics\">Summary metrics</a>, <a href=\"#files\">Files</a></li>\n</ol>\n</nav>\n";
}

void charts_section(const ChartSet& set, const ReportAssets& assets, std::string& out) {
  out += "<section id=\"charts\">\n<h2>Charts</h2>\n";
  if (set.charts.empty()) {
    out += "<p class=\"note\">This run has no data for charts.</p>\n";
  } else if (!assets.complete()) {
    out += "<p class=\"note missing-assets\">Charts are not shown: the chart libraries (Vega, Vega-Lite, "
           "vega-embed) were not found in <code>" +
           esc(assets.dir.string()) +
           "</code>. Run <code>tools/setup</code> (it installs Node.js and the libraries), then write the "
           "report again. The data and chart specifications are in this page; the tables below are complete.</p>\n";
  }
  for (const auto& t : kTopics) {
    if (!has_topic(set, t.topic)) continue;
    out += std::string("<section class=\"topic\" id=\"") + t.id + "\">\n<h3>" + esc(t.heading) + "</h3>\n";
    for (const auto& c : set.charts) {
      if (c.topic != t.topic) continue;
      out += "<figure>\n<div class=\"chart\" id=\"" + esc(c.id) + "\" role=\"img\" aria-label=\"" + esc(c.title) +
             "\"></div>\n<figcaption><b>" + esc(c.title) + ".</b> " + esc(c.caption) + "</figcaption>\n</figure>\n";
    }
    out += "</section>\n";
  }
  out += "</section>\n";
}

void expectations_section(const Results& r, std::string& out) {
  if (r.verdicts.empty()) return;
  out += "<section id=\"expectations\">\n<h2>Expectations</h2>\n<table>\n"
         "<thead><tr><th>expectation</th><th>actual</th><th>result</th></tr></thead>\n<tbody>\n";
  for (const auto& v : r.verdicts)
    out += "<tr><td><code>" + esc(v.expectation) + "</code></td><td>" + esc(v.actual) + "</td>" +
           status_cell(v.passed) + "</tr>\n";
  out += "</tbody>\n</table>\n</section>\n";
}

void conservation_section(const Results& r, std::string& out) {
  std::string rows;
  for (const auto& [key, value] : r.metrics) {
    if (!is_conservation_check(key)) continue;
    auto passed = check_passed(value);
    rows += "<tr><td><code>" + esc(key) + "</code></td><td>" + esc(value_text(value)) + "</td>" +
            (passed ? status_cell(*passed) : std::string("<td>n/a</td>")) + "</tr>\n";
  }
  if (rows.empty()) return;
  out += "<section id=\"conservation\">\n<h2>Conservation checks</h2>\n<table>\n"
         "<thead><tr><th>check</th><th>value</th><th>result</th></tr></thead>\n<tbody>\n" +
         rows + "</tbody>\n</table>\n</section>\n";
}

void metrics_section(const Results& r, std::string& out) {
  out += "<section id=\"metrics\">\n<h2>Summary metrics</h2>\n";
  if (r.metrics.empty()) {
    out += "<p class=\"note\">No summary metrics.</p>\n</section>\n";
    return;
  }
  out += "<table>\n<thead><tr><th>metric</th><th>value</th></tr></thead>\n<tbody>\n";
  for (const auto& [key, value] : r.metrics)
    out += "<tr><td><code>" + esc(key) + "</code></td><td" + (is_number(value) ? " class=\"num\"" : "") + ">" +
           esc(value_text(value)) + "</td></tr>\n";
  out += "</tbody>\n</table>\n</section>\n";
}

void files_section(const Results& r, std::string& out) {
  out += "<section id=\"files\">\n<h2>Files</h2>\n<ul>\n<li><a href=\"" + file_link("summary.json") +
         "\">summary.json</a></li>\n";
  const std::string suffix(table_suffix(compression_named(r.compression)));
  for (const auto& t : r.tables)
    out += "<li><a href=\"" + file_link(t.name + suffix) + "\">" + esc(t.name + suffix) + "</a> (" +
           std::to_string(t.size()) + " rows)</li>\n";
  out += "</ul>\n</section>\n";
}

Json page_data(const ChartSet& set) {
  Json charts = Json::array();
  for (const auto& c : set.charts)
    charts.push_back({{"id", c.id}, {"uses_datasets", c.uses_datasets}, {"spec", c.spec}});
  return {{"datasets", set.datasets}, {"charts", std::move(charts)}};
}

void scripts(const ChartSet& set, const ReportAssets& assets, std::string& out) {
  out += "<script type=\"application/json\" id=\"provsim-data\">" + json_for_script(page_data(set)) + "</script>\n";
  if (!assets.complete() || set.charts.empty()) return;
  for (const std::string* lib : {&assets.vega, &assets.vega_lite, &assets.vega_embed})
    out += "<script>\n" + script_safe(*lib) + "\n</script>\n";
  out += "<script>\n" + std::string(kReportScript) + "</script>\n";
}

}  // namespace

std::string file_link(std::string_view file_name) {
  static const char* const hex = "0123456789ABCDEF";
  std::string link = "./";
  for (char c : file_name) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '.' || c == '_' || c == '~' || c == '-') {
      link += c;
    } else {
      link += '%';
      link += hex[u >> 4];
      link += hex[u & 15];
    }
  }
  return link;
}

std::string file_from_link(std::string_view link) {
  if (link.substr(0, 2) == "./") link.remove_prefix(2);
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string name;
  for (std::size_t i = 0; i < link.size(); ++i) {
    if (link[i] == '%' && i + 2 < link.size() && std::isxdigit(static_cast<unsigned char>(link[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(link[i + 2]))) {
      name += static_cast<char>(digit(link[i + 1]) * 16 + digit(link[i + 2]));
      i += 2;
    } else {
      name += link[i];
    }
  }
  return name;
}

// JSON inside <script type="application/json">: '<', '>' and '&' only occur
// in strings, where \u escapes mean the same to JSON.parse.
std::string json_for_script(const nlohmann::ordered_json& j) {
  std::string text = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

std::string script_safe(std::string_view js) {
  std::string out;
  out.reserve(js.size());
  for (std::size_t i = 0; i < js.size(); ++i) {
    if (js[i] == '<' && starts_with_ci(js, i + 1, "/script")) {
      out += "<\\/";
      ++i;  // skip the '/'
      continue;
    }
    if (js[i] == '<' && starts_with_ci(js, i + 1, "!--")) {
      out += "<\\!";
      ++i;
      continue;
    }
    out += js[i];
  }
  return out;
}

std::string span_text(double seconds) {
  std::string number = double_text(seconds);
  if (number.size() > 2 && number.compare(number.size() - 2, 2, ".0") == 0) number.resize(number.size() - 2);
  std::string text = number + " s";
  if (seconds >= 2 * 86400.0) return text + " (" + fixed(seconds / 86400.0, 1) + " days)";
  if (seconds >= 2 * 3600.0) return text + " (" + fixed(seconds / 3600.0, 1) + " hours)";
  if (seconds >= 2 * 60.0) return text + " (" + fixed(seconds / 60.0, 1) + " minutes)";
  return text;
}

std::string report_html(const Results& results, const ReportAssets& assets) {
  ChartSet set = build_charts(results);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += std::string(kGeneratorMeta) + "\n";
  out += "<title>provsim: " + esc(results.info.scenario) + " (seed " + std::to_string(results.info.seed) +
         ")</title>\n";
  out += "<style>\n" + std::string(kReportCss) + "</style>\n</head>\n<body>\n";
  header(results, out);
  const std::string key_figures = key_figures_html(results, set);
  out += key_figures;
  contents(results, set, !key_figures.empty(), out);
  expectations_section(results, out);
  conservation_section(results, out);
  charts_section(set, assets, out);
  metrics_section(results, out);
  files_section(results, out);
  scripts(set, assets, out);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace provsim::reports
