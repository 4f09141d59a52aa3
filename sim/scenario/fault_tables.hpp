#pragma once
// outages.csv (optional): scheduled outages. Each row takes a host of
// hosts.csv, or that host's link to the backbone, down from `start` for
// `duration` (simulated time from the start of the run):
//
//   target,kind,start,duration
//   netco-1,host,12h,2h
//   games-1,link,1d,30m
//
// The platform host can be taken down only when its components keep their
// state on disk (durability.enabled): it then crashes and restarts
// (sim/durability/platform_durability.hpp).

#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/platform_tables.hpp"

namespace provsim::sim {

struct OutageSpec {
  std::string target;  // a host name of hosts.csv
  bool link = false;   // the host's uplink rather than the host itself
  double start_s = 0;
  double duration_s = 0;
};

// Nothing when the scenario has no outages.csv. Throws InputError naming
// file, line and field for a bad row. `platform_durable`: the platform host
// may be a target.
class ScenarioSource;

std::vector<OutageSpec> load_outages(const ScenarioSource& source, const PlatformSpec& platform,
                                     bool platform_durable);

}  // namespace provsim::sim
