#pragma once
// A scenario: a folder holding scenario.ini and its CSV tables, loaded and
// validated as a whole before anything runs (sim::load_scenario). The same
// files may come from memory instead (scenario_source.hpp).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "model/address/address_plan.hpp"
#include "model/catalog/catalog.hpp"
#include "sim/scenario/config.hpp"
#include "sim/scenario/fault_tables.hpp"
#include "sim/scenario/network_tables.hpp"
#include "sim/scenario/platform_tables.hpp"
#include "sim/scenario/rating_tables.hpp"
#include "sim/scenario/run_options.hpp"

namespace provsim::sim {

// Held by pointer (load_scenario returns a unique_ptr): the rating book and
// other tables refer to the catalog, which must not move.
struct Scenario {
  Scenario() = default;
  Scenario(const Scenario&) = delete;
  Scenario& operator=(const Scenario&) = delete;

  std::string name;                  // the folder's name
  std::filesystem::path dir;         // the folder, absolute ("memory:NAME" for files in memory)
  std::string hash;                  // of the files and the effective settings
  std::uint64_t files_hash = 0;      // of the files alone: `hash` continues it with the settings
  std::uint64_t seed = 0;
  Config config;                     // scenario.ini plus overrides
  RunOptions options;                // the settings of `config`, each read once (run_options.hpp)
  Catalog catalog;
  PlatformSpec platform;
  NetworkData network;               // lines, offices, nodes, access tiers
  AddressPlan addresses;             // address blocks of the ISPs and the NP reserve
  std::unique_ptr<RatingTables> rating;  // rating rules and revenue shares
  std::vector<OutageSpec> outages;   // outages.csv (optional): scheduled host and link outages
};

struct LoadOptions {
  std::vector<std::string> overrides;  // "section.key=value"
};

class ScenarioSource;

// Loads and checks everything; throws InputError on the first problem.
std::unique_ptr<Scenario> load_scenario(const std::filesystem::path& dir, const LoadOptions& options = {});
// The same from any source of the files (the folder's files, or files in memory).
std::unique_ptr<Scenario> load_scenario(const ScenarioSource& source, const LoadOptions& options = {});

// What load_scenario checks of the settings, and the hash it gives, for
// `config` (the scenario.ini with other overrides) against the tables of
// `tables`, which must have been read with the same table_settings: a
// sweep checks every run's overrides this way without reading the tables
// again. Throws InputError on the first problem.
std::string check_variant(const Scenario& tables, const Config& config);

// The settings that change how the tables are read (rating.rounding_*).
std::string table_settings(const Config& config);

}  // namespace provsim::sim
