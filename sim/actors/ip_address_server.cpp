#include "sim/actors/ip_address_server.hpp"

#include <limits>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/rpc.hpp"
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

double now() { return sg4::Engine::get_clock(); }

struct LoanRequest {
  std::uint32_t count = 0;
};
struct BlockRequest {};
struct Granted {};

}  // namespace

SessionDriver::SessionDriver(World& w)
    : w_(w),
      server_(w.addresses),
      rng_(w.stream("sessions")),
      mean_holding_(w.config.seconds("sessions.mean_duration")),
      lognormal_(w.config.text("sessions.holding") == "lognormal"),
      cv_(w.config.number("sessions.holding_cv")),
      vanish_(w.config.number("sessions.vanish")),
      mutex_(sg4::Mutex::create()),
      changed_(sg4::ConditionVariable::create()) {
  // Idle periods are exponential (each idle subscriber is a Poisson source,
  // as in the Engset model), sized so a subscriber has sessions.per_day
  // sessions a day on average.
  const double per_day = w.config.number("sessions.per_day");
  mean_idle_ = per_day > 0 ? 86400.0 / per_day - mean_holding_ : std::numeric_limits<double>::infinity();
}

double SessionDriver::idle_time() { return rng_.exponential(mean_idle_); }

double SessionDriver::holding_time() {
  return lognormal_ ? rng_.lognormal(mean_holding_, cv_) : rng_.exponential(mean_holding_);
}

void SessionDriver::schedule(SimTime at, SubscriberId who, Kind kind) {
  if (!(at < w_.end_time())) return;  // beyond the run: never happens
  const bool earliest = queue_.empty() || at < queue_.top().at;
  queue_.push(Event{at, seq_++, who.value(), generation_[who.value()], kind});
  if (earliest) wake();
}

void SessionDriver::wake() { changed_->notify_all(); }

void SessionDriver::bound(SubscriberId who, SimTime t) {
  if (generation_.size() <= who.value()) generation_.resize(who.value() + 1, 0);
  ++generation_[who.value()];
  schedule(t + idle_time(), who, Kind::kStart);
}

void SessionDriver::unbound(SubscriberId who) {
  if (who.value() < generation_.size()) ++generation_[who.value()];  // its queued events go stale
}

void SessionDriver::start_session(SubscriberId who, SimTime t) {
  ++sessions_started_;
  const LeaseReply reply = server_.lease(who, t);
  switch (reply.status) {
    case LeaseStatus::kGranted: schedule(t + holding_time(), who, Kind::kEnd); break;
    case LeaseStatus::kWaiting: break;  // an effect tells how the wait ends
    case LeaseStatus::kBlocked:
      ++sessions_blocked_;
      schedule(t + idle_time(), who, Kind::kStart);
      break;
    case LeaseStatus::kNotBound: break;
  }
}

void SessionDriver::end_session(SubscriberId who, SimTime t) {
  if (rng_.bernoulli(vanish_))
    server_.vanish(who, t);  // the lease lingers until it expires
  else
    server_.release(who, t);
  schedule(t + idle_time(), who, Kind::kStart);
}

void SessionDriver::handle_effects(SimTime t) {
  // Copy first: acting on an effect may call the server again.
  const std::vector<AddressEffect> effects(server_.effects().begin(), server_.effects().end());
  server_.clear_effects();
  for (const AddressEffect& e : effects) {
    switch (e.kind) {
      case AddressEffect::Kind::kLeaseGranted:  // a wait ended with an address
        schedule(t + holding_time(), e.subscriber, Kind::kEnd);
        break;
      case AddressEffect::Kind::kLeaseBlocked:  // a wait timed out
        ++sessions_blocked_;
        schedule(t + idle_time(), e.subscriber, Kind::kStart);
        break;
      case AddressEffect::Kind::kLeaseRevoked:  // preempted: this session is over
        schedule(t + idle_time(), e.subscriber, Kind::kStart);
        break;
      case AddressEffect::Kind::kRequestLoan: request_loan(e); break;
      case AddressEffect::Kind::kRequestBlock: request_block(e); break;
      default: break;  // expiries, loans arriving and returning: counted by the pool
    }
  }
}

// A loan request to the NP reserve is a real request/response across the
// network: one short-lived actor carries it and reports back.
void SessionDriver::request_loan(AddressEffect e) {
  sg4::Actor::create("ip-loan", w_.platform.platform_host, [this, e] {
    Caller caller("ip-loan-" + std::to_string(e.request.value()));
    caller.call<Granted>(w_.reserve_box(), LoanRequest{e.count}, std::numeric_limits<double>::infinity(),
                         w_.message_bytes());
    server_.complete(e.request, now());
    handle_effects(now());
    wake();
  });
}

void SessionDriver::request_block(AddressEffect e) {
  const ProviderId isp = server_.pool(e.pool).owner();
  sg4::Actor::create("ip-grow", w_.platform.platform_host, [this, e, isp] {
    Caller caller("ip-grow-" + std::to_string(e.request.value()));
    caller.call<Granted>(w_.block_box(isp), BlockRequest{}, std::numeric_limits<double>::infinity(),
                         w_.message_bytes());
    server_.complete(e.request, now());
    handle_effects(now());
    wake();
  });
}

void SessionDriver::run() {
  std::unique_lock lock(*mutex_);
  while (true) {
    const SimTime next = std::min(queue_.empty() ? std::numeric_limits<double>::infinity() : queue_.top().at,
                                  server_.next_deadline());
    if (next > now()) {
      if (next == std::numeric_limits<double>::infinity())
        changed_->wait(lock);
      else
        changed_->wait_until(lock, next);
      continue;  // something may have been scheduled earlier meanwhile
    }
    const SimTime t = now();
    // Every event due now, then the server's own deadlines (expiries, wait
    // timeouts, loan returns).
    while (!queue_.empty() && queue_.top().at <= t) {
      const Event e = queue_.top();
      queue_.pop();
      if (e.generation != generation_[e.who]) continue;
      ++w_.events;
      const SubscriberId who(e.who);
      if (e.kind == Kind::kStart)
        start_session(who, t);
      else
        end_session(who, t);
      handle_effects(t);
    }
    if (server_.next_deadline() <= t) {
      ++w_.events;
      server_.advance(t);
      handle_effects(t);
    }
  }
}

// The NP's reserve answering loan requests, and an ISP handing over blocks.
void reserve_worker(World& w) {
  const double delay = w.config.seconds("ip.loan_delay");
  while (true) {
    auto request = receive<LoanRequest>(w.reserve_box());
    ++w.events;
    sg4::this_actor::sleep_for(delay);
    reply(*request, Granted{}, w.message_bytes());
  }
}

void block_worker(World& w, ProviderId isp) {
  const double delay = w.config.seconds("ip.grow_delay");
  while (true) {
    auto request = receive<BlockRequest>(w.block_box(isp));
    ++w.events;
    Envelope<BlockRequest>* raw = request.release();
    sg4::Actor::create("grow-answer", sg4::this_actor::get_host(), [&w, delay, raw] {
      std::unique_ptr<Envelope<BlockRequest>> owned(raw);
      sg4::this_actor::sleep_for(delay);
      reply(*owned, Granted{}, w.message_bytes());
    });
  }
}

}  // namespace provsim::sim
