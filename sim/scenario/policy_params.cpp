#include "sim/scenario/policy_params.hpp"

#include <stdexcept>


#include "sim/scenario/units.hpp"

namespace provsim::sim {

std::map<std::string, double, std::less<>> policy_params(const Config& c) {
  std::map<std::string, double, std::less<>> out;
  const std::string text = c.text("ip.policy_params");
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    const std::string item = text.substr(from, comma - from);
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) c.fail("ip.policy_params", "'" + item + "' is not name=number");
    double value = 0;
    try {
      value = parse_number(item.substr(eq + 1));
    } catch (const std::invalid_argument&) {
      c.fail("ip.policy_params", "'" + item + "' is not name=number (a finite decimal number)");
    }
    if (!out.emplace(item.substr(0, eq), value).second)
      c.fail("ip.policy_params", "'" + item.substr(0, eq) + "' is given twice");
    from = comma + 1;
  }
  return out;
}

void check_policy_params(const Config& c, const PolicyRegistry& policies) {
  PolicyOptions options;
  options.extra = policy_params(c);
  if (options.extra.empty()) return;
  const std::string& policy = c.text("ip.policy");
  (void)policies.create(policy, options);
  for (const auto& [name, value] : options.extra) {
    if (options.asked.contains(name)) continue;
    std::string takes;
    for (const auto& asked : options.asked) takes += (takes.empty() ? "" : ", ") + asked;
    c.fail("ip.policy_params", "'" + name + "' is not a parameter of the " + policy + " policy (it takes " +
                                   (takes.empty() ? std::string("none") : takes) + ")");
  }
}

}  // namespace provsim::sim
