#pragma once
// How one component is put under test: where its system runs, whether its
// answers drive the simulation, how long to wait for each, how many
// divergences to keep in full.

#include <cstddef>
#include <cstdint>

#include "sim/scenario/sut_modes.hpp"
#include "sut/http/sut_client.hpp"

namespace provsim::sut {

using sim::SutMode;

struct HarnessOptions {
  SutAddress address;
  SutMode mode = SutMode::kShadow;
  double timeout_seconds = 5;
  std::size_t keep_divergences = 100;  // kept in full in divergences.csv
};

}  // namespace provsim::sut
