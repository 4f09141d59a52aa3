// Fuzzes scenario.ini and the --set overrides (sim/scenario/config) against
// the real scenario schema. The input is the text of scenario.ini; a line
// "%%set" ends it, and each line after it is one "section.key=value"
// override. A loaded config must give every key back as its type.
// InputError is the documented error; anything else is a finding.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/config.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_keys.hpp"

namespace {

using namespace provsim::sim;

constexpr std::string_view kSetMarker = "\n%%set\n";

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

void read_every_key(const Config& config, const ConfigSchema& schema) {
  for (const KeySpec& key : schema.keys()) {
    switch (key.type) {
      case KeyType::kInt: config.integer(key.name); break;
      case KeyType::kNumber:
      case KeyType::kProbability: config.number(key.name); break;
      case KeyType::kDuration: config.seconds(key.name); break;
      case KeyType::kRate: config.per_second(key.name); break;
      case KeyType::kBool: config.flag(key.name); break;
      case KeyType::kText:
      case KeyType::kChoice: config.text(key.name); break;
      case KeyType::kMoney: config.money(key.name); break;
      case KeyType::kSeed: config.seed(key.name); break;
    }
    config.origin(key.name);
  }
  config.canonical();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  if (const auto at = text.find(kSetMarker); at != std::string_view::npos) {
    overrides = split_lines(text.substr(at + kSetMarker.size()));
    text = text.substr(0, at + 1);
  }
  const ConfigSchema& schema = scenario_schema();
  try {
    const Config config = Config::parse(text, "scenario.ini", schema, overrides);
    read_every_key(config, schema);
  } catch (const InputError&) {
  }
  return 0;
}
