#include "sweep/sweep_spec.hpp"

#include <charconv>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/config.hpp"
#include "sim/scenario/scenario_keys.hpp"
#include "sweep/control_characters.hpp"
#include "sweep/ini_file.hpp"
#include "sweep/sweep_error.hpp"
#include "sweep/value_list.hpp"

namespace provsim::sweep {

namespace fs = std::filesystem;

namespace {

std::uint64_t unsigned_value(const IniEntry& e, const std::string& file, std::uint64_t min) {
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(e.value.data(), e.value.data() + e.value.size(), v);
  if (ec != std::errc{} || end != e.value.data() + e.value.size() || v < min)
    throw SweepError(file, e.line, e.key, "expected a whole number >= " + std::to_string(min) + ", got '" + e.value + "'");
  return v;
}

std::vector<std::string> names(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    auto comma = text.find(',', from);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(from, comma - from);
    const auto b = item.find_first_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, item.find_last_not_of(" \t") - b + 1));
    from = comma + 1;
  }
  return out;
}

SweepSpec make_sweep(const std::vector<IniEntry>& entries, const fs::path& file) {
  SweepSpec spec;
  spec.file = fs::absolute(file);
  spec.name = file.stem().string();
  const std::string where = file.string();
  bool have_scenario = false;
  std::uint64_t points = 1;  // at most kMaxGridPoints * kMaxAxisValues: no overflow
  unsigned replications_line = 0;
  for (const IniEntry& e : entries) {
    // Keys and values reach job scripts and job lines: no control characters.
    const std::pair<const char*, const std::string*> parts[] = {
        {"the section", &e.section}, {"the key", &e.key}, {"the value", &e.value}};
    for (const auto& [what, text] : parts) {
      const std::string problem = control_character_problem(*text);
      if (!problem.empty()) throw SweepError(where, e.line, printable(e.key), std::string(what) + " " + problem);
    }
    if (e.section == "sweep") {
      if (e.key == "scenario") {
        // The error_code forms: a name the system refuses (too long, say)
        // is bad input, not an exception the sweep file's reader leaks.
        std::error_code ec;
        spec.scenario = fs::weakly_canonical(spec.file.parent_path() / e.value, ec);
        if (ec) throw SweepError(where, e.line, e.key, "not a usable folder name: " + ec.message());
        if (!fs::is_directory(spec.scenario, ec)) throw SweepError(where, e.line, e.key, "no scenario folder " + spec.scenario.string());
        have_scenario = true;
      } else if (e.key == "replications") {
        spec.replications = unsigned_value(e, where, 1);
        replications_line = e.line;
        if (spec.replications > kMaxReplications)
          throw SweepError(where, e.line, e.key, "must be at most " + std::to_string(kMaxReplications) + ", got " + e.value);
      } else if (e.key == "seed") {
        spec.seed = unsigned_value(e, where, 0);
      } else if (e.key == "out") {
        spec.out = e.value;
      } else if (e.key == "x") {
        spec.x = e.value;
      } else if (e.key == "plot") {
        spec.plot = names(e.value);
      } else {
        throw SweepError(where, e.line, e.key,
                         "unknown key in [sweep] (known: scenario, replications, seed, out, x, plot)");
      }
    } else if (e.section == "set") {
      try {
        sim::check_override(sim::scenario_schema(), e.key, e.value);
      } catch (const std::invalid_argument& problem) {
        throw SweepError(where, e.line, e.key, problem.what());
      }
      spec.fixed.push_back(e.key + "=" + e.value);
    } else if (e.section == "grid") {
      if (e.key == "run.seed")
        throw SweepError(where, e.line, e.key, "seeds come from [sweep] seed and replications, not the grid");
      try {
        spec.axes.push_back(Axis{e.key, expand_values(e.value)});
        for (const auto& value : spec.axes.back().values) sim::check_override(sim::scenario_schema(), e.key, value);
      } catch (const std::invalid_argument& problem) {
        throw SweepError(where, e.line, e.key, problem.what());
      }
      points = points * spec.axes.back().values.size();
      if (points > kMaxGridPoints)
        throw SweepError(where, e.line, e.key,
                         "the grid has more than " + std::to_string(kMaxGridPoints) + " points with this axis");
    } else {
      throw SweepError(where, e.line, "", "unknown section [" + e.section + "] (known: sweep, set, grid)");
    }
  }
  if (!have_scenario) throw SweepError(where, 0, "scenario", "[sweep] must name the base scenario folder");
  if (points * spec.replications > kMaxGridPoints)
    throw SweepError(where, replications_line, "replications",
                     std::to_string(points) + " grid points x " + std::to_string(spec.replications) +
                         " replications is more than " + std::to_string(kMaxGridPoints) + " runs");
  if (!spec.x.empty()) {
    bool found = false;
    for (const auto& a : spec.axes) found = found || a.key == spec.x;
    if (!found) throw SweepError(where, 0, "x", "'" + spec.x + "' is not a [grid] key");
  }
  return spec;
}

}  // namespace

SweepSpec load_sweep(const fs::path& file) { return make_sweep(read_ini(file), file); }

SweepSpec parse_sweep(std::string_view text, const fs::path& file) {
  std::istringstream in{std::string(text)};
  return make_sweep(parse_ini(in, file.string()), file);
}

}  // namespace provsim::sweep
