#include "sweep/run_status.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

namespace provsim::sweep {

bool run_complete(const std::filesystem::path& dir, const std::string& hash, std::uint64_t seed) {
  std::ifstream in(dir / "summary.json", std::ios::binary);
  if (!in) return false;
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  const auto h = j.find("scenario_hash");
  const auto s = j.find("seed");
  if (h == j.end() || s == j.end() || !h->is_string() || !s->is_number_unsigned()) return false;
  return s->get<std::uint64_t>() == seed && (hash.empty() || h->get<std::string>() == hash);
}

}  // namespace provsim::sweep
