#pragma once
// How much disk a run's results will take, worked out from the scenario
// before the run starts, so a month at ten million subscribers does not
// fail after an hour on a full disk.
//
// An estimate meant to be on the high side: every prospect that arrives on
// a line not yet in service is counted as an order and a subscriber, and
// each table's bytes per row are rounded up from those measured on
// capacity-1m. The tables that grow with a run are invoices.csv (about five
// lines per subscriber per closed cycle), orders.csv (one row per such
// prospect), rated_events.csv (up to rating.rated_events_limit rows),
// audit.csv (when on) and metrics.csv (one row per metrics interval). Until
// the results are written the invoice lines also wait in a binary spool
// (48 bytes a line) beside the results folder.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace provsim::sim {

struct DiskEstimate {
  std::uint64_t results = 0;  // bytes of the results folder, as compressed
  std::uint64_t spool = 0;    // bytes of the invoice spool, held while the results are written
  std::vector<std::pair<std::string, std::uint64_t>> tables;  // the largest parts of `results`, by file

  std::uint64_t total() const { return results + spool; }
};

DiskEstimate estimate_disk(const Scenario& scenario);

// "1.2 GB", "340 MB", "12 kB" (decimal units, as df -H shows them).
std::string bytes_text(std::uint64_t bytes);

}  // namespace provsim::sim
