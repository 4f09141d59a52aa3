#pragma once
// What `provsim size` writes into its folder, beside the runs:
//   size.json  the question (scenario, key, range, step, targets,
//              confidence, replication cap, overrides, seed), the answer
//              and every candidate tried with its intervals and verdicts;
//   size.csv   one row per candidate and target, in the order tried:
//              order, key, value, replications, metric, op, target, mean,
//              ci_low, ci_high, verdict (the target's), candidate (the
//              candidate's verdict over all targets);
//   size.html  the answer, a chart per target (each candidate's mean and
//              interval against the key's value, the target as a line and
//              the answer marked) and the table; self-contained like
//              report.html, every value escaped for where it goes.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/report_assets.hpp"
#include "reports/results.hpp"
#include "sweep/size_search.hpp"

namespace provsim::sweep {

struct SizeRequest {
  std::filesystem::path scenario;
  std::string key;
  std::string low, high;  // the range as given
  std::string step;       // "1" for an integer key, else the tolerance
  bool largest = false;
  SizeSettings settings;
  std::vector<std::string> set;  // overrides of every run
  std::uint64_t base_seed = 0;
};

// One line: "call_centre.isp_csr.agents = 6 (smallest value meeting every
// target at 95 % confidence)", or that no value in the range meets them.
std::string answer_text(const SizeRequest& request, const SizeOutcome& outcome);

// Notes a reader must see beside the answer: undecided candidates counted
// as failing, an answer at the end of the range (the true one may lie beyond it).
std::vector<std::string> answer_notes(const SizeRequest& request, const SizeOutcome& outcome);

nlohmann::ordered_json size_json(const SizeRequest& request, const SizeOutcome& outcome);
reports::Table size_table(const SizeRequest& request, const SizeOutcome& outcome);
std::string size_html(const SizeRequest& request, const SizeOutcome& outcome, const reports::ReportAssets& assets);

// Writes OUT/size.json, OUT/size.csv and OUT/size.html, each through a
// hidden file renamed into place.
void write_size_outputs(const SizeRequest& request, const SizeOutcome& outcome, const std::filesystem::path& out);

}  // namespace provsim::sweep
