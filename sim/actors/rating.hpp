#pragma once
// Usage and rating in the simulation: the BSPs' event feeds, the
// platform's rating engine (intake and a worker), and the billing cycles.

#include <optional>

#include "model/core/strong_id.hpp"
#include "sim/feed_state.hpp"
#include "sim/messages.hpp"
#include "sim/rpc.hpp"

namespace provsim::sim {

class Parties;
class PlatformComponents;
class RunContext;
struct FeedOptions;
class Records;

// A BSP's event feed. Reads the run context (the catalog, the scripted
// events, the rating mailbox, whether the platform is durable, its random
// stream) and FeedOptions; changes the BSP's own feed state and event ids
// in the parties' systems, and reads there who is entitled to what.
class BspFeedActor {
 public:
  BspFeedActor(const RunContext& context, const FeedOptions& options, Parties& parties, ProviderId bsp)
      : context_(context), options_(options), parties_(parties), bsp_(bsp) {}

  void operator()();

 private:
  std::optional<BatchAck> deliver(Caller<BatchAck>& caller, EventBatch& batch) const;
  void keep_until_saved(Caller<BatchAck>& caller, EventBatch batch, BatchAck ack);

  const RunContext& context_;
  const FeedOptions& options_;
  Parties& parties_;
  ProviderId bsp_;
};

// The platform's rating engine: takes batches in and starts its worker
// beside itself, who rates them. Reads the run context (the rating
// mailbox, costs.rating_event); changes the platform (rating port, backlog,
// the rating journal with durability) and the records (events handled).
class RatingEngineActor {
 public:
  RatingEngineActor(const RunContext& context, PlatformComponents& platform, Records& records)
      : context_(context), platform_(platform), records_(records) {}

  void operator()();

 private:
  const RunContext& context_;
  PlatformComponents& platform_;
  Records& records_;
};

// Closes each billing cycle. Reads the run context (rating.cycle, the end
// time); changes the platform (the rating engine closes the cycle) and the
// records (statements, the invoice spool, events handled).
class BillingCycleActor {
 public:
  BillingCycleActor(const RunContext& context, PlatformComponents& platform, Records& records)
      : context_(context), platform_(platform), records_(records) {}

  void operator()();

 private:
  const RunContext& context_;
  PlatformComponents& platform_;
  Records& records_;
};

}  // namespace provsim::sim
