// The platform's qualification service: asks the NP's
// serviceability database about the line, then lets the model decide the
// tiers, the offer and the token from the facts the NP answered with. The
// NP's worker reads those facts (the line's plant, its market, whether its
// office or node has room) from its own database when it answers.

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/actors/qualification_service.hpp"
#include "sim/rpc.hpp"
#include "sim/platform_components.hpp"

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

void QualificationWorker::operator()() {
  Caller<LookupReply> caller("qualification-" + std::to_string(worker_));
  while (true) {
    const QualifyCall call = context_.qualification_box().receive();
    const QualifyRequest& request = call.request;
    records_.count_event();
    sg4::this_actor::execute(options_.cost);
    const auto lookup = caller.call<LookupReply>(context_.serviceability_box(), LookupRequest{request.line},
                                                 options_.np_timeout, context_.message_bytes());
    const std::optional<LineFacts> none;
    QualificationResult result = platform_.qualification().qualify(
        request.line, request.isp, sg4::Engine::get_clock(), lookup ? lookup->line : none, lookup.has_value());
    call.answer(QualifyReply{std::move(result)}, context_.message_bytes());
  }
}

void ServiceabilityWorker::operator()() {
  while (true) {
    const LookupCall call = context_.serviceability_box().receive();
    records_.count_event();
    sg4::this_actor::execute(options_.lookup_cost);
    call.answer(LookupReply{np_.facts(call.request.line)}, context_.message_bytes());
  }
}

}  // namespace provsim::sim
