// The platform's qualification service: asks the NP's
// serviceability database about the line, then lets the model decide the
// tiers, the offer and the token from the facts the NP answered with. The
// NP's worker reads those facts (the line's plant, its market, whether its
// office or node has room) from its own database when it answers.

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/actors/qualification_service.hpp"
#include "sim/rpc.hpp"
#include "sim/world.hpp"

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

void qualification_worker(World& w, int worker) {
  Caller<LookupReply> caller("qualification-" + std::to_string(worker));
  const double cost = w.options.qualification.cost;
  const double np_timeout = w.options.qualification.np_timeout;
  while (true) {
    const QualifyCall call = w.qualification_box().receive();
    const QualifyRequest& request = call.request;
    ++w.records().events;
    sg4::this_actor::execute(cost);
    const auto lookup =
        caller.call<LookupReply>(w.serviceability_box(), LookupRequest{request.line}, np_timeout, w.message_bytes());
    const std::optional<LineFacts> none;
    QualificationResult result = w.platform().qualification().qualify(
        request.line, request.isp, sg4::Engine::get_clock(), lookup ? lookup->line : none, lookup.has_value());
    call.answer(QualifyReply{std::move(result)}, w.message_bytes());
  }
}

void serviceability_worker(World& w, int) {
  const double cost = w.options.qualification.lookup_cost;
  while (true) {
    const LookupCall call = w.serviceability_box().receive();
    ++w.records().events;
    sg4::this_actor::execute(cost);
    call.answer(LookupReply{w.parties().serviceability().facts(call.request.line)}, w.message_bytes());
  }
}

}  // namespace provsim::sim
