#pragma once
// The systems that carry out provisioning requests (TaskCall,
// sim/messages.hpp): the parties' (what each holds is in sim/parties.hpp)
// and the platform's binding desk and billing (sim/platform_components.hpp).

#include <functional>

#include "model/core/strong_id.hpp"
#include "model/provisioning/task.hpp"
#include "sim/faults.hpp"
#include "sim/messages.hpp"
#include "sim/party_answer.hpp"
#include "sim/records.hpp"
#include "sim/run_context.hpp"
#include "sim/scenario/run_options.hpp"

namespace provsim::sim {

class Journal;
class PlatformDurability;

// What carries a request out, idempotently: one party's system, or one of
// the platform's desks.
using TaskDesk = std::function<PartyAnswer(const TaskRequest&, SimTime now)>;

// A worker for provisioning requests of one adapter kind at one party.
// Reads the context and PartySystemOptions; changes what its desk holds,
// the random faults' counts (Faults) and the events count (Records). With
// durability it tells the platform's durability of repeats after a crash
// and, for the platform's own desks, writes `journal` before answering.
class PartyWorker {
 public:
  struct Target {
    AdapterKind adapter;
    ProviderId party;  // invalid for the NP and the platform's desks
    TaskDesk desk;
  };
  PartyWorker(const RunContext& context, Records& records, Faults& faults, const PartySystemOptions& options,
              Target target, PlatformDurability* durability, Journal* journal, int worker)
      : context_(context), records_(records), faults_(faults), options_(options), target_(std::move(target)),
        durability_(durability), journal_(journal), worker_(worker) {}

  void operator()();

 private:
  const RunContext& context_;
  Records& records_;
  Faults& faults_;
  const PartySystemOptions& options_;
  Target target_;
  PlatformDurability* durability_;
  Journal* journal_;
  int worker_;
};

}  // namespace provsim::sim
