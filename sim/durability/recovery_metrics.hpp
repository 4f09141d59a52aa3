#pragma once
// The results of a run with durability: each journal's writes, and what
// the platform's crashes cost and how it recovered (recovery.*), with the
// checks that hold across a crash.

#include "reports/results.hpp"

namespace provsim::sim {

class World;

// Adds nothing when durability is off.
void recovery_metrics(reports::Results& results, const World& world);

}  // namespace provsim::sim
