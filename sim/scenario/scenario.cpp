#include "sim/scenario/scenario.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include "model/core/random.hpp"
#include "model/money/rounding.hpp"
#include "sim/scenario/address_tables.hpp"
#include "sim/scenario/catalog_tables.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/money_bounds.hpp"
#include "sim/scenario/policy_params.hpp"
#include "sim/scenario/rating_tables.hpp"
#include "sim/scenario/scenario_keys.hpp"
#include "sim/scenario/scenario_source.hpp"
#include "sim/scenario/sut_modes.hpp"
#include "sim/scenario/units.hpp"

namespace provsim::sim {

void check_channel_settings(const Config& c);  // sim/scenario/channel_keys.cpp
void check_durability_settings(const Scenario& tables, const Config& c);  // sim/scenario/durability_keys.cpp

namespace {

// The files a scenario is read from; nothing else in its folder matters.
const std::set<std::string> kScenarioFiles = {
    "scenario.ini",     "providers.csv", "offerings.csv",    "plans.csv",         "plan_offerings.csv",
    "hosts.csv",        "outages.csv",   "lines.csv",        "line_plant.csv",    "offices.csv",
    "cable_nodes.csv",  "access_tiers.csv", "address_blocks.csv", "rating_rules.csv", "Rates.csv",
    "revenue_shares.csv", "events.csv"};

// A hash of the files provsim read (names relative to the scenario, and
// bytes, in name order); the scenario hash continues it with the effective
// settings (scenario_hash), so two runs with the same hash and seed ran the
// same thing. Where the files came from does not count: the same files in
// memory give the hash they give in a folder.
std::uint64_t files_hash(const ScenarioSource& source, const std::vector<std::string>& tariff_plan_files) {
  namespace fs = std::filesystem;
  const fs::path& root = source.root();
  std::vector<std::pair<fs::path, std::string>> files;  // path under the root, name as read
  for (const std::string& name : kScenarioFiles)  // a std::set: in name order
    if (source.is_file(name)) files.emplace_back(root / name, name);
  std::vector<std::pair<fs::path, std::string>> plan_files;
  for (const std::string& name : tariff_plan_files) plan_files.emplace_back(root / name, name);
  std::sort(plan_files.begin(), plan_files.end());
  files.insert(files.end(), plan_files.begin(), plan_files.end());
  std::uint64_t h = fnv1a64("provsim-scenario-v1");
  for (const auto& [path, name] : files) {
    h = fnv1a64(path.lexically_relative(root).generic_string(), h);
    h = fnv1a64(source.read(name), h);
  }
  return h;
}

CgrOptions cgr_options(const Config& c) {
  CgrOptions cgr;
  cgr.global_decimals = static_cast<int>(c.integer("rating.rounding_decimals"));
  cgr.path = c.text("rating.rounding_path") == "debit" ? RoundingPath::kDebit : RoundingPath::kCost;
  return cgr;
}

constexpr double kMaxSamples = 1e6;
constexpr double kMaxCycles = 1e5;
constexpr double kMaxArrivals = 1e8;

void check_settings(const Config& c) {
  check_channel_settings(c);
  for (const char* key : {"workload.daily_profile", "sessions.daily_profile"}) {
    const std::string& profile = c.text(key);
    if (profile == "flat") continue;
    std::stringstream in(profile);
    std::string part;
    int count = 0;
    double sum = 0;
    while (std::getline(in, part, ',')) {
      double w = 0;
      try {
        w = parse_number(part);
      } catch (const std::invalid_argument&) {
        c.fail(key, "expected 'flat' or 24 comma-separated weights, got '" + part + "'");
      }
      if (w < 0) c.fail(key, "weights must not be negative");
      sum += w;
      ++count;
    }
    if (count != 24) c.fail(key, "expected 24 weights, got " + std::to_string(count));
    if (!(sum > 0) && std::string(key) == "sessions.daily_profile") c.fail(key, "at least one weight must be positive");
  }
  if (const std::string& step = c.text("sessions.step"); step != "auto") {
    try {
      if (parse_duration(step) < 0) c.fail("sessions.step", "must not be negative");
    } catch (const std::invalid_argument& e) {
      c.fail("sessions.step", std::string("expected 'auto' or a duration: ") + e.what());
    }
  }
  try {
    (void)SutModes::parse(c.text("sut.mode"));
  } catch (const std::invalid_argument& e) {
    c.fail("sut.mode", e.what());
  }
  check_policy_params(c);
  // What a run keeps in memory grows with these counts; each has a limit far
  // above any study, so a slip of a unit (1s for 1h, 1e9/d) is refused
  // rather than run out of memory.
  const double span = c.seconds("run.duration");
  if (span / c.seconds("run.metrics_interval") > kMaxSamples)
    c.fail("run.metrics_interval", "the run would take more than 1000000 rows of metrics.csv; choose a longer interval");
  if (span / c.seconds("rating.cycle") > kMaxCycles)
    c.fail("rating.cycle", "the run would close more than 100000 billing cycles; choose a longer cycle");
  if (span * c.per_second("workload.arrival_rate") > kMaxArrivals)
    c.fail("workload.arrival_rate", "more than 100000000 prospects would arrive in run.duration");
  if (c.seconds("provisioning.backoff_max") < c.seconds("provisioning.backoff_base"))
    c.fail("provisioning.backoff_max", "must not be shorter than provisioning.backoff_base");
}

// The checks that need the tables as well as the settings, then the hash.
std::string hash_with_settings(const Scenario& tables, const Config& config) {
  check_money_bounds(tables, config);
  check_durability_settings(tables, config);
  char text[17];
  std::snprintf(text, sizeof text, "%016llx",
                static_cast<unsigned long long>(fnv1a64(config.canonical(), tables.files_hash)));
  return text;
}

}  // namespace

std::unique_ptr<Scenario> load_scenario(const std::filesystem::path& dir, const LoadOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw InputError(dir.string(), 0, "", ec ? "not a scenario folder: " + ec.message() : "not a scenario folder");
  }
  return load_scenario(FolderSource(dir), options);
}

std::unique_ptr<Scenario> load_scenario(const ScenarioSource& source, const LoadOptions& options) {
  auto scenario = std::make_unique<Scenario>();
  Scenario& s = *scenario;
  s.dir = source.dir();
  s.name = source.name();
  s.config = Config::parse(source.read("scenario.ini"), source.where("scenario.ini"), scenario_schema(),
                           options.overrides);
  check_settings(s.config);
  s.options = read_run_options(s.config);
  s.seed = s.config.seed("run.seed");
  s.catalog = load_catalog(source);
  s.platform = load_platform(source, s.catalog);
  s.outages = load_outages(source, s.platform, s.config.flag("durability.enabled"));
  s.network = load_network_tables(source, s.catalog);
  s.addresses = load_address_blocks(source, s.catalog);
  s.rating = std::make_unique<RatingTables>(load_rating_tables(source, s.catalog, cgr_options(s.config)));
  s.files_hash = files_hash(source, s.rating->tariff_plan_files);
  s.hash = hash_with_settings(s, s.config);
  return scenario;
}

std::string table_settings(const Config& config) {
  const CgrOptions cgr = cgr_options(config);
  return std::to_string(cgr.global_decimals) + (cgr.path == RoundingPath::kDebit ? " debit" : " cost");
}

std::string check_variant(const Scenario& tables, const Config& config) {
  check_settings(config);
  read_run_options(config);
  return hash_with_settings(tables, config);
}

}  // namespace provsim::sim
