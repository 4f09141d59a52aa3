#include "sim/parties.hpp"

namespace provsim::sim {

Parties::Parties(const Scenario& s, Rng rng)
    : serviceability_(s.network.serviceability),
      systems_(s.catalog, serviceability_, PartyOptions{s.options.parties.network_failure}, rng) {}

}  // namespace provsim::sim
