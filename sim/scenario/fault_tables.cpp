#include "sim/scenario/fault_tables.hpp"

#include <algorithm>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/scenario_source.hpp"

namespace provsim::sim {

std::vector<OutageSpec> load_outages(const ScenarioSource& source, const PlatformSpec& platform,
                                     bool platform_durable) {
  std::vector<OutageSpec> outages;
  if (!source.present("outages.csv")) return outages;
  const CsvTable t = CsvTable::read(source, "outages.csv", {"target", "kind", "start", "duration"});
  for (std::size_t row = 0; row < t.size(); ++row) {
    OutageSpec o;
    const Field target = t.field(row, "target");
    o.target = target.as_id();
    auto host = std::find_if(platform.hosts.begin(), platform.hosts.end(),
                             [&](const HostSpec& h) { return h.name == o.target; });
    if (host == platform.hosts.end()) target.fail("unknown host '" + o.target + "' (not in hosts.csv)");
    o.link = t.field(row, "kind").as_choice({"host", "link"}) == "link";
    if (!o.link && host->zone == "platform" && !platform_durable)
      target.fail("the platform host can only be taken down with durability.enabled = true (otherwise its "
                  "actors hold the run's state); take its link down");
    if (!o.link && host->zone == "standby" && !platform_durable)
      target.fail("the standby host can only be taken down with durability.enabled = true (it stands by for "
                  "the platform host's journals); take its link down");
    o.start_s = t.field(row, "start").as_duration();
    o.duration_s = t.field(row, "duration").as_duration();
    if (o.duration_s <= 0) t.field(row, "duration").fail("must be longer than zero");
    outages.push_back(o);
  }
  // Two outages of one target must not overlap: the first to end would
  // bring it back in the middle of the second.
  for (std::size_t a = 0; a < outages.size(); ++a)
    for (std::size_t b = 0; b < a; ++b) {
      const OutageSpec& x = outages[a];
      const OutageSpec& y = outages[b];
      if (x.target == y.target && x.link == y.link && x.start_s < y.start_s + y.duration_s &&
          y.start_s < x.start_s + x.duration_s)
        t.field(a, "start").fail("overlaps the outage of line " + std::to_string(t.line(b)) + " on the same target");
    }
  return outages;
}

}  // namespace provsim::sim
