#include "compare/compare_files.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "compare/compare_html.hpp"
#include "reports/csv_writer.hpp"

namespace provsim::compare {

namespace fs = std::filesystem;
using reports::Value;

namespace {

Value optional_cell(const std::optional<double>& x) { return x ? Value(*x) : Value(std::string()); }

void write_file(const fs::path& file, const std::string& text) {
  const fs::path partial = file.parent_path() / ("." + file.filename().string() + ".partial");
  {
    std::ofstream f(partial, std::ios::binary | std::ios::trunc);
    f << text;
    f.flush();
    if (!f) throw std::runtime_error("cannot write " + partial.string());
  }
  fs::rename(partial, file);
}

}  // namespace

std::string compare_csv(const Comparison& c) {
  reports::Table t;
  t.name = "compare";
  t.columns = {"group", "metric", "a_n", "a_mean", "b_n", "b_mean", "difference", "relative_difference",
               "test", "p_value", "significant"};
  for (const auto& r : c.rows)
    t.add({r.group, r.metric, static_cast<std::int64_t>(r.n_a), r.mean_a, static_cast<std::int64_t>(r.n_b), r.mean_b,
           r.difference, optional_cell(r.relative), r.test, optional_cell(r.p_value), r.significant});
  std::ostringstream out;
  reports::write_csv(t, out);
  return out.str();
}

std::string compare_json(const Side& a, const Side& b, const Comparison& c, const GateResult& gate) {
  using Json = nlohmann::ordered_json;
  auto side = [](const Side& s) {
    Json groups = Json::array();
    for (const auto& g : s.groups) groups.push_back({{"name", g.name}, {"replications", g.runs.size()}});
    return Json{{"path", s.path.string()}, {"kind", s.kind}, {"groups", groups}};
  };
  Json rows = Json::array();
  for (const auto& r : c.rows) {
    Json row = {{"group", r.group}, {"metric", r.metric}, {"a_n", r.n_a}, {"a_mean", r.mean_a},
                {"b_n", r.n_b}, {"b_mean", r.mean_b}, {"difference", r.difference}};
    row["relative_difference"] = r.relative ? Json(*r.relative) : Json(nullptr);
    row["test"] = r.test;
    row["p_value"] = r.p_value ? Json(*r.p_value) : Json(nullptr);
    row["significant"] = r.significant;
    rows.push_back(std::move(row));
  }
  Json j = {{"a", side(a)}, {"b", side(b)}, {"level", c.level}, {"unmatched", c.unmatched},
            {"fail_on", gate.patterns}, {"failed", gate.failed}, {"rows", std::move(rows)}};
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

void write_comparison(const Side& a, const Side& b, const Comparison& c, const GateResult& gate,
                      const reports::ReportAssets& assets, const fs::path& out) {
  fs::create_directories(out);
  write_file(out / "compare.csv", compare_csv(c));
  write_file(out / "compare.json", compare_json(a, b, c, gate));
  write_file(out / "compare.html", compare_html(a, b, c, gate, assets));
}

}  // namespace provsim::compare
