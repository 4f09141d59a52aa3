#pragma once
// Conformance expectations ("orders.completed >= 950") checked against a
// run's summary metrics. The scenario side reads them from [expect] as
// sim::Expectation; the CLI copies the same four fields into this struct.

#include <map>
#include <string>
#include <vector>

#include "reports/results.hpp"

namespace provsim::reports {

struct Expectation {
  std::string metric;  // dotted metric key
  std::string op;      // one of == != < <= > >=
  std::string value;   // expected value as written
  int line = 0;        // line in scenario.ini, for messages
};

bool is_comparison_operator(const std::string& op);

// "orders.completed >= 950"
std::string expectation_text(const Expectation& e);

// How each metric type is compared:
// - integer: exactly against a decimal expected value ("950", "949.5");
//   an exponent form ("1e3") is compared as a double;
// - double: as doubles;
// - boolean: against true/false, with == and != only;
// - text: when both sides are decimal numbers (money: "12.50" vs "12.5"),
//   exactly as decimals with every operator; otherwise == and != as text.
// A metric that is absent fails with actual "missing". A comparison that
// cannot be made (ordering a boolean, a number against "abc") fails with the
// actual value and the reason. Throws std::invalid_argument for an unknown
// operator (the scenario loader rejects those first).
Verdict evaluate(const Expectation& e, const std::map<std::string, Value>& metrics);

std::vector<Verdict> evaluate(const std::vector<Expectation>& expectations,
                              const std::map<std::string, Value>& metrics);

}  // namespace provsim::reports
