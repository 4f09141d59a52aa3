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
#include <mutex>

#include "sim/durability/platform_durability.hpp"
#include "sim/rpc.hpp"
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

constexpr int kMaxSends = 3;  // per batch, when acknowledgements time out


// The workload's events of one interval ending at `now`: purchases and usage
// summaries of random entitled (subscriber, offering) pairs, each pair kind
// at its own rate; a purchase is refunded in the next batch with
// bsp.refund_share.
void draw_events(World& w, ProviderId bsp, const FeedOptions& p, Rng& rng, std::uint64_t& next_id, FeedState& fs,
                 double now, std::vector<RatingEvent>& out) {
  const std::size_t entitled = w.parties().systems().entitled_count(bsp);
  if (entitled == 0) return;
  const double pairs_days = static_cast<double>(entitled) * p.batch_interval / 86400.0;
  std::vector<std::pair<SubscriberId, OfferingId>> picks;
  for (const OfferingKind kind : {OfferingKind::kBspPurchase, OfferingKind::kBspUsage}) {
    const double per_day = kind == OfferingKind::kBspPurchase ? p.purchases_per_day : p.usage_per_day;
    picks.clear();
    w.parties().systems().pick_entitled(bsp, rng, rng.poisson(pairs_days * per_day), picks);
    out.reserve(out.size() + picks.size());
    for (const auto& [user, offering] : picks) {
      if (w.catalog.offering(offering).kind != kind) continue;
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
void scripted_events(World& w, ProviderId bsp, std::uint64_t& next_id, FeedState& fs, double now,
                     std::vector<RatingEvent>& out) {
  const auto& script = w.scenario.rating->scripted;
  for (; fs.next_scripted < script.size() && script[fs.next_scripted].sent <= now; ++fs.next_scripted) {
    const ScriptedEvent& s = script[fs.next_scripted];
    if (s.bsp != bsp) continue;
    const SubscriberId user(s.subscriber);
    RatingEvent e;
    if (s.quantity.is_negative()) {
      const RatingEvent& original = fs.scripted_sent.at(s.refund_of);
      e = RatingEvent::refund(next_id++, bsp, user, s.offering, original.kind, s.time, s.quantity, original.id);
    } else if (w.catalog.offering(s.offering).kind == OfferingKind::kBspUsage) {
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

double next_scripted_time(const World& w, ProviderId bsp, const FeedState& fs) {
  const auto& script = w.scenario.rating->scripted;
  for (std::size_t i = fs.next_scripted; i < script.size(); ++i)
    if (script[i].bsp == bsp) return script[i].sent;
  return std::numeric_limits<double>::infinity();
}

}  // namespace

void bsp_feed_actor(World& w, ProviderId bsp) {
  const std::string code = w.catalog.provider(bsp).code;
  Rng rng = w.stream("bsp-feed-" + code);
  Caller<BatchAck> caller("bsp-feed-" + code);
  const FeedOptions& p = w.options.feeds;
  std::uint64_t& next_event = w.parties().next_event_id(bsp);  // survives a restart after an outage
  if (next_event == 0) next_event = 1;
  FeedState& fs = w.parties().feed(bsp);
  double next_tick = (std::floor(sg4::Engine::get_clock() / p.batch_interval) + 1) * p.batch_interval;
  while (true) {
    const double wake = std::min(next_tick, next_scripted_time(w, bsp, fs));
    if (wake > w.end_time()) return;
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
      draw_events(w, bsp, p, rng, next_event, fs, now, batch.events);
    }
    scripted_events(w, bsp, next_event, fs, now, batch.events);
    if (batch.events.empty()) continue;
    const double bytes = w.message_bytes() + 200.0 * static_cast<double>(batch.events.size());
    const int copies = rng.bernoulli(p.resend) ? 2 : 1;
    // With durability the platform may be down for a while: the feed sends
    // until the batch is acknowledged, so no event is lost in a crash.
    const int sends = w.platform().durability() ? std::numeric_limits<int>::max() : kMaxSends;
    for (int c = 0; c < copies; ++c)
      for (int send = 0; send < sends; ++send)
        if (caller.call<BatchAck>(w.rating_box(), batch, p.ack_timeout, bytes)) break;
  }
}

void rating_engine_actor(World& w) {
  // Batches taken in and waiting for the worker; shared by the two actors.
  struct Queue {
    std::deque<BatchCall> batches;
    // One permit per queued batch. (No mutex: actors never run at the same
    // time, and a lock held while an actor is killed at the end of the run
    // deadlocks SimGrid's thread contexts.)
    sg4::SemaphorePtr ready = sg4::Semaphore::create(0);
  };
  auto queue = std::make_shared<Queue>();
  const double cost = w.options.rating_event_cost;
  auto worker = sg4::Actor::create("rating-worker", sg4::this_actor::get_host(), [&w, queue, cost] {
    while (true) {
      queue->ready->acquire();
      BatchCall call = std::move(queue->batches.front());
      queue->batches.pop_front();
      const std::size_t n = call.request.events.size();
      sg4::this_actor::execute(cost * static_cast<double>(n));
      // The answer's counts are not needed here (and, on a second thread,
      // not known yet): the feed only waits for the acknowledgement.
      w.platform().rating_port().rate_batch(sg4::Engine::get_clock(), std::move(call.request.events));
      w.platform().rating_backlog().count -= n;
      if (w.platform().durability()) {  // acknowledged once written: a crash before that makes the feed send it again
        Journal& journal = w.platform().durability()->rating();
        journal.wait_durable(journal.append(w.platform().durability()->record_bytes() * static_cast<double>(n)));
      }
      call.answer(BatchAck{}, w.message_bytes());
    }
  });
  if (w.platform().durability()) w.platform().durability()->adopt(worker);
  while (true) {
    BatchCall call = w.rating_box().receive();
    const std::size_t n = call.request.events.size();
    w.records().events += n;
    w.platform().rating_backlog().count += n;
    w.platform().rating_backlog().peak =
        std::max(w.platform().rating_backlog().peak, w.platform().rating_backlog().count);
    queue->batches.push_back(std::move(call));
    queue->ready->release();
  }
}

void billing_cycle_actor(World& w) {
  const double cycle = w.options.billing_cycle;
  for (double end = cycle; end <= w.end_time(); end += cycle) {
    sg4::this_actor::sleep_until(end);
    // A crashed platform closes the cycle when it is back.
    while (w.platform().durability() && w.platform().durability()->down()) sg4::this_actor::sleep_for(1);
    ++w.records().events;
    // Each invoice goes to disk as it is made: a million of them are never
    // held in memory (the statement keeps the totals and settlements).
    const auto number = static_cast<std::uint32_t>(w.records().statements.size());
    w.records().statements.push_back(w.platform().rating_port().close_cycle(
        end, [&w, number](const Invoice& invoice) { w.records().invoice_spool->append(number, invoice); }));
  }
}

}  // namespace provsim::sim
