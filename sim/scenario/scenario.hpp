#pragma once
// A scenario: a folder holding scenario.ini and its CSV tables, loaded and
// validated as a whole before anything runs (sim::load_scenario).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "sim/scenario/config.hpp"
#include "sim/scenario/platform_tables.hpp"

namespace provsim::sim {

struct Scenario {
  std::string name;                  // the folder's name
  std::filesystem::path dir;
  std::string hash;                  // of the files and the effective settings
  std::uint64_t seed = 0;
  Config config;                     // scenario.ini plus overrides
  Catalog catalog;
  PlatformSpec platform;
};

struct LoadOptions {
  std::vector<std::string> overrides;  // "section.key=value"
};

// Loads and checks everything; throws InputError on the first problem.
Scenario load_scenario(const std::filesystem::path& dir, const LoadOptions& options = {});

}  // namespace provsim::sim
