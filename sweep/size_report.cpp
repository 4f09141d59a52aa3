#include "sweep/size_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "reports/csv_writer.hpp"
#include "reports/html_report.hpp"
#include "reports/html_template.hpp"
#include "reports/output_folder.hpp"
#include "reports/value_text.hpp"
#include "reports/xml_escape.hpp"

namespace provsim::sweep {

namespace {

using Json = nlohmann::ordered_json;

std::string esc(const std::string& s) { return reports::xml_escape(s); }

std::string percent(double confidence) {
  std::ostringstream s;
  s << confidence * 100;
  return s.str() + " %";
}

// A double for JSON: null when it is not finite (JSON has no NaN).
Json number(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

// A table cell for the page: numbers to six significant digits (size.csv keeps them whole).
std::string cell_text(const reports::Value& v) {
  if (const auto* d = std::get_if<double>(&v)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", *d);
    return text;
  }
  return reports::value_text(v);
}

const CandidateReport* answer_of(const SizeOutcome& o) {
  if (!o.answer) return nullptr;
  for (const auto& c : o.tried)
    if (c.position == *o.answer) return &c;
  return nullptr;
}

}  // namespace

std::string answer_text(const SizeRequest& r, const SizeOutcome& o) {
  const std::string what = std::string(r.largest ? "largest" : "smallest") + " value meeting every target at " +
                           percent(r.settings.confidence) + " confidence";
  if (const auto* a = answer_of(o)) return r.key + " = " + a->value + " (" + what + ")";
  return "no value of " + r.key + " in " + r.low + ":" + r.high + " meets every target at " +
         percent(r.settings.confidence) + " confidence";
}

std::vector<std::string> answer_notes(const SizeRequest& r, const SizeOutcome& o) {
  std::vector<std::string> notes;
  for (const auto& c : o.tried)
    if (c.verdict == SizeVerdict::undecided)
      notes.push_back(r.key + " = " + c.value + " was undecided after " + std::to_string(c.replications) +
                      " replications (--max-replications) and was counted as failing");
  if (o.answer && *o.answer == 0)
    notes.push_back("the answer is the end of the range (" + (r.largest ? r.high : r.low) +
                    "): the " + (r.largest ? "largest" : "smallest") + " value may lie beyond it");
  return notes;
}

Json size_json(const SizeRequest& r, const SizeOutcome& o) {
  Json j;
  j["scenario"] = r.scenario.string();
  j["key"] = r.key;
  j["range"] = {{"low", r.low}, {"high", r.high}, {"step", r.step}};
  j["find"] = r.largest ? "largest" : "smallest";
  Json targets = Json::array();
  for (const auto& t : r.settings.targets) targets.push_back({{"metric", t.metric}, {"op", t.op}, {"value", t.value_text}});
  j["targets"] = std::move(targets);
  j["confidence"] = r.settings.confidence;
  j["initial_replications"] = r.settings.initial_replications;
  j["max_replications"] = r.settings.max_replications;
  j["set"] = r.set;
  j["base_seed"] = r.base_seed;
  j["finished"] = o.finished;
  const auto* a = answer_of(o);
  j["answer"] = a ? Json(a->value) : Json(nullptr);
  j["answer_text"] = o.finished ? answer_text(r, o) : std::string("not finished");
  j["notes"] = answer_notes(r, o);
  Json tried = Json::array();
  for (const auto& c : o.tried) {
    Json metrics = Json::array();
    for (std::size_t t = 0; t < c.targets.size(); ++t) {
      const auto& i = c.targets[t];
      metrics.push_back({{"target", r.settings.targets[t].text()}, {"samples", i.samples}, {"mean", number(i.mean)},
                         {"ci_low", number(i.low)}, {"ci_high", number(i.high)}, {"verdict", verdict_name(i.verdict)}});
    }
    tried.push_back({{"value", c.value}, {"replications", c.replications}, {"verdict", verdict_name(c.verdict)},
                     {"targets", std::move(metrics)}});
  }
  j["candidates"] = std::move(tried);
  return j;
}

reports::Table size_table(const SizeRequest& r, const SizeOutcome& o) {
  reports::Table t;
  t.name = "size";
  t.columns = {"order", "key", "value", "replications", "metric", "op", "target", "mean", "ci_low", "ci_high",
               "verdict", "candidate"};
  for (std::size_t k = 0; k < o.tried.size(); ++k) {
    const auto& c = o.tried[k];
    for (std::size_t i = 0; i < c.targets.size(); ++i) {
      const auto& target = r.settings.targets[i];
      const auto& ci = c.targets[i];
      const auto cell = [&](double x) { return ci.samples ? reports::Value(x) : reports::Value(std::string()); };
      t.add({static_cast<std::int64_t>(k + 1), r.key, c.value, static_cast<std::int64_t>(c.replications),
             target.metric, target.op, target.value_text, cell(ci.mean), cell(ci.low), cell(ci.high),
             std::string(verdict_name(ci.verdict)), std::string(verdict_name(c.verdict))});
    }
  }
  return t;
}

namespace {

Json chart_spec(const SizeRequest& r, const SizeOutcome& o, std::size_t target) {
  const SizeTarget& t = r.settings.targets[target];
  Json values = Json::array();
  for (const auto& c : o.tried) {
    const auto& ci = c.targets[target];
    if (ci.samples == 0) continue;
    values.push_back({{"x", std::stod(c.value)}, {"value", c.value}, {"mean", number(ci.mean)},
                      {"low", number(ci.low)}, {"high", number(ci.high)}, {"replications", c.replications},
                      {"verdict", verdict_name(ci.verdict)}});
  }
  // Candidates far from the answer can be orders of magnitude off (an
  // overloaded queue): a log scale then keeps the ones near the target apart.
  double smallest = HUGE_VAL, largest = 0;
  for (const auto& v : values) {
    smallest = std::min(smallest, v["low"].is_number() ? v["low"].get<double>() : 0.0);
    largest = std::max(largest, v["high"].is_number() ? v["high"].get<double>() : 0.0);
  }
  const bool log = smallest > 0 && t.value > 0 && largest / std::min(smallest, t.value) > 20;
  Json y_scale = log ? Json{{"type", "log"}} : Json{{"zero", false}};
  Json x = {{"field", "x"}, {"type", "quantitative"}, {"title", r.key}, {"scale", {{"zero", false}}}};
  if (r.step.find('.') == std::string::npos) x["axis"] = {{"tickMinStep", 1}, {"format", "d"}};
  const Json color = {{"field", "verdict"},
                      {"type", "nominal"},
                      {"title", "this target"},
                      {"scale", {{"domain", {"meets", "fails", "undecided"}}, {"range", {"#2a7f3f", "#b3261e", "#8a6d00"}}}}};
  Json interval = {{"mark", {{"type", "rule"}, {"strokeWidth", 2}}},
                   {"encoding", {{"x", x}, {"y", {{"field", "low"}, {"type", "quantitative"}}}, {"y2", {{"field", "high"}}}, {"color", color}}}};
  Json mean = {{"mark", {{"type", "point"}, {"filled", true}, {"size", 60}}},
               {"encoding",
                {{"x", x},
                 {"y", {{"field", "mean"}, {"type", "quantitative"}, {"title", t.metric + " (mean, " + percent(r.settings.confidence) + " CI)" + (log ? ", log scale" : "")}, {"scale", y_scale}}},
                 {"color", color},
                 {"tooltip", Json::array({Json{{"field", "value"}, {"title", r.key}}, Json{{"field", "mean"}, {"type", "quantitative"}},
                                          Json{{"field", "low"}, {"type", "quantitative"}}, Json{{"field", "high"}, {"type", "quantitative"}},
                                          Json{{"field", "replications"}, {"type", "quantitative"}}, Json{{"field", "verdict"}}})}}}};
  Json line = {{"data", {{"values", Json::array({Json{{"target", t.value}}})}}},
               {"mark", {{"type", "rule"}, {"strokeDash", {6, 4}}, {"color", "#555"}}},
               {"encoding", {{"y", {{"field", "target"}, {"type", "quantitative"}}}, {"tooltip", Json::array({Json{{"field", "target"}, {"title", t.text()}}})}}}};
  Json layers = Json::array({std::move(line), std::move(interval), std::move(mean)});
  if (const auto* a = answer_of(o))
    layers.push_back({{"data", {{"values", Json::array({Json{{"answer", std::stod(a->value)}}})}}},
                      {"mark", {{"type", "rule"}, {"color", "#2a7f3f"}, {"opacity", 0.5}}},
                      {"encoding", {{"x", {{"field", "answer"}, {"type", "quantitative"}}}}}});
  Json spec;
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json";
  spec["title"] = t.text();
  spec["width"] = "container";
  spec["height"] = 260;
  spec["data"] = {{"values", std::move(values)}};
  spec["layer"] = std::move(layers);
  return spec;
}

void header(const SizeRequest& r, const SizeOutcome& o, std::string& out) {
  out += "<header>\n<h1>provsim size: " + esc(r.key) + "</h1>\n";
  out += "<p class=\"answer\"><b>" + esc(o.finished ? answer_text(r, o) : "not finished") + "</b></p>\n";
  for (const auto& n : answer_notes(r, o)) out += "<p class=\"note\">" + esc(n) + "</p>\n";
  out += "<dl class=\"run\">\n";
  auto row = [&](const std::string& name, const std::string& html) { out += "<dt>" + name + "</dt><dd>" + html + "</dd>\n"; };
  row("scenario", "<code>" + esc(r.scenario.string()) + "</code>");
  row("key", "<code>" + esc(r.key) + "</code> from " + esc(r.low) + " to " + esc(r.high) + " in steps of " + esc(r.step));
  for (const auto& t : r.settings.targets) row("target", "<code>" + esc(t.text()) + "</code>");
  row("confidence", esc(percent(r.settings.confidence)) + " per target (two-sided Student-t interval)");
  row("replications", "from " + std::to_string(r.settings.initial_replications) + " up to " +
                          std::to_string(r.settings.max_replications) + " per candidate");
  for (const auto& s : r.set) row("set", "<code>" + esc(s) + "</code>");
  row("base seed", std::to_string(r.base_seed));
  out += "</dl>\n</header>\n";
}

}  // namespace

std::string size_html(const SizeRequest& r, const SizeOutcome& o, const reports::ReportAssets& assets) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>provsim size: " + esc(r.key) + "</title>\n";
  out += "<style>\n" + std::string(reports::kReportCss) + "section#candidates { overflow-x: auto; }\n</style>\n</head>\n<body>\n";
  header(r, o, out);
  out += "<section id=\"charts\">\n<h2>Candidates against the targets</h2>\n";
  if (!assets.complete())
    out += "<p class=\"note missing-assets\">Charts are not shown: the chart libraries were not found in <code>" +
           esc(assets.dir.string()) + "</code>. Run <code>tools/setup</code>, then this <code>provsim size</code> again.</p>\n";
  Json charts = Json::array();
  for (std::size_t i = 0; i < r.settings.targets.size(); ++i) {
    const std::string id = "chart-" + std::to_string(i + 1);
    out += "<figure>\n<div class=\"chart\" id=\"" + id + "\" role=\"img\" aria-label=\"" + esc(r.settings.targets[i].text()) +
           "\"></div>\n<figcaption><b>" + esc(r.settings.targets[i].metric) + ".</b> Each candidate's mean over its "
           "replications with its " + esc(percent(r.settings.confidence)) + " interval, against " + esc(r.key) +
           "; the dashed line is the target, the vertical line the answer.</figcaption>\n</figure>\n";
    charts.push_back({{"id", id}, {"uses_datasets", false}, {"spec", chart_spec(r, o, i)}});
  }
  out += "</section>\n<section id=\"candidates\">\n<h2>Candidates in the order tried</h2>\n<table>\n<thead><tr>";
  const reports::Table table = size_table(r, o);
  // The key column is the same on every row: the page names the key above.
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    if (i != 1) out += "<th>" + esc(i == 2 ? r.key : table.columns[i]) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i)
      if (i != 1) out += "<td>" + esc(cell_text(row[i])) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p>The same table: <a href=\"size.csv\">size.csv</a>; each run's results and report: "
         "<code>runs/&lt;key&gt;=&lt;value&gt;,rep=&lt;r&gt;/</code>.</p>\n</section>\n";
  const Json data = {{"datasets", Json::object()}, {"charts", std::move(charts)}};
  out += "<script type=\"application/json\" id=\"provsim-data\">" + reports::json_for_script(data) + "</script>\n";
  if (assets.complete()) {
    for (const std::string* lib : {&assets.vega, &assets.vega_lite, &assets.vega_embed})
      out += "<script>\n" + reports::script_safe(*lib) + "\n</script>\n";
    out += "<script>\n" + std::string(reports::kReportScript) + "</script>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

void write_size_outputs(const SizeRequest& r, const SizeOutcome& o, const std::filesystem::path& out) {
  reports::write_file_replacing(out / "size.json", size_json(r, o).dump(2) + "\n");
  std::ostringstream csv;
  reports::write_csv(size_table(r, o), csv);
  reports::write_file_replacing(out / "size.csv", csv.str());
  reports::write_file_replacing(out / "size.html", size_html(r, o, reports::load_assets(reports::default_asset_dir())));
}

}  // namespace provsim::sweep
