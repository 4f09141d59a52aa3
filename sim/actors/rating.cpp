// Usage and rating in the simulation (SPEC 2.4, figs 8 and 9A).
//  - Each BSP's event feed sends its purchase events to the platform's
//    rating engine in batches; a batch is sometimes sent twice (as after a
//    lost acknowledgement), which the engine must absorb as duplicates.
//  - The rating engine rates each batch, spending a cost per event.
//  - At each cycle end the engine writes invoices and settlement statements.

#include "sim/actors/rating.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/rpc.hpp"
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

struct EventBatch {
  std::vector<RatingEvent> events;
};
struct BatchAck {
  std::int64_t rated = 0;
};

// The BSP offerings a feed sells one-off purchases of.
bool is_purchase(const World& w, OfferingId o) { return w.catalog.offering(o).kind == OfferingKind::kBspPurchase; }

}  // namespace

void bsp_feed_actor(World& w, ProviderId bsp) {
  const std::string code = w.catalog.provider(bsp).code;
  Rng rng = w.stream("bsp-feed-" + code);
  Caller caller("bsp-feed-" + code);
  const double interval = w.config.seconds("bsp.batch_interval");
  const double per_day = w.config.number("bsp.purchases_per_day");
  const double resend = w.config.number("bsp.resend");
  std::uint64_t next_event = 1;
  while (true) {
    sg4::this_actor::sleep_for(interval);
    const Entitlements& entitled = w.parties.entitlements(bsp);
    const std::uint64_t count = rng.poisson(static_cast<double>(entitled.size()) * per_day * interval / 86400.0);
    if (count == 0 || entitled.size() == 0) continue;
    EventBatch batch;
    const double end = sg4::Engine::get_clock();
    for (std::uint64_t i = 0; i < count; ++i) {
      const auto [user, offering] = entitled.at(rng.below(entitled.size()));
      if (!is_purchase(w, offering)) continue;
      const double at = end - rng.uniform() * interval;
      batch.events.push_back(RatingEvent::purchase(next_event++, bsp, user, offering, at, Quantity::units(1)));
    }
    const int sends = rng.bernoulli(resend) ? 2 : 1;
    for (int s = 0; s < sends; ++s)
      caller.call<BatchAck>(w.rating_box(), batch, 60.0, w.message_bytes() + 200.0 * static_cast<double>(batch.events.size()));
  }
}

void rating_engine_actor(World& w) {
  const double cost = w.config.number("costs.rating_event");
  while (true) {
    auto message = receive<EventBatch>(w.rating_box());
    const auto& events = message->payload.events;
    w.events += events.size();
    sg4::this_actor::execute(cost * static_cast<double>(events.size()));
    const auto result = w.rating.submit_batch(events);
    reply(*message, BatchAck{result.rated}, w.message_bytes());
  }
}

void billing_cycle_actor(World& w) {
  const double cycle = w.config.seconds("rating.cycle");
  for (double end = cycle; end <= w.end_time(); end += cycle) {
    sg4::this_actor::sleep_until(end);
    ++w.events;
    w.statements.push_back(w.rating.close_cycle(end));
  }
}

}  // namespace provsim::sim
