#pragma once
// The columns of metrics.csv: orders, adapters, ports, rating, each address
// pool, the call centres and (with durability) whether the platform is
// down, each a Series (sim/series.hpp) read at every sample. Registered in
// the run's records once the world is built.

namespace provsim::sim {

class World;

void register_metric_series(World& world);

}  // namespace provsim::sim
