// Scenario keys of how the results are written: compression of the tables
// and the check that the disk can hold them. They change no simulated
// figure, so they stay out of the scenario hash (Config::canonical).
// See docs/performance.md, "Outputs at scale".
#include "sim/scenario/scenario_keys.hpp"

namespace provsim::sim {

void declare_output_keys(ConfigSchema& s) {
  s.choice("output.compression", "none", {"none", "gzip", "zstd"},
           "how the result tables are written: plain <table>.csv, or compressed while written as <table>.csv.gz "
           "(gzip, fastest level) or <table>.csv.zst (zstd, level 3); summary.json and report.html stay plain");
  s.flag("output.disk_check", true,
         "before the run, estimate the disk the results and the invoice spool need and refuse to start (exit 2) "
         "when the results' filesystem has less free space");
}

}  // namespace provsim::sim
