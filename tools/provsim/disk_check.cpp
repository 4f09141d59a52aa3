#include "tools/provsim/disk_check.hpp"

#include <iostream>
#include <string>
#include <system_error>

#include "reports/output_folder.hpp"
#include "sim/disk_estimate.hpp"

namespace provsim::cli {

namespace fs = std::filesystem;

namespace {

// The results folder may not exist yet: its filesystem is that of the
// nearest folder above it that does.
fs::path existing_ancestor(fs::path p) {
  std::error_code ec;
  while (!p.empty() && !fs::exists(p, ec) && p.has_parent_path() && p.parent_path() != p) p = p.parent_path();
  return p;
}

}  // namespace

void check_disk(const sim::Scenario& scenario, const fs::path& out, bool quiet) {
  const sim::DiskEstimate e = sim::estimate_disk(scenario);
  // The results are written beside `out` before they replace it, and the
  // spool lies beside them: all of it on the filesystem of out's parent.
  const fs::path where = existing_ancestor(out.parent_path());
  std::error_code ec;
  const fs::space_info space = fs::space(where, ec);
  const bool known = !ec;
  std::string parts;
  for (const auto& [table, bytes] : e.tables) {
    if (parts.size() > 60) break;
    parts += (parts.empty() ? "" : ", ") + table + " " + sim::bytes_text(bytes);
  }
  if (!quiet) {
    std::cerr << "disk: the results need about " << sim::bytes_text(e.results) << " (" << parts << ")";
    if (e.spool > 0) std::cerr << ", and the invoice spool " << sim::bytes_text(e.spool) << " while they are written";
    if (known) std::cerr << "; " << sim::bytes_text(space.available) << " free on " << where.string();
    std::cerr << "\n";
  }
  if (!known || !scenario.config.flag("output.disk_check") || space.available >= e.total()) return;
  throw reports::OutputRefused(
      out.string() + ": not enough disk: the run needs about " + sim::bytes_text(e.total()) + " (results " +
      sim::bytes_text(e.results) + ", invoice spool " + sim::bytes_text(e.spool) + ") and " + where.string() +
      " has " + sim::bytes_text(space.available) +
      " free; free some space, write elsewhere (--out), compress the tables (--set output.compression=zstd) or "
      "run anyway (--set output.disk_check=false)");
}

}  // namespace provsim::cli
