#pragma once
// The population provisioned before the run starts (population.initial):
// subscribers loaded in bulk, consistent across every party's system and
// the platform's store, so a study needs no warm-up period.

namespace provsim::sim {

class World;

// Call after the World is built and before the simulation runs.
void preload_population(World& world);

}  // namespace provsim::sim
