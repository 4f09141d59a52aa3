#pragma once
// The parties' own systems in one run: the network provider's serviceability
// database (its lines, offices and nodes; ports are taken and freed), what
// each party's system holds (sim/party_state.hpp: the NP's ports and speed
// profiles, each ISP's services, each BSP's entitlements, each behind its
// idempotency ledger) and each BSP feed's state that must survive a restart
// of its actor (its next event id, scripted events sent, refunds due).
//
// Owned by the World (sim/world.hpp). The parties' workers change it when a
// provisioning request reaches them (sim/actors/party_systems.cpp), the NP's
// serviceability worker reads a line's facts from it to answer the
// platform's qualification service, and the BSP feeds read it. The parties
// hold no reference into the platform or the channels: what they need comes
// in the request (sim/messages.hpp), and they reach the platform only
// through messages (a BSP's usage goes to the rating engine as event
// batches). The static line plant, as loaded, is the scenario's
// (Scenario::network); this database is the NP's live copy of it.

#include <cstdint>
#include <map>

#include "model/core/random.hpp"
#include "model/qualification/serviceability.hpp"
#include "sim/feed_state.hpp"
#include "sim/party_state.hpp"
#include "sim/scenario/scenario.hpp"

namespace provsim::sim {

class Parties {
 public:
  Parties(const Scenario& scenario, Rng rng);
  Parties(const Parties&) = delete;
  Parties& operator=(const Parties&) = delete;

  // The NP's serviceability database.
  ServiceabilityDb& serviceability() { return serviceability_; }
  const ServiceabilityDb& serviceability() const { return serviceability_; }
  // What each party's system holds.
  PartyState& systems() { return systems_; }
  const PartyState& systems() const { return systems_; }

  // A BSP feed's state, kept here so a feed restarted after an outage of its
  // host goes on where it was and never reuses an event id.
  FeedState& feed(ProviderId bsp) { return feeds_[bsp.value()]; }
  std::uint64_t& next_event_id(ProviderId bsp) { return next_event_[bsp.value()]; }
  const std::map<std::uint16_t, std::uint64_t>& next_event_ids() const { return next_event_; }

 private:
  ServiceabilityDb serviceability_;
  PartyState systems_;
  std::map<std::uint16_t, FeedState> feeds_;           // by BSP
  std::map<std::uint16_t, std::uint64_t> next_event_;  // by BSP
};

}  // namespace provsim::sim
