#include "reports/conservation.hpp"

namespace provsim::reports {

bool is_conservation_check(const std::string& key) {
  const std::string prefix = "check.";
  const std::string last = "conserved";
  if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0) return true;
  if (key == last) return true;
  return key.size() > last.size() && key.compare(key.size() - last.size(), last.size(), last) == 0 &&
         key[key.size() - last.size() - 1] == '.';
}

std::optional<bool> check_passed(const Value& value) {
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  return std::nullopt;
}

}  // namespace provsim::reports
