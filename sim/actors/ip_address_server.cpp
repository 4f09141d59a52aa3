#include "sim/actors/ip_address_server.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/durability/platform_durability.hpp"
#include "sim/platform_components.hpp"
#include "sim/records.hpp"
#include "sim/rpc.hpp"
#include "sim/run_context.hpp"
#include "sim/sim_clock.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

// How long a loan or block request waits for its answer before asking again
// (the message may have been lost). SimGrid rejects an infinite timeout; the
// party answers any copy alike, and only the first answer is taken.
double answer_timeout(double delay) { return 4 * delay + 60; }

// sessions.step: how long the actor may leave due events unhandled. With
// no policy that sends requests, nothing about the pools is visible until
// someone looks, and everyone who looks calls catch_up first: forever.
// With durability the lease file is visible too: each grant and release
// goes to it at its own time (a crash loses what was not yet written).
double step_of(const std::optional<double>& step, const AddressPort& server, bool durable) {
  if (step) return *step;
  return server.sends_requests() || durable ? 0.0 : std::numeric_limits<double>::infinity();
}

}  // namespace

SessionDriver::SessionDriver(const RunContext& context, PlatformComponents& platform, Records& records)
    : context_(context),
      platform_(platform),
      records_(records),
      server_(platform.address_port()),
      rng_(context.stream("sessions")),
      process_(context.options.addresses.sessions),
      step_(step_of(context.options.addresses.step, platform.address_port(), context.options.durability)),
      changed_(sg4::Semaphore::create(0)) {}

void SessionDriver::schedule(SimTime at, SubscriberId who, Kind kind) {
  if (!(at < context_.end_time())) return;  // beyond the run: never happens
  // (Not before the run: peeking turns the wheel, and a million bulk-loaded
  // subscribers would then all land in its current bucket.)
  const bool earliest = running_ && (queue_.empty() || at < queue_.top().at);
  if (live_.size() <= who.value()) live_.grow_to(who.value() + 1, 0);
  live_[who.value()] = seq_;
  queue_.push(Event{at, seq_++, who.value(), kind});
  if (earliest) wake();
}

// Before run() starts (a population loaded in bulk) there is no one to wake.
// With an infinite step the actor never wakes by itself: whoever looks
// catches up. During a catch-up the wake-up waits for flush(): releasing a
// semaphore is a simcall, which lets other actors run in the middle.
void SessionDriver::wake() {
  if (!running_ || step_ == std::numeric_limits<double>::infinity()) return;
  if (catching_up_)
    wake_pending_ = true;
  else
    changed_->release();
}

// What a catch-up left to do that involves SimGrid: loan and block
// requests, and waking the actor.
void SessionDriver::flush() {
  std::vector<AddressEffect> requests;
  requests.swap(requests_);
  for (const AddressEffect& e : requests) request_addresses(e);
  if (platform_.durability()) platform_.durability()->flush_leases();
  if (wake_pending_) {
    wake_pending_ = false;
    changed_->release();
  }
}

void SessionDriver::bound(SubscriberId who, SimTime t) {
  schedule(t + process_.idle_time(t, rng_), who, Kind::kStart);
}

void SessionDriver::unbound(SubscriberId who) {
  if (who.value() < live_.size()) live_[who.value()] = 0;  // its queued event goes stale
}

void SessionDriver::start_session(SubscriberId who, SimTime t) {
  if (platform_.durability() &&
      platform_.durability()->down()) {  // the server crashed: no answer; the device tries again later
    ++platform_.durability()->counts().sessions_refused;
    schedule(t + process_.idle_time(t, rng_), who, Kind::kStart);
    return;
  }
  ++sessions_started_;
  const LeaseReply reply = server_.lease(who, t);
  switch (reply.status) {
    case LeaseStatus::kGranted:
      journal_grant(who);
      schedule(t + process_.holding_time(rng_), who, Kind::kEnd);
      break;
    case LeaseStatus::kWaiting: break;  // an effect tells how the wait ends
    case LeaseStatus::kBlocked:
      ++sessions_blocked_;
      schedule(t + process_.idle_time(t, rng_), who, Kind::kStart);
      break;
    case LeaseStatus::kNotBound: break;
  }
}

void SessionDriver::end_session(SubscriberId who, SimTime t) {
  if (platform_.durability() && platform_.durability()->down())
    server_.vanish(who, t);  // the release never reaches the crashed server: the lease runs to its expiry
  else if (process_.vanishes(rng_))
    server_.vanish(who, t);  // the lease lingers until it expires
  else if (server_.release(who, t) && platform_.durability())
    platform_.durability()->lease_ended(who);
  schedule(t + process_.idle_time(t, rng_), who, Kind::kStart);
}

void SessionDriver::journal_grant(SubscriberId who) {
  if (!platform_.durability()) return;
  if (const auto held = server_.lease_of(who)) platform_.durability()->lease_granted(who, held->first, held->second);
}

void SessionDriver::handle_effects(SimTime t) {
  // Copy first: acting on an effect may call the server again.
  const std::vector<AddressEffect> effects(server_.effects().begin(), server_.effects().end());
  server_.clear_effects();
  for (const AddressEffect& e : effects) {
    switch (e.kind) {
      case AddressEffect::Kind::kLeaseGranted:  // a wait ended with an address
        journal_grant(e.subscriber);
        schedule(t + process_.holding_time(rng_), e.subscriber, Kind::kEnd);
        break;
      case AddressEffect::Kind::kLeaseBlocked:  // a wait timed out
        ++sessions_blocked_;
        schedule(t + process_.idle_time(t, rng_), e.subscriber, Kind::kStart);
        break;
      case AddressEffect::Kind::kLeaseRevoked:
        // Only an idle lease is taken back (its device vanished: the
        // session already ended and the next one is already scheduled).
        // Scheduling another start here would give the subscriber two
        // on/off lives.
        break;
      // Started after the catch-up (flush): creating an actor is a simcall,
      // and another actor could run and call catch_up in the middle of ours.
      case AddressEffect::Kind::kRequestLoan:
      case AddressEffect::Kind::kRequestBlock: requests_.push_back(e); break;
      default: break;  // expiries, loans arriving and returning: counted by the pool
    }
  }
}

// A loan request to the NP reserve, or a block request to the pool's ISP,
// is a real request/response across the network: one short-lived actor
// carries it, asking again until an answer comes, and reports back.
void SessionDriver::request_addresses(AddressEffect e) {
  const bool loan = e.kind == AddressEffect::Kind::kRequestLoan;
  const ProviderId isp = server_.pool(e.pool).owner();
  sg4::Actor::create(loan ? "ip-loan" : "ip-grow", context_.hosts.platform_host, [this, e, loan, isp] {
    Caller<Granted> caller((loan ? "ip-loan-" : "ip-grow-") + std::to_string(e.request.value()));
    const AddressOptions& o = context_.options.addresses;
    const double timeout = answer_timeout(loan ? o.loan_delay : o.grow_delay);
    const double bytes = context_.message_bytes();
    const auto ask = [&] {
      return loan ? caller.call<Granted>(context_.reserve_box(), LoanRequest{e.count}, timeout, bytes)
                  : caller.call<Granted>(context_.block_box(isp), BlockRequest{}, timeout, bytes);
    };
    while (!ask()) {
    }
    catch_up(now());
    accumulate(now());
    server_.complete(e.request, now());
    handle_effects(now());
    wake();  // the server's deadlines may have changed
    flush();
  });
}

void SessionDriver::accumulate(SimTime t) {
  if (use_.size() < server_.pool_count()) use_.resize(server_.pool_count());
  const double dt = t - accumulated_to_;
  if (!(dt > 0)) return;
  for (std::size_t p = 0; p < use_.size(); ++p) {
    const PoolStats& s = server_.pool(PoolId(static_cast<PoolId::rep>(p))).stats();
    use_[p].leased += dt * s.leased;
    use_[p].capacity += dt * s.capacity;
  }
  accumulated_to_ = t;
}

SessionDriver::PoolUse SessionDriver::pool_use(PoolId pool, SimTime t) const {
  PoolUse use = pool.value() < use_.size() ? use_[pool.value()] : PoolUse{};
  const double dt = t - accumulated_to_;
  if (dt > 0) {  // the state since the last change held until `t`
    const PoolStats& s = server_.pool(pool).stats();
    use.leased += dt * s.leased;
    use.capacity += dt * s.capacity;
  }
  return use;
}

SimTime SessionDriver::next_due() {
  const SimTime queued = queue_.empty() ? std::numeric_limits<double>::infinity() : queue_.top().at;
  return std::min(queued, server_.next_deadline());
}

void SessionDriver::handle(const Event& e) {
  records_.count_event();
  accumulate(e.at);
  const SubscriberId who(e.who);
  if (e.kind == Kind::kStart)
    start_session(who, e.at);
  else
    end_session(who, e.at);
  handle_effects(e.at);
}

// In time order: queued events first among equal times, then the server's
// own deadlines (expiries, wait timeouts, loan returns).
void SessionDriver::catch_up(SimTime t) {
  PROVSIM_CHECK(!catching_up_, "session catch-up entered twice");
  catching_up_ = true;
  drain(t);
  catching_up_ = false;
  flush();
}

inline void SessionDriver::fetch_ahead(const Event& e) const {
  __builtin_prefetch(&live_[e.who]);
  server_.prefetch(SubscriberId(e.who));
}

void SessionDriver::drain(SimTime t) {
  while (true) {
    const SimTime queued = queue_.empty() ? std::numeric_limits<double>::infinity() : queue_.top().at;
    if (queue_.turns() != turns_seen_) {  // a new bucket: fetch its first events' state ahead
      turns_seen_ = queue_.turns();
      for (const Event& e : queue_.next_few(kFetchAhead)) fetch_ahead(e);
    }
    const SimTime deadline = server_.next_deadline();
    if (queued <= deadline && queued <= t) {
      const Event e = queue_.top();
      queue_.pop();
      // The bucket is sorted, so the coming pops are known: the state of
      // the one kFetchAhead pops on is fetched while this one is handled.
      const auto ahead = queue_.next_few(kFetchAhead);
      if (ahead.size() == kFetchAhead) fetch_ahead(ahead.back());
      if (live_[e.who] == e.seq) handle(e);
    } else if (deadline < queued && deadline <= t) {
      records_.count_event();
      accumulate(deadline);
      server_.advance(deadline);
      handle_effects(deadline);
    } else {
      return;
    }
  }
}

void SessionDriver::run() {
  running_ = true;
  while (true) {
    const SimTime next = next_due();
    SimTime wake_at = next;
    if (step_ == std::numeric_limits<double>::infinity())
      wake_at = std::numeric_limits<double>::infinity();  // woken by whoever looks (catch_up)
    else if (step_ > 0 && next < std::numeric_limits<double>::infinity())
      wake_at = std::max(next, std::ceil(next / step_) * step_);  // the next point of the step grid
    if (wake_at > now()) {
      if (wake_at == std::numeric_limits<double>::infinity())
        changed_->acquire();
      else
        changed_->acquire_timeout(wake_at - now());
      continue;  // something may have been scheduled earlier meanwhile
    }
    catch_up(now());
  }
}

// The NP's reserve answering loan requests, and an ISP handing over blocks.
void ReserveWorker::operator()() {
  const double delay = options_.loan_delay;
  while (true) {
    const LoanCall call = context_.reserve_box().receive();
    records_.count_event();
    sg4::this_actor::sleep_for(delay);
    call.answer(Granted{}, context_.message_bytes());
  }
}

void BlockWorker::operator()() {
  const double delay = options_.grow_delay;
  while (true) {
    const BlockCall call = context_.block_box(isp_).receive();
    records_.count_event();
    sg4::Actor::create("grow-answer", sg4::this_actor::get_host(), [&context = context_, delay, call] {
      sg4::this_actor::sleep_for(delay);
      call.answer(Granted{}, context.message_bytes());
    });
  }
}

}  // namespace provsim::sim
