#pragma once
// Writes a run's results folder: summary.json, one <table>.csv per Results
// table, and report.html. The same Results give the same bytes, except the
// wall-clock fields (summary.json "wall", the report's wall time).

#include <filesystem>

#include "reports/report_assets.hpp"
#include "reports/results.hpp"

namespace provsim::reports {

// Creates dir if needed. Throws std::invalid_argument before writing
// anything if a table is malformed (bad name, duplicate name, ragged row),
// std::runtime_error if a file cannot be written.
void write_all(const Results& results, const std::filesystem::path& dir);

// The same with the chart libraries given (tests; a relocated install).
void write_all(const Results& results, const std::filesystem::path& dir, const ReportAssets& assets);

}  // namespace provsim::reports
