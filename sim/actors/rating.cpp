// Usage and rating in the simulation.
//  - Each BSP's event feed sends, every bsp.batch_interval, a batch of
//    purchase events and usage summaries (a subscriber's use
//    of a metered offering over a period), plus refunds of some of its
//    earlier purchases, and the scripted events of events.csv when their
//    time comes. A batch is resent when its acknowledgement does not come
//    within bsp.ack_timeout, and sometimes anyway (as after a lost
//    acknowledgement): the engine absorbs the duplicates.
//  - The rating engine takes batches in as they arrive (they count in
//    rating.backlog from then) and a worker rates them one after the other,
//    spending costs.rating_event flops per event on the platform host: a
//    small host shows as a growing backlog.
//  - At each cycle end the engine writes invoices and settlement statements.

#include "sim/actors/rating.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <cmath>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>

#include "sim/durability/platform_durability.hpp"
#include "sim/parties.hpp"
#include "sim/platform_components.hpp"
#include "sim/records.hpp"
#include "sim/rpc.hpp"
#include "sim/run_context.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

constexpr int kMaxSends = 3;  // per batch, when acknowledgements time out


// The workload's events of one interval ending at `now`: purchases and usage
// summaries of random entitled (subscriber, offering) pairs, each pair kind
// at its own rate; a purchase is refunded in the next batch with
// bsp.refund_share.
void draw_events(const Catalog& catalog, Parties& parties, ProviderId bsp, const FeedOptions& p, Rng& rng,
                 std::uint64_t& next_id, FeedState& fs, double now, std::vector<RatingEvent>& out) {
  const std::size_t entitled = parties.systems().entitled_count(bsp);
  if (entitled == 0) return;
  const double pairs_days = static_cast<double>(entitled) * p.batch_interval / 86400.0;
  std::vector<std::pair<SubscriberId, OfferingId>> picks;
  for (const OfferingKind kind : {OfferingKind::kBspPurchase, OfferingKind::kBspUsage}) {
    const double per_day = kind == OfferingKind::kBspPurchase ? p.purchases_per_day : p.usage_per_day;
    picks.clear();
    parties.systems().pick_entitled(bsp, rng, rng.poisson(pairs_days * per_day), picks);
    out.reserve(out.size() + picks.size());
    for (const auto& [user, offering] : picks) {
      if (catalog.offering(offering).kind != kind) continue;
      if (kind == OfferingKind::kBspPurchase) {
        const double at = now - rng.uniform() * p.batch_interval;
        out.push_back(RatingEvent::purchase(next_id++, bsp, user, offering, at, Quantity::units(1)));
        if (rng.bernoulli(p.refund_share))
          fs.refunds_due.push_back(RatingEvent::refund(0, bsp, user, offering, EventKind::kPurchase, now,
                                                       Quantity::units(1), out.back().id));
      } else {
        // A summary of the subscriber's use over part of the interval.
        const double start = now - rng.uniform() * p.batch_interval;
        const auto q = static_cast<std::int64_t>(std::llround(rng.exponential(p.usage_quantity) * 1000.0));
        out.push_back(RatingEvent::usage(next_id++, bsp, user, offering, start, now,
                                         Quantity::from_millis(std::max<std::int64_t>(q, 1))));
      }
    }
  }
}

// The scripted events of `bsp` due by `now`, with fresh engine ids; a
// refund points at the engine id its original was sent with.
void scripted_events(const RunContext& context, ProviderId bsp, std::uint64_t& next_id, FeedState& fs, double now,
                     std::vector<RatingEvent>& out) {
  const auto& script = context.scenario.rating->scripted;
  for (; fs.next_scripted < script.size() && script[fs.next_scripted].sent <= now; ++fs.next_scripted) {
    const ScriptedEvent& s = script[fs.next_scripted];
    if (s.bsp != bsp) continue;
    const SubscriberId user(s.subscriber);
    RatingEvent e;
    if (s.quantity.is_negative()) {
      const RatingEvent& original = fs.scripted_sent.at(s.refund_of);
      e = RatingEvent::refund(next_id++, bsp, user, s.offering, original.kind, s.time, s.quantity, original.id);
    } else if (context.catalog.offering(s.offering).kind == OfferingKind::kBspUsage) {
      e = RatingEvent::usage(next_id++, bsp, user, s.offering, s.time, s.time + s.duration, s.quantity);
      e.later_part = s.session_part > 1;
      e.session_offset = s.session_offset;
    } else {
      e = RatingEvent::purchase(next_id++, bsp, user, s.offering, s.time, s.quantity);
    }
    fs.scripted_sent[s.id] = e;
    out.push_back(e);
  }
}

double next_scripted_time(const RunContext& context, ProviderId bsp, const FeedState& fs) {
  const auto& script = context.scenario.rating->scripted;
  for (std::size_t i = fs.next_scripted; i < script.size(); ++i)
    if (script[i].bsp == bsp) return script[i].sent;
  return std::numeric_limits<double>::infinity();
}

// Batches taken in and waiting for the worker; shared by the engine's two actors.
struct BatchQueue {
  std::deque<BatchCall> batches;
  // One permit per queued batch. (No mutex: actors never run at the same
  // time, and a lock held while an actor is killed at the end of the run
  // deadlocks SimGrid's thread contexts.)
  sg4::SemaphorePtr ready = sg4::Semaphore::create(0);
};

// The rating engine's worker: rates the queued batches one after the
// other, spending `cost` flops per event, and acknowledges each.
class RatingWorker {
 public:
  RatingWorker(const RunContext& context, PlatformComponents& platform, std::shared_ptr<BatchQueue> queue, double cost)
      : context_(context), platform_(platform), queue_(std::move(queue)), cost_(cost) {}

  void operator()() {
    while (true) {
      queue_->ready->acquire();
      BatchCall call = std::move(queue_->batches.front());
      queue_->batches.pop_front();
      const std::size_t n = call.request.events.size();
      const double bytes = context_.message_bytes();
      PlatformDurability* durability = platform_.durability();
      const std::optional<FeedBatch> saved =
          durability && n > 0 ? std::optional<FeedBatch>(FeedBatch::of(call.request.events)) : std::nullopt;
      // Rating under none, after a restart: a feed that has not heard of it
      // sends what its crash lost first, so the engine rates in the order
      // the events first came.
      if (saved && durability->replay_first(*saved, call.request.engine_epoch)) {
        platform_.rating_backlog().count -= n;
        call.answer(durability->replay_first_ack(), bytes);
        continue;
      }
      sg4::this_actor::execute(cost_ * static_cast<double>(n));
      // A batch whose rating a crash lost (rating journal under none) is
      // rated again. The simulation kept the engine's state through the
      // crash, so that state holds it already: the batch costs its time and
      // changes nothing.
      bool changed = true;  // the engine's state holds something of this batch a crash could lose
      if (!saved || !durability->rated_again(*saved)) {
        if (saved) durability->rating_new(*saved);
        // Only the duplicates count is used (and, on a second thread, not
        // known yet; durability rates on the simulation's thread): the feed
        // only waits for the acknowledgement.
        const RateAnswer answer =
            platform_.rating_port().rate_batch(sg4::Engine::get_clock(), std::move(call.request.events));
        changed = answer.duplicates < static_cast<std::int64_t>(n);
      }
      platform_.rating_backlog().count -= n;
      if (durability) {
        // Acknowledged once written (sync: the worker waits; group: it goes
        // on and the acknowledgement waits): a crash before that makes the
        // feed send the batch again. Under none, at once: the feed keeps
        // the batch until the acknowledgements say a snapshot holds it.
        Journal& journal = durability->rating();
        const std::uint64_t record = journal.append(durability->record_bytes() * static_cast<double>(n));
        // A batch of duplicates only changed nothing a crash could lose.
        if (saved && changed) durability->batch_recorded(record, *saved);
        journal.then(record, [reply = call.reply_to, bytes, durability, record] {
          reply.send(durability->batch_ack(record), bytes);
        });
        continue;
      }
      call.answer(BatchAck{}, bytes);
    }
  }

 private:
  const RunContext& context_;
  PlatformComponents& platform_;
  std::shared_ptr<BatchQueue> queue_;
  double cost_;
};

}  // namespace

void BspFeedActor::operator()() {
  const RunContext& ctx = context_;
  const ProviderId bsp = bsp_;
  const std::string code = ctx.catalog.provider(bsp).code;
  Rng rng = ctx.stream("bsp-feed-" + code);
  Caller<BatchAck> caller("bsp-feed-" + code);
  const FeedOptions& p = options_;
  std::uint64_t& next_event = parties_.next_event_id(bsp);  // survives a restart after an outage
  if (next_event == 0) next_event = 1;
  FeedState& fs = parties_.feed(bsp);
  const bool keeps_unsaved = ctx.options.durability && ctx.options.journals.rating.mode == CommitMode::kNone;
  double next_tick = (std::floor(sg4::Engine::get_clock() / p.batch_interval) + 1) * p.batch_interval;
  while (true) {
    const double wake = std::min(next_tick, next_scripted_time(ctx, bsp, fs));
    if (wake > ctx.end_time()) return;
    sg4::this_actor::sleep_until(wake);
    const double now = sg4::Engine::get_clock();
    EventBatch batch;
    if (now >= next_tick) {
      next_tick += p.batch_interval;
      for (RatingEvent& refund : fs.refunds_due) {
        refund.id = next_event++;
        batch.events.push_back(refund);
      }
      fs.refunds_due.clear();
      draw_events(ctx.catalog, parties_, bsp, p, rng, next_event, fs, now, batch.events);
    }
    scripted_events(ctx, bsp, next_event, fs, now, batch.events);
    if (batch.events.empty()) continue;
    const int copies = rng.bernoulli(p.resend) ? 2 : 1;
    std::optional<BatchAck> ack;
    for (int c = 0; c < copies; ++c) {
      const std::optional<BatchAck> got = deliver(caller, batch);
      if (!ack) ack = got;
      if (ack && ack->replay_first) break;  // sent again once the kept batches are
    }
    if (keeps_unsaved && ack) keep_until_saved(caller, std::move(batch), *ack);
  }
}

// With durability the platform may be down for a while: the feed sends
// until the batch is acknowledged, so no event is lost in a crash.
std::optional<BatchAck> BspFeedActor::deliver(Caller<BatchAck>& caller, EventBatch& batch) const {
  batch.engine_epoch = parties_.feed(bsp_).engine_epoch;
  const double bytes = context_.message_bytes() + 200.0 * static_cast<double>(batch.events.size());
  const int sends = context_.options.durability ? std::numeric_limits<int>::max() : kMaxSends;
  for (int send = 0; send < sends; ++send)
    if (auto ack = caller.call<BatchAck>(context_.rating_box(), batch, options_.ack_timeout, bytes)) return ack;
  return std::nullopt;
}

// The rating journal under none: the engine acknowledged `batch` before
// writing it. The feed keeps it until the engine's acknowledgements say a
// snapshot holds it; once they say the engine restarted, every batch kept
// is sent again, oldest first (the engine knows which ones its crash lost,
// and drops the others' events as duplicates), and kept again on its new
// acknowledgement. A batch the engine would not rate before those (replay
// first) is sent again after them.
void BspFeedActor::keep_until_saved(Caller<BatchAck>& caller, EventBatch batch, BatchAck ack) {
  FeedState& fs = parties_.feed(bsp_);
  std::deque<EventBatch> again;
  while (true) {
    if (ack.epoch > fs.engine_epoch) {
      fs.engine_epoch = ack.epoch;
      for (FeedState::Unsaved& u : fs.unsaved) again.push_back(EventBatch{std::move(u.events)});
      fs.unsaved.clear();
    }
    if (ack.replay_first) {
      again.push_back(std::move(batch));
    } else {
      while (!fs.unsaved.empty() && fs.unsaved.front().record <= ack.durable) fs.unsaved.pop_front();
      if (ack.record > ack.durable) fs.unsaved.push_back(FeedState::Unsaved{ack.record, std::move(batch.events)});
    }
    if (again.empty()) return;
    batch = std::move(again.front());
    again.pop_front();
    const std::optional<BatchAck> next = deliver(caller, batch);
    if (!next) return;  // the run ended (only with durability off, which keeps nothing)
    ack = *next;
  }
}

void RatingEngineActor::operator()() {
  auto queue = std::make_shared<BatchQueue>();
  auto worker = sg4::Actor::create("rating-worker", sg4::this_actor::get_host(),
                                   RatingWorker(context_, platform_, queue, context_.options.rating_event_cost));
  if (platform_.durability()) platform_.durability()->adopt(worker);
  while (true) {
    BatchCall call = context_.rating_box().receive();
    const std::size_t n = call.request.events.size();
    records_.count_event(n);
    RatingBacklog& backlog = platform_.rating_backlog();
    backlog.count += n;
    backlog.peak = std::max(backlog.peak, backlog.count);
    queue->batches.push_back(std::move(call));
    queue->ready->release();
  }
}

void BillingCycleActor::operator()() {
  const double cycle = context_.options.billing_cycle;
  for (double end = cycle; end <= context_.end_time(); end += cycle) {
    sg4::this_actor::sleep_until(end);
    // A crashed platform closes the cycle when it is back.
    while (platform_.durability() && platform_.durability()->down()) sg4::this_actor::sleep_for(1);
    records_.count_event();
    // Each invoice goes to disk as it is made: a million of them are never
    // held in memory (the statement keeps the totals and settlements).
    const std::uint32_t number = records_.next_cycle();
    Records& records = records_;
    records_.cycle_closed(platform_.rating_port().close_cycle(
        end, [&records, number](const Invoice& invoice) { records.invoice_made(number, invoice); }));
    // Under none the rating journal writes only snapshots: the closed
    // cycle is written whole before the next one goes on, so a crash never
    // takes back a cycle whose invoices went out (nor re-rates its events).
    if (PlatformDurability* durability = platform_.durability();
        durability && durability->rating().mode() == CommitMode::kNone)
      durability->rating().snapshot();
  }
}

}  // namespace provsim::sim
