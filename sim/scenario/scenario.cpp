#include "sim/scenario/scenario.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "model/core/random.hpp"
#include "sim/scenario/address_tables.hpp"
#include "sim/scenario/catalog_tables.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/rating_tables.hpp"
#include "sim/scenario/scenario_keys.hpp"
#include "sim/scenario/units.hpp"

namespace provsim::sim {

void check_channel_settings(const Config& c);  // sim/scenario/channel_keys.cpp

namespace {

// A hash of every file in the folder (names and bytes, in name order) and of
// the effective settings, so two runs with the same hash and seed ran the
// same thing.
std::string scenario_hash(const std::filesystem::path& dir, const Config& config) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::uint64_t h = fnv1a64("provsim-scenario-v1");
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    h = fnv1a64(f.filename().string(), h);
    h = fnv1a64(bytes.str(), h);
  }
  h = fnv1a64(config.canonical(), h);
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

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
  if (c.seconds("provisioning.backoff_max") < c.seconds("provisioning.backoff_base"))
    c.fail("provisioning.backoff_max", "must not be shorter than provisioning.backoff_base");
}

}  // namespace

std::unique_ptr<Scenario> load_scenario(const std::filesystem::path& dir, const LoadOptions& options) {
  if (!std::filesystem::is_directory(dir)) throw InputError(dir.string(), 0, "", "not a scenario folder");
  auto scenario = std::make_unique<Scenario>();
  Scenario& s = *scenario;
  s.dir = std::filesystem::weakly_canonical(dir);
  s.name = s.dir.filename().string();
  s.config = Config::load(dir / "scenario.ini", scenario_schema(), options.overrides);
  check_settings(s.config);
  s.seed = static_cast<std::uint64_t>(s.config.integer("run.seed"));
  s.catalog = load_catalog(dir);
  s.platform = load_platform(dir, s.catalog);
  s.outages = load_outages(dir, s.platform);
  s.network = load_network_tables(dir, s.catalog);
  s.addresses = load_address_blocks(dir, s.catalog);
  CgrOptions cgr;
  cgr.global_decimals = static_cast<int>(s.config.integer("rating.rounding_decimals"));
  cgr.path = s.config.text("rating.rounding_path") == "debit" ? RoundingPath::kDebit : RoundingPath::kCost;
  s.rating = std::make_unique<RatingTables>(load_rating_tables(dir, s.catalog, cgr));
  s.hash = scenario_hash(dir, s.config);
  return scenario;
}

}  // namespace provsim::sim
