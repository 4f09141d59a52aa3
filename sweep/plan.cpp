#include "sweep/plan.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "model/core/random.hpp"
#include "sweep/replication_seed.hpp"

namespace provsim::sweep {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

bool plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '+' || c == '-';
}

// Readable and reversible: plain characters stay, '/' (a rate's unit, as in
// 300/d) reads "_per_", and every other byte is percent-encoded ("%2C" for
// ','), as is the '_' that starts a literal "_per_", so two values never
// share a name.
std::string folder_part(const std::string& value) {
  static const char* const kHex = "0123456789ABCDEF";
  const std::string per = "_per_";
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    const bool literal_per = c == '_' && value.compare(i, per.size(), per) == 0;
    if (c == '/') out += per;
    else if (plain(static_cast<char>(c)) && !literal_per) out += static_cast<char>(c);
    else out += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  return value.empty() ? "%" : out;  // "%" alone: the empty value (no byte encodes to it)
}

}  // namespace

std::string point_name(const std::vector<Axis>& axes, const std::vector<std::string>& values) {
  if (axes.empty()) return "base";
  std::string name, exact;
  for (std::size_t i = 0; i < axes.size(); ++i) {
    name += (i ? "," : "") + folder_part(axes[i].key) + "=" + folder_part(values[i]);
    exact += axes[i].key + "=" + values[i] + '\n';
  }
  // A folder name has at most 255 bytes: a long one is cut, and a hash of
  // the exact keys and values keeps it distinct.
  if (name.size() > kMaxPointName) {
    char hash[10];
    std::snprintf(hash, sizeof hash, "~%08x", static_cast<unsigned>(fnv1a64(exact) & 0xffffffffu));
    name = name.substr(0, kMaxPointName - 9) + hash;
  }
  return name;
}

std::vector<std::string> Plan::overrides(const PlannedRun& run) const {
  std::vector<std::string> out = fixed;
  for (std::size_t i = 0; i < axes.size(); ++i) out.push_back(axes[i].key + "=" + points[run.point].values[i]);
  out.push_back("run.seed=" + std::to_string(run.seed));
  return out;
}

Plan make_plan(const SweepSpec& spec, std::uint64_t base_seed) {
  Plan plan;
  plan.name = spec.name;
  plan.scenario = spec.scenario;
  plan.base_seed = base_seed;
  plan.replications = spec.replications;
  plan.fixed = spec.fixed;
  plan.axes = spec.axes;
  plan.x = spec.x;
  plan.plot = spec.plot;
  // The product of the axes, like an odometer: the last axis turns fastest.
  std::vector<std::size_t> at(spec.axes.size(), 0);
  while (true) {
    GridPoint p;
    for (std::size_t i = 0; i < at.size(); ++i) p.values.push_back(spec.axes[i].values[at[i]]);
    p.name = point_name(spec.axes, p.values);
    plan.points.push_back(std::move(p));
    std::size_t i = at.size();
    while (i > 0 && ++at[i - 1] == spec.axes[i - 1].values.size()) at[--i] = 0;
    if (i == 0) break;
  }
  for (std::size_t p = 0; p < plan.points.size(); ++p)
    for (std::size_t r = 0; r < spec.replications; ++r)
      plan.runs.push_back(PlannedRun{p, r, replication_seed(base_seed, r),
                                     plan.points[p].name + ",rep=" + std::to_string(r), ""});
  return plan;
}

std::vector<std::size_t> slice(std::size_t runs, std::size_t task, std::size_t tasks) {
  if (tasks == 0 || task >= tasks) throw std::invalid_argument("task " + std::to_string(task) + " of " +
                                                               std::to_string(tasks) + " does not exist");
  std::vector<std::size_t> out;
  for (std::size_t i = runs * task / tasks; i < runs * (task + 1) / tasks; ++i) out.push_back(i);
  return out;
}

fs::path run_dir(const fs::path& out, const PlannedRun& run) { return out / "runs" / run.name; }

Json plan_json(const Plan& plan) {
  Json j;
  j["sweep"] = plan.name;
  j["scenario"] = plan.scenario.string();
  j["base_seed"] = plan.base_seed;
  j["replications"] = plan.replications;
  j["set"] = plan.fixed;
  Json axes = Json::array();
  for (const auto& a : plan.axes) axes.push_back({{"key", a.key}, {"values", a.values}});
  j["grid"] = std::move(axes);
  j["x"] = plan.x;
  j["plot"] = plan.plot;
  Json points = Json::array();
  for (const auto& p : plan.points) points.push_back({{"name", p.name}, {"values", p.values}});
  j["points"] = std::move(points);
  Json runs = Json::array();
  for (const auto& r : plan.runs)
    runs.push_back({{"name", r.name}, {"point", r.point}, {"replication", r.replication}, {"seed", r.seed},
                    {"scenario_hash", r.hash}});
  j["runs"] = std::move(runs);
  return j;
}

Plan plan_from_json(const Json& j) {
  Plan plan;
  plan.name = j.at("sweep").get<std::string>();
  plan.scenario = j.at("scenario").get<std::string>();
  plan.base_seed = j.at("base_seed").get<std::uint64_t>();
  plan.replications = j.at("replications").get<std::size_t>();
  plan.fixed = j.at("set").get<std::vector<std::string>>();
  for (const auto& a : j.at("grid")) plan.axes.push_back(Axis{a.at("key").get<std::string>(), a.at("values").get<std::vector<std::string>>()});
  plan.x = j.value("x", std::string());
  plan.plot = j.value("plot", std::vector<std::string>{});
  for (const auto& p : j.at("points")) plan.points.push_back(GridPoint{p.at("values").get<std::vector<std::string>>(), p.at("name").get<std::string>()});
  for (const auto& r : j.at("runs")) {
    PlannedRun run{r.at("point").get<std::size_t>(), r.at("replication").get<std::size_t>(), r.at("seed").get<std::uint64_t>(),
                    r.at("name").get<std::string>(), r.value("scenario_hash", std::string())};
    if (run.point >= plan.points.size()) throw std::invalid_argument("run " + run.name + " names no grid point");
    plan.runs.push_back(std::move(run));
  }
  return plan;
}

void write_plan(const Plan& plan, const fs::path& out) {
  fs::create_directories(out);
  const fs::path file = out / "sweep.json";
  // Slurm tasks on several hosts may write the same plan at once: each through its own file.
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  const fs::path partial = out / (".sweep.json.partial-" + std::string(host) + "-" + std::to_string(::getpid()));
  {
    std::ofstream f(partial, std::ios::binary | std::ios::trunc);
    f << plan_json(plan).dump(2) << "\n";
    f.flush();
    if (!f) throw std::runtime_error("cannot write " + partial.string());
  }
  fs::rename(partial, file);
}

Plan read_plan(const fs::path& out) {
  const fs::path file = out / "sweep.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument(file.string() + ": no sweep here (sweep.json is missing)");
  try {
    return plan_from_json(Json::parse(in));
  } catch (const Json::exception& e) {
    throw std::invalid_argument(file.string() + ": " + e.what());
  }
}

}  // namespace provsim::sweep
