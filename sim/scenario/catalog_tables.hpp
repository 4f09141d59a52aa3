#pragma once
// The catalog tables of a scenario: providers.csv, offerings.csv,
// plans.csv and plan_offerings.csv, loaded into a provsim::Catalog with
// every cross-reference checked.

#include "model/catalog/catalog.hpp"

namespace provsim::sim {

class ScenarioSource;

Catalog load_catalog(const ScenarioSource& source);

}  // namespace provsim::sim
