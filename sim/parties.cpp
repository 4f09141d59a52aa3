#include "sim/parties.hpp"

namespace provsim::sim {

Parties::Parties(const Scenario& s, RatingPort& rating, AddressPort& addresses, Rng rng)
    : serviceability_(s.network.serviceability),
      systems_(s.catalog, serviceability_, rating, addresses, PartyOptions{s.options.parties.network_failure}, rng) {}

}  // namespace provsim::sim
