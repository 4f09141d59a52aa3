#pragma once
// Starts every actor of a run on its host: the platform's components (on
// the platform host, or through the platform's durability so a crash and a
// restart can stop and start them again), the parties' workers, the feeds,
// arrivals, metrics and the fault injector. Called once, after the world is
// built and the initial population loaded, before the engine runs.

namespace provsim::sim {

class World;

void start_actors(World& world);

}  // namespace provsim::sim
