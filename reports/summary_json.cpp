#include "reports/summary_json.hpp"

namespace provsim::reports {

nlohmann::ordered_json value_json(const Value& v) {
  struct Visitor {
    nlohmann::ordered_json operator()(std::int64_t i) const { return i; }
    nlohmann::ordered_json operator()(double d) const { return d; }  // dump() writes NaN/Inf as null
    nlohmann::ordered_json operator()(bool b) const { return b; }
    nlohmann::ordered_json operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, v);
}

nlohmann::ordered_json summary_json(const Results& results) {
  const RunInfo& info = results.info;
  nlohmann::ordered_json j;
  j["scenario"] = info.scenario;
  j["seed"] = info.seed;
  j["scenario_hash"] = info.scenario_hash;
  j["version"] = info.version;
  j["simulated_seconds"] = info.simulated_seconds;
  j["events"] = info.events;
  j["wall"] = nlohmann::ordered_json{{"wall_seconds", info.wall_seconds}, {"huge_pages", info.huge_pages}};
  auto metrics = nlohmann::ordered_json::object();
  for (const auto& [key, value] : results.metrics) metrics[key] = value_json(value);
  j["metrics"] = std::move(metrics);
  if (!results.verdicts.empty()) {
    auto verdicts = nlohmann::ordered_json::array();
    for (const auto& v : results.verdicts)
      verdicts.push_back({{"expectation", v.expectation}, {"actual", v.actual}, {"passed", v.passed}});
    j["verdicts"] = std::move(verdicts);
  }
  return j;
}

std::string summary_text(const Results& results) {
  // Invalid UTF-8 in a name is replaced rather than thrown: the run's data matter more.
  return summary_json(results).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace provsim::reports
