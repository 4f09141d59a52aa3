#include "sim/scenario/scenario_variants.hpp"

#include "sim/scenario/scenario_keys.hpp"

namespace provsim::sim {

ScenarioVariants::ScenarioVariants(const std::filesystem::path& dir, const std::vector<std::string>& overrides)
    : dir_(dir), base_(load_scenario(dir, {overrides})), loads_(1) {
  ini_ = Config::load(dir / "scenario.ini", scenario_schema(), {});
}

std::string ScenarioVariants::hash(const std::vector<std::string>& overrides) {
  const Config config = ini_.with(overrides);
  const std::string key = table_settings(config);
  const Scenario* tables = base_.get();
  if (key != table_settings(base_->config)) {
    auto& loaded = by_table_settings_[key];
    if (!loaded) {
      loaded = load_scenario(dir_, {overrides});
      ++loads_;
    }
    tables = loaded.get();
  }
  return check_variant(*tables, config);
}

}  // namespace provsim::sim
