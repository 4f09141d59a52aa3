#pragma once
// outages.csv (optional): scheduled outages. Each row takes a host of
// hosts.csv, or that host's link to the backbone, down from `start` for
// `duration` (simulated time from the start of the run):
//
//   target,kind,start,duration
//   netco-1,host,12h,2h
//   games-1,link,1d,30m
//
// The platform host cannot be taken down: its actors (the provisioning
// manager, the rating engine, the IP address server) hold the run's state.

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
// file, line and field for a bad row.
std::vector<OutageSpec> load_outages(const std::filesystem::path& scenario_dir, const PlatformSpec& platform);

}  // namespace provsim::sim
