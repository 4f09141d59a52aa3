// The systems that carry out provisioning requests: the parties' (the NP's
// device provisioning, each ISP's services, each BSP's entitlement system)
// and the platform's own (the IP address server's binding desk, billing). A
// worker spends the request's cost on its system's host, then lets the
// system's state carry the request out idempotently: the parties' in
// sim/party_state, the platform's in sim/binding_desk and sim/billing_desk.

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include "sim/actors/party_systems.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/rpc.hpp"
#include "sim/world.hpp"

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

namespace {

// The system whose state the request is for.
PartyAnswer carry_out(World& w, const TaskRequest& task, SimTime now) {
  switch (task.request.adapter) {
    case AdapterKind::kAddress: return w.platform().bindings().handle(task, now);
    case AdapterKind::kBilling: return w.platform().billing().handle(task, now);
    case AdapterKind::kNetwork:
    case AdapterKind::kIsp:
    case AdapterKind::kBsp: break;
  }
  return w.parties().systems().handle(task);
}

}  // namespace

void party_worker(World& w, AdapterKind adapter, ProviderId party, int worker) {
  const Mailbox<TaskCall> box = w.party_box(adapter, party);
  const double cost = w.options.parties.task_cost;
  const double mean_time = w.options.parties.answer_time[static_cast<std::size_t>(adapter)];
  Rng rng = w.stream("party-" + std::string(to_string(adapter)) + "-" + std::to_string(party.valid() ? party.value() : 0) +
                     "-" + std::to_string(worker));
  // Faults (sim/faults.hpp) draw from their own stream, so a scenario
  // without them sees exactly the draws it saw before they existed.
  Rng fault_rng = w.stream("faults-" + std::string(to_string(adapter)) + "-" +
                           std::to_string(party.valid() ? party.value() : 0) + "-" + std::to_string(worker));
  const std::string host = sg4::this_actor::get_host()->get_name();
  // The platform's own party systems write a change before answering it.
  PlatformDurability* durability = w.platform().durability();
  Journal* journal = nullptr;
  if (durability && adapter == AdapterKind::kAddress) journal = &durability->bindings();
  if (durability && adapter == AdapterKind::kBilling) journal = &durability->rating();
  while (true) {
    const TaskCall call = box.receive();
    ++w.records().events;
    const Request& r = call.request.request;
    if (w.faults().lost_to_outage(host, r.sent_at)) {  // it waited in a queue the outage wiped
      ++w.faults().counts.dropped_by_outage;
      continue;
    }
    if (w.faults().lose(adapter, fault_rng)) {
      ++w.faults().counts.lost_requests;
      continue;
    }
    sg4::this_actor::execute(cost);
    if (mean_time > 0) sg4::this_actor::sleep_for(rng.exponential(mean_time));
    PartyAnswer answer;
    if (!r.compensation && w.faults().refuse(adapter, fault_rng)) {
      ++w.faults().counts.refused;
      answer = PartyAnswer{Outcome::kPermanentError, "refused"};
    } else {
      answer = carry_out(w, call.request, sg4::Engine::get_clock());
      if (durability && answer.reason == "repeated") durability->task_repeated(r.key);
      if (journal && answer.reason != "repeated") journal->wait_durable(journal->append(durability->record_bytes()));
    }
    if (w.faults().lose(adapter, fault_rng)) {  // done, but the answer never arrives
      ++w.faults().counts.lost_replies;
      continue;
    }
    call.answer(TaskReply{r.id, answer.outcome, answer.reason}, w.message_bytes());
  }
}

}  // namespace provsim::sim
