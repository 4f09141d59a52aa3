#pragma once
// A comparison as files: compare.csv (one row per group and metric),
// compare.json (the same rows with the inputs, the level and the --fail-on
// outcome) and compare.html, written through temporary files and renames.

#include <filesystem>
#include <string>
#include <vector>

#include "compare/comparison.hpp"
#include "reports/report_assets.hpp"

namespace provsim::compare {

struct GateResult {
  std::vector<std::string> patterns;  // --fail-on globs
  std::vector<std::string> failed;    // "group: metric" that differ significantly
};

std::string compare_csv(const Comparison& c);
std::string compare_json(const Side& a, const Side& b, const Comparison& c, const GateResult& gate);

void write_comparison(const Side& a, const Side& b, const Comparison& c, const GateResult& gate,
                      const reports::ReportAssets& assets, const std::filesystem::path& out);

}  // namespace provsim::compare
