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

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

void PartyWorker::operator()() {
  const AdapterKind adapter = target_.adapter;
  const ProviderId party = target_.party;
  const Mailbox<TaskCall> box = context_.party_box(adapter, party);
  const double mean_time = options_.answer_time[static_cast<std::size_t>(adapter)];
  Rng rng = context_.stream("party-" + std::string(to_string(adapter)) + "-" +
                            std::to_string(party.valid() ? party.value() : 0) + "-" + std::to_string(worker_));
  // Faults (sim/faults.hpp) draw from their own stream, so a scenario
  // without them sees exactly the draws it saw before they existed.
  Rng fault_rng = context_.stream("faults-" + std::string(to_string(adapter)) + "-" +
                                  std::to_string(party.valid() ? party.value() : 0) + "-" + std::to_string(worker_));
  const std::string host = sg4::this_actor::get_host()->get_name();
  while (true) {
    const TaskCall call = box.receive();
    records_.count_event();
    const Request& r = call.request.request;
    if (faults_.lost_to_outage(host, r.sent_at)) {  // it waited in a queue the outage wiped
      ++faults_.counts.dropped_by_outage;
      continue;
    }
    if (faults_.lose(adapter, fault_rng)) {
      ++faults_.counts.lost_requests;
      continue;
    }
    sg4::this_actor::execute(options_.task_cost);
    if (mean_time > 0) sg4::this_actor::sleep_for(rng.exponential(mean_time));
    PartyAnswer answer;
    std::uint64_t record = 0;  // the platform's desks: the journal record of the change
    if (!r.compensation && faults_.refuse(adapter, fault_rng)) {
      ++faults_.counts.refused;
      answer = PartyAnswer{Outcome::kPermanentError, "refused"};
    } else {
      answer = target_.desk(call.request, sg4::Engine::get_clock());
      if (durability_ && answer.reason == "repeated") durability_->task_repeated(r.key);
      // The platform's own desks write a change before answering it (sync:
      // the worker waits; group: the answer waits; none: nothing waits).
      if (journal_ && answer.reason != "repeated") {
        record = journal_->append(durability_->record_bytes());
        if (adapter == AdapterKind::kAddress) durability_->binding_recorded(record);
        if (adapter == AdapterKind::kBilling) durability_->billing_recorded(record, r.key);
        if (journal_->mode() == CommitMode::kSync) journal_->wait_durable(record);
      }
    }
    if (faults_.lose(adapter, fault_rng)) {  // done, but the answer never arrives
      ++faults_.counts.lost_replies;
      continue;
    }
    const TaskReply reply{r.id, answer.outcome, answer.reason};
    const double bytes = context_.message_bytes();
    if (record != 0 && journal_->mode() == CommitMode::kGroup) {
      journal_->hold(record, [to = call.reply_to, reply, bytes] { to.send(reply, bytes); });
      continue;
    }
    call.answer(reply, bytes);
  }
}

}  // namespace provsim::sim
