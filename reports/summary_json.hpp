#pragma once
// summary.json: the run's identity, its summary metrics and its verdicts.
//
//   { "scenario", "seed", "scenario_hash", "version", "simulated_seconds",
//     "events", "wall": { "wall_seconds", "huge_pages" }, "metrics": { sorted dotted keys },
//     "verdicts": [ { "expectation", "actual", "passed" } ]   (only if any) }
//
// Keys keep that order. Everything outside "wall" is the same for the same
// scenario and seed, so two runs can be compared with `jq 'del(.wall)'`.

#include <nlohmann/json.hpp>
#include <string>

#include "reports/results.hpp"

namespace provsim::reports {

// A metric as JSON: numbers as numbers (NaN and infinities become null, as
// JSON has no such numbers), booleans as booleans, text (money) as text.
nlohmann::ordered_json value_json(const Value& v);

nlohmann::ordered_json summary_json(const Results& results);

// The file's text: two-space indented, ending in a newline.
std::string summary_text(const Results& results);

}  // namespace provsim::reports
