// The party systems that carry out provisioning requests (SPEC 2.2 step 5):
// the NP's device provisioning, the IP address server's binding, each ISP's
// services, each BSP's entitlement system and the platform's billing. A
// worker spends the request's cost on its party's host, then lets the
// party's own state (sim/party_state) carry the request out idempotently.

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/actors/servers.hpp"
#include "sim/messages.hpp"
#include "sim/rpc.hpp"
#include "sim/world.hpp"

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

namespace {

double service_time(const World& w, AdapterKind adapter) {
  switch (adapter) {
    case AdapterKind::kNetwork: return w.config.seconds("parties.network_time");
    case AdapterKind::kAddress: return w.config.seconds("parties.address_time");
    case AdapterKind::kIsp: return w.config.seconds("parties.isp_time");
    case AdapterKind::kBsp: return w.config.seconds("parties.bsp_time");
    case AdapterKind::kBilling: return w.config.seconds("parties.billing_time");
  }
  return 0;
}

}  // namespace

void party_worker(World& w, AdapterKind adapter, ProviderId party, int worker) {
  sg4::Mailbox* box = w.party_box(adapter, party);
  const double cost = w.config.number("costs.task");
  const double mean_time = service_time(w, adapter);
  Rng rng = w.stream("party-" + std::string(to_string(adapter)) + "-" + std::to_string(party.valid() ? party.value() : 0) +
                     "-" + std::to_string(worker));
  while (true) {
    auto message = receive<TaskRequest>(box);
    ++w.events;
    sg4::this_actor::execute(cost);
    if (mean_time > 0) sg4::this_actor::sleep_for(rng.exponential(mean_time));
    const Request& r = message->payload.request;
    const PartyAnswer answer = w.parties.handle(r, sg4::Engine::get_clock(), w.workflow.store());
    reply(*message, TaskReply{r.id, answer.outcome, answer.reason}, w.message_bytes());
  }
}

}  // namespace provsim::sim
