#pragma once
// The provisioning manager on the platform host. Its intake mailbox takes
// orders from the channels (answered with a confirmation when the order
// ends), platform-internal orders, and the party systems' answers to its
// requests (the messages: sim/messages.hpp, IntakeMessage).
//
// Reads the run context (its mailbox, the party systems' mailboxes,
// provisioning.workers). Changes the platform (the workflow engine, the
// provisioning queue, the qualification tokens it checks, the journal with
// durability; it tells the subscriber lifecycle of each finished order),
// the channels (each prospect's order and subscriber) and the records
// (finished orders, orders waiting and in the system, events handled).

#include "sim/messages.hpp"
#include "sim/provisioning_queue.hpp"

namespace provsim::sim {

class Channels;
class PlatformComponents;
class RunContext;
class Records;

class ProvisioningManagerActor {
 public:
  ProvisioningManagerActor(const RunContext& context, PlatformComponents& platform, Channels& channels,
                           Records& records)
      : context_(context), platform_(platform), channels_(channels), records_(records) {}

  void operator()();

 private:
  const RunContext& context_;
  PlatformComponents& platform_;
  Channels& channels_;
  Records& records_;
};

}  // namespace provsim::sim
