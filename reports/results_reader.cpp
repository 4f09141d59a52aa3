#include "reports/results_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "reports/compression.hpp"
#include "reports/csv_reader.hpp"
#include "reports/decimal_compare.hpp"
#include "reports/html_report.hpp"
#include "reports/value_text.hpp"

namespace provsim::reports {

namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument(file.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Value metric_value(const Json& j, const std::string& where) {
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_unsigned()) {
    if (j.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return j.get<double>();
    return static_cast<std::int64_t>(j.get<std::uint64_t>());
  }
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number_float()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return std::numeric_limits<double>::quiet_NaN();  // the writer's NaN or infinity
  throw std::invalid_argument(where + ": not a number, boolean or text");
}

std::optional<std::int64_t> integer_text(const std::string& s) {
  std::int64_t i = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (ec != std::errc{} || end != s.data() + s.size() || std::to_string(i) != s) return std::nullopt;
  return i;
}

std::optional<double> double_text_of(const std::string& s) {
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (s == "Inf") return std::numeric_limits<double>::infinity();
  if (s == "-Inf") return -std::numeric_limits<double>::infinity();
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc{} || end != s.data() + s.size() || double_text(d) != s) return std::nullopt;
  return d;
}

// The table a file name holds, whichever way it is compressed: "x.csv.gz" -> "x".
std::optional<std::string> table_name(const std::string& file) {
  const auto c = table_compression(file);
  if (!c) return std::nullopt;
  return file.substr(0, file.size() - table_suffix(*c).size());
}

// Names of the tables in the order report.html lists them ("<a href="x.csv">").
std::vector<std::string> report_order(const fs::path& dir) {
  std::vector<std::string> names;
  std::ifstream in(dir / "report.html", std::ios::binary);
  if (!in) return names;
  std::ostringstream text;
  text << in.rdbuf();
  const std::string html = text.str();
  const std::string open = "<li><a href=\"";
  for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    const auto start = at + open.size();
    const auto end = html.find('"', start);
    if (end == std::string::npos) break;
    const std::string file = file_from_link(html.substr(start, end - start));
    if (const auto name = table_name(file)) names.push_back(*name);
  }
  return names;
}

std::vector<std::string> table_order(const fs::path& dir) {
  std::set<std::string> present;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    if (!entry.is_regular_file() || file.front() == '.') continue;
    if (const auto name = table_name(file)) present.insert(*name);
  }
  std::vector<std::string> order;
  for (const auto& name : report_order(dir))
    if (present.erase(name)) order.push_back(name);
  order.insert(order.end(), present.begin(), present.end());
  return order;
}

Table read_table(const fs::path& file) {
  const auto rows = parse_csv(read_table_file(file), file.string());
  if (rows.empty()) throw std::invalid_argument(file.string() + ": no header row");
  Table t;
  t.name = table_name(file.filename().string()).value_or(file.stem().string());
  t.columns = rows.front();
  const std::size_t width = t.columns.size();
  for (std::size_t r = 1; r < rows.size(); ++r)
    if (rows[r].size() != width)
      throw std::invalid_argument(file.string() + ":" + std::to_string(r + 1) + ": " + std::to_string(rows[r].size()) +
                                  " cells, the header has " + std::to_string(width));
  t.rows.assign(rows.size() - 1, std::vector<Value>(width));
  std::vector<std::string> cells(rows.size() - 1);
  for (std::size_t c = 0; c < width; ++c) {
    for (std::size_t r = 1; r < rows.size(); ++r) cells[r - 1] = rows[r][c];
    std::vector<Value> typed = typed_column(cells);
    for (std::size_t r = 0; r < typed.size(); ++r) t.rows[r][c] = std::move(typed[r]);
  }
  return t;
}

}  // namespace

std::vector<Value> typed_column(const std::vector<std::string>& cells) {
  // Money and quantities print fixed decimals ("12.500000"); one such cell
  // marks the column as decimal text, so "0.123457" beside it stays text too.
  const bool decimal_text = std::any_of(cells.begin(), cells.end(), [](const std::string& s) {
    return is_decimal(s) && s.find('.') != std::string::npos && !double_text_of(s);
  });
  std::vector<Value> out;
  out.reserve(cells.size());
  for (const auto& s : cells) {
    if (s == "true" || s == "false") out.emplace_back(s == "true");
    else if (auto i = integer_text(s)) out.emplace_back(*i);
    else if (decimal_text && is_decimal(s)) out.emplace_back(s);
    else if (auto d = double_text_of(s)) out.emplace_back(*d);
    else out.emplace_back(s);
  }
  return out;
}

Results read_summary(const fs::path& dir) {
  const fs::path file = dir / "summary.json";
  Json j;
  try {
    j = Json::parse(read_text(file));
  } catch (const Json::exception& e) {
    throw std::invalid_argument(file.string() + ": " + e.what());
  }
  Results r;
  try {
    r.info.scenario = j.at("scenario").get<std::string>();
    r.info.seed = j.at("seed").get<std::uint64_t>();
    r.info.scenario_hash = j.at("scenario_hash").get<std::string>();
    r.info.version = j.at("version").get<std::string>();
    r.info.simulated_seconds = j.at("simulated_seconds").get<double>();
    r.info.events = j.at("events").get<std::uint64_t>();
    r.info.wall_seconds = j.value("wall", Json::object()).value("wall_seconds", 0.0);
    r.info.huge_pages = j.value("wall", Json::object()).value("huge_pages", false);
    for (const auto& [key, value] : j.at("metrics").items())
      r.metrics[key] = metric_value(value, file.string() + ": metrics." + key);
    for (const auto& v : j.value("verdicts", Json::array()))
      r.verdicts.push_back(Verdict{v.at("expectation").get<std::string>(), v.at("actual").get<std::string>(),
                                   v.at("passed").get<bool>()});
  } catch (const Json::exception& e) {
    throw std::invalid_argument(file.string() + ": " + e.what());
  }
  return r;
}

Results read_results(const fs::path& dir) {
  Results r = read_summary(dir);
  for (const auto& name : table_order(dir)) {
    const fs::path file = find_table_file(dir, name).value_or(dir / (name + ".csv"));
    r.tables.push_back(read_table(file));
    // Written again (report.html's links), the tables keep the way they came.
    r.compression = std::string(compression_name(*table_compression(file.filename().string())));
  }
  return r;
}

}  // namespace provsim::reports
