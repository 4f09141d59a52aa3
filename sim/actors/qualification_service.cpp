// The platform's qualification service: asks the NP's
// serviceability database about the line, then lets the model decide the
// tiers, the offer and the token.

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/actors/servers.hpp"
#include "sim/messages.hpp"
#include "sim/rpc.hpp"
#include "sim/world.hpp"

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

void qualification_worker(World& w, int worker) {
  Caller caller("qualification-" + std::to_string(worker));
  const double cost = w.config.number("costs.qualification");
  const double np_timeout = w.config.seconds("qualification.np_timeout");
  while (true) {
    auto request = receive<QualifyRequest>(w.qualification_box());
    ++w.events;
    sg4::this_actor::execute(cost);
    const auto lookup = caller.call<LookupReply>(w.serviceability_box(), LookupRequest{request->payload.line},
                                                 np_timeout, w.message_bytes());
    QualificationResult result =
        w.qualification.qualify(request->payload.line, request->payload.isp, sg4::Engine::get_clock(), lookup.has_value());
    reply(*request, QualifyReply{std::move(result)}, w.message_bytes());
  }
}

void serviceability_worker(World& w, int) {
  const double cost = w.config.number("costs.np_lookup");
  while (true) {
    auto request = receive<LookupRequest>(w.serviceability_box());
    ++w.events;
    sg4::this_actor::execute(cost);
    reply(*request, LookupReply{w.serviceability.line(request->payload.line) != nullptr}, w.message_bytes());
  }
}

}  // namespace provsim::sim
