#pragma once
// The catalog tables of a scenario folder: providers.csv, offerings.csv,
// plans.csv and plan_offerings.csv, loaded into a provsim::Catalog with
// every cross-reference checked.

#include <filesystem>

#include "model/catalog/catalog.hpp"

namespace provsim::sim {

Catalog load_catalog(const std::filesystem::path& scenario_dir);

}  // namespace provsim::sim
