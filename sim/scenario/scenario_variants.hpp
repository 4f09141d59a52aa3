#pragma once
// One scenario under many sets of overrides, as a sweep plans its runs:
// the folder's tables are read and hashed once, and each set of overrides
// is checked against them the way load_scenario would check it, giving the
// same scenario hash the run will report. Only overrides that change how the
// tables are read (rating.rounding_*) read them again, once per distinct
// value.

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/config.hpp"
#include "sim/scenario/scenario.hpp"

namespace provsim::sim {

class ScenarioVariants {
 public:
  // Loads the scenario in `dir` with `overrides`; throws InputError.
  ScenarioVariants(const std::filesystem::path& dir, const std::vector<std::string>& overrides);

  const Scenario& base() const { return *base_; }
  // The hash of the scenario loaded with `overrides` (after scenario.ini
  // alone, not after the constructor's); throws InputError where
  // load_scenario would.
  std::string hash(const std::vector<std::string>& overrides);
  // How many times the tables were read (for tests: not once per variant).
  std::size_t table_loads() const { return loads_; }

 private:
  std::filesystem::path dir_;
  Config ini_;  // scenario.ini without overrides
  std::unique_ptr<Scenario> base_;
  std::map<std::string, std::unique_ptr<Scenario>> by_table_settings_;
  std::size_t loads_ = 0;
};

}  // namespace provsim::sim
