#pragma once
// Reads a results folder back into a reports::Results, so `provsim report`
// can write report.html again and `provsim sweep collect` can read runs.
//
// Exact where the files allow it:
// - summary.json keeps each metric's type (integer, double, boolean, text:
//   money stays its decimal text). JSON has no NaN or infinity: a null
//   metric reads back as NaN.
// - A CSV cell is typed by the text the writer gives each type: "true" /
//   "false" a boolean; an integer's decimal text an integer; the shortest
//   round-trip text of a double ("2.0", "0.1", "1e+21", "NaN", "Inf") a
//   double; anything else text. A column holding any decimal that is not a
//   double's shortest text (money: "12.500000") keeps all its plain decimals
//   as text. So writing the Results again gives the same bytes.
// - Tables come in the order report.html lists them (the order the run
//   added them), then any other CSV by name.

#include <filesystem>
#include <string>
#include <vector>

#include "reports/results.hpp"

namespace provsim::reports {

// Throws std::invalid_argument naming the file when summary.json is absent
// or unreadable, or a CSV is malformed.
Results read_results(const std::filesystem::path& dir);

// Only summary.json (info, metrics, verdicts): what a sweep needs.
Results read_summary(const std::filesystem::path& dir);

// Types the cells of one column as described above.
std::vector<Value> typed_column(const std::vector<std::string>& cells);

}  // namespace provsim::reports
