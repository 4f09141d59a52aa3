#include "sut/dhcp/session_driver.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iostream>
#include <thread>

namespace provsim::dhcp {
namespace {

using Seconds = std::chrono::duration<double>;

// A lingering lease within this much of its expiry may or may not still be
// held by the server (lease times are whole seconds, reclamation runs once a
// second): such cases are counted apart, never as violations.
constexpr Seconds kExpirySlack{1.5};

ClientIdentity identity_of(std::uint32_t who) {
  return ClientIdentity{text_client_id("provsim-sub-" + std::to_string(who)), local_mac(std::uint64_t{who} + 1)};
}

}  // namespace

std::string client_id_hex(const std::vector<std::uint8_t>& id) {
  std::string out;
  char buffer[4];
  for (std::size_t i = 0; i < id.size(); ++i) {
    std::snprintf(buffer, sizeof buffer, i ? ":%02x" : "%02x", id[i]);
    out += buffer;
  }
  return out;
}

SessionDriver::SessionDriver(DriverSettings settings)
    : s_(std::move(settings)),
      process_(s_.sessions),
      client_(RelayClient::Options{Endpoint{s_.relay, 67}, s_.server, s_.timeout,
                                   static_cast<std::uint32_t>(Rng::stream(s_.seed, "dhcp-xid").next())}),
      subs_(s_.subscribers) {
  identities_.reserve(s_.subscribers);
  rngs_.reserve(s_.subscribers);
  for (std::uint32_t who = 0; who < s_.subscribers; ++who) {
    identities_.push_back(identity_of(who));
    rngs_.push_back(Rng::stream(s_.seed, "sessions-" + std::to_string(who)));
  }
  report_.batch_attempts.assign(s_.batches, 0);
  report_.batch_blocked.assign(s_.batches, 0);
}

double SessionDriver::sim_now() const { return Seconds(Clock::now() - wall_start_).count() * s_.speed; }

Clock::time_point SessionDriver::wall_of(double sim) const {
  return wall_start_ + std::chrono::duration_cast<Clock::duration>(Seconds(sim / s_.speed));
}

void SessionDriver::schedule(double at, std::uint32_t who, Kind kind, bool on_time) {
  if (!(at < s_.duration)) return;  // beyond the run
  queue_.push_back(Event{at, seq_++, who, subs_[who].generation, kind, on_time});
  std::push_heap(queue_.begin(), queue_.end(), std::greater<>());
}

void SessionDriver::run() {
  wall_start_ = Clock::now();
  for (std::uint32_t who = 0; who < s_.subscribers; ++who)
    schedule(process_.idle_time(0, rngs_[who]), who, Kind::kStart);
  Clock::time_point next_progress = wall_start_ + std::chrono::seconds(2);
  while (!queue_.empty() || client_.in_flight() > 0) {
    const Clock::time_point due = queue_.empty() ? Clock::now() + std::chrono::seconds(1) : wall_of(queue_.front().at);
    for (const Completion& c : client_.poll(due)) on_completion(c);
    expire_lingering();
    const Clock::time_point now = Clock::now();
    while (!queue_.empty() && wall_of(queue_.front().at) <= now) {
      std::pop_heap(queue_.begin(), queue_.end(), std::greater<>());
      const Event e = queue_.back();
      queue_.pop_back();
      if (e.generation != subs_[e.who].generation) continue;  // overtaken
      if (e.on_time) report_.lag.push_back(Seconds(now - wall_of(e.at)).count());
      handle(e);
    }
    if (s_.progress && now >= next_progress) {
      next_progress = now + std::chrono::seconds(2);
      std::cerr << "\rprovsim dhcp: simulated " << static_cast<long long>(sim_now()) << " s of "
                << static_cast<long long>(s_.duration) << ", " << report_.attempts << " DORAs, " << report_.blocked()
                << " blocked   " << std::flush;
    }
  }
  report_.wall_seconds = Seconds(Clock::now() - wall_start_).count();
  if (s_.progress) std::cerr << "\n";
}

void SessionDriver::handle(const Event& e) {
  Subscriber& sub = subs_[e.who];
  switch (e.kind) {
    case Kind::kStart:
      if (sub.state == State::kIdle) start(e.who, e.at);
      break;
    case Kind::kEnd:
      if (sub.state == State::kOnline) end(e.who, e.at);
      break;
    case Kind::kRenew:
      if (sub.state == State::kOnline) client_.renew(e.who, identities_[e.who], sub.address, renew_timeout(sub));
      break;
  }
}

// A renewal sent at T1 may wait half of the time to the lease's end for
// its answer: a server slowed by a busy machine is late, not wrong.
std::chrono::microseconds SessionDriver::renew_timeout(const Subscriber& sub) {
  return std::chrono::microseconds(std::int64_t{sub.renewal_time} * 500000);
}

// Addresses the server certainly has free: the pool less every lease the
// driver knows of (lingering ones included until surely expired) and less
// every DORA in flight but `except`'s, and less every DORA abandoned after
// its OFFER (the server may have ACKed it after all).
std::int64_t SessionDriver::certainly_free(std::uint32_t except) const {
  const std::int64_t in_flight = static_cast<std::int64_t>(doras_in_flight_ + abandoned_) -
                                 (subs_[except].state == State::kDora ? 1 : 0);
  return static_cast<std::int64_t>(s_.pool.capacity()) - static_cast<std::int64_t>(holders_.size()) - in_flight;
}

void SessionDriver::start(std::uint32_t who, double at) {
  Subscriber& sub = subs_[who];
  ++report_.attempts;
  const auto batch = std::min(s_.batches - 1, static_cast<std::size_t>(at / s_.duration * static_cast<double>(s_.batches)));
  ++report_.batch_attempts[batch];
  sub.free_at_send = certainly_free(who);
  sub.state = State::kDora;
  sub.attempt_at = at;
  ++doras_in_flight_;
  client_.discover(who, identities_[who]);
}

void SessionDriver::end(std::uint32_t who, double at) {
  Subscriber& sub = subs_[who];
  ++sub.generation;  // its pending renewal goes stale
  if (process_.vanishes(rngs_[who])) {
    ++report_.vanished;
    holders_[sub.address] = Holder{who, true, sub.acked_at + std::chrono::seconds(sub.lease_time)};
  } else {
    client_.release(identities_[who], sub.address, sub.server_id);
    ++report_.releases;
    holders_.erase(sub.address);
  }
  go_idle(who, at);
}

// The next session starts an idle time after `from`, as drawn; if that is
// already past (an answer came late) it starts now and is counted deferred.
void SessionDriver::go_idle(std::uint32_t who, double from) {
  Subscriber& sub = subs_[who];
  sub.state = State::kIdle;
  const double next = from + process_.idle_time(from, rngs_[who]);
  const double now = sim_now();
  if (next < now) {
    ++report_.deferred;
    schedule(now, who, Kind::kStart, false);
  } else {
    schedule(next, who, Kind::kStart);
  }
}

void SessionDriver::on_completion(const Completion& c) {
  const auto who = static_cast<std::uint32_t>(c.tag);
  Subscriber& sub = subs_[who];
  switch (c.outcome) {
    case Outcome::kAck:
      --doras_in_flight_;
      report_.dora_latency.push_back(c.latency);
      granted(who, c);
      break;
    case Outcome::kNoOffer:
      --doras_in_flight_;
      ++report_.no_offer;
      if (sub.free_at_send > 0)
        violation("no OFFER for subscriber " + std::to_string(who) + " while " + std::to_string(sub.free_at_send) +
                  " addresses were certainly free");
      if (sub.free_at_send > 0) ++report_.refused_while_free;
      blocked(who);
      break;
    case Outcome::kNak:
      --doras_in_flight_;
      ++report_.nak;
      blocked(who);
      break;
    case Outcome::kNoAck:
      --doras_in_flight_;
      ++report_.no_ack;
      ++abandoned_;
      blocked(who);
      break;
    case Outcome::kRenewed:
      if (sub.state == State::kOnline && c.address == sub.address) {
        ++report_.renewals;
        sub.acked_at = Clock::now();
        sub.lease_time = c.lease_time;
        schedule(sim_now() + std::max(1u, c.renewal_time) * s_.speed, who, Kind::kRenew);
      }
      break;
    case Outcome::kRenewNak:
    case Outcome::kRenewTimeout:
      if (sub.state == State::kOnline) {  // the lease is gone: so is the session
        ++report_.renew_failed;
        violation(std::string("renewal ") + outcome_name(c.outcome) + " for subscriber " + std::to_string(who) +
                  " holding " + format_ipv4(sub.address));
        ++sub.generation;
        holders_.erase(sub.address);
        go_idle(who, sim_now());
      }
      break;
    case Outcome::kLateAck:
      ++report_.late_acks;
      if (sub.state == State::kIdle) client_.release(identities_[who], c.address, c.server_id);
      if (abandoned_ > 0) --abandoned_;
      break;
  }
}

void SessionDriver::granted(std::uint32_t who, const Completion& c) {
  Subscriber& sub = subs_[who];
  ++report_.acked;
  const Ipv4 a = c.address;
  if (!s_.pool.contains(a)) {
    ++report_.outside_pool;
    violation(format_ipv4(a) + " leased to subscriber " + std::to_string(who) + " is outside the pool");
  }
  const Clock::time_point now = Clock::now();
  // Its own lingering lease (device vanished earlier) is superseded.
  for (auto it = holders_.begin(); it != holders_.end(); ++it)
    if (it->second.who == who && it->second.lingering) {
      if (now + kExpirySlack >= it->second.expires) ++report_.ambiguous_reclaims;
      holders_.erase(it);
      break;
    }
  if (const auto it = holders_.find(a); it != holders_.end() && it->second.who != who) {
    const Holder& h = it->second;
    if (h.lingering && now + kExpirySlack >= h.expires) {
      ++report_.ambiguous_reclaims;  // an expired lease taken over: the server may reclaim it on the way
    } else {
      ++report_.double_allocations;
      violation(format_ipv4(a) + " leased to subscriber " + std::to_string(who) + " while subscriber " +
                std::to_string(h.who) + (h.lingering ? "'s unexpired lease holds it" : " holds it"));
    }
  }
  holders_[a] = Holder{who, false, {}};
  const auto last = last_holder_.find(a);
  if (last != last_holder_.end() && last->second != who) ++report_.reuses;
  last_holder_[a] = who;

  sub.state = State::kOnline;
  sub.address = a;
  sub.server_id = c.server_id;
  sub.acked_at = now;
  sub.lease_time = c.lease_time;
  sub.renewal_time = std::max(1u, c.renewal_time);
  ++sub.generation;
  const double t = sim_now();
  const double end_at = sub.attempt_at + process_.holding_time(rngs_[who]);
  if (end_at < t) {
    ++report_.deferred;
    schedule(t, who, Kind::kEnd, false);
  } else {
    schedule(end_at, who, Kind::kEnd);
  }
  schedule(t + sub.renewal_time * s_.speed, who, Kind::kRenew);
}

void SessionDriver::blocked(std::uint32_t who) {
  Subscriber& sub = subs_[who];
  const auto batch =
      std::min(s_.batches - 1, static_cast<std::size_t>(sub.attempt_at / s_.duration * static_cast<double>(s_.batches)));
  ++report_.batch_blocked[batch];
  go_idle(who, sub.attempt_at);
}

// Lingering leases past their expiry (and the slack) are the server's to
// reclaim; the driver stops counting them as held.
void SessionDriver::expire_lingering() {
  const Clock::time_point now = Clock::now();
  if (now < next_expiry_check_) return;
  next_expiry_check_ = now + std::chrono::milliseconds(100);
  for (auto it = holders_.begin(); it != holders_.end();) {
    if (it->second.lingering && now >= it->second.expires + kExpirySlack) {
      ++report_.expected_reclaims;
      it = holders_.erase(it);
    } else {
      ++it;
    }
  }
}

std::vector<HeldLease> SessionDriver::held_leases() const {
  const Clock::time_point now = Clock::now();
  std::vector<HeldLease> out;
  for (const auto& [address, h] : holders_) {
    const bool uncertain = h.lingering && now + kExpirySlack >= h.expires;
    out.push_back(HeldLease{address, client_id_hex(identities_[h.who].client_id), h.lingering, uncertain});
  }
  std::sort(out.begin(), out.end(), [](const HeldLease& a, const HeldLease& b) { return a.address < b.address; });
  return out;
}

void SessionDriver::renew_all() {
  for (std::uint32_t who = 0; who < s_.subscribers; ++who)
    if (subs_[who].state == State::kOnline)
      client_.renew(who, identities_[who], subs_[who].address, renew_timeout(subs_[who]));
  const double end = s_.duration;
  s_.duration = 0;  // renewals answered now schedule nothing more
  while (client_.in_flight() > 0)
    for (const Completion& c : client_.poll(Clock::now() + std::chrono::seconds(1))) on_completion(c);
  s_.duration = end;
}

void SessionDriver::release_all() {
  std::uint32_t sent = 0;
  for (std::uint32_t who = 0; who < s_.subscribers; ++who) {
    Subscriber& sub = subs_[who];
    if (sub.state != State::kOnline) continue;
    // A RELEASE has no answer to wait for: a pause every 64 keeps a burst
    // from overflowing the server's socket buffer.
    if (++sent % 64 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    client_.release(identities_[who], sub.address, sub.server_id);
    ++report_.releases;
    holders_.erase(sub.address);
    ++sub.generation;
    sub.state = State::kIdle;
  }
}

void SessionDriver::settle() {
  for (auto it = holders_.begin(); it != holders_.end();) {
    if (it->second.lingering) {
      ++report_.expected_reclaims;
      it = holders_.erase(it);
    } else {
      ++it;
    }
  }
}

void SessionDriver::violation(std::string text) {
  if (report_.violations.size() < 20) report_.violations.push_back(std::move(text));
}

}  // namespace provsim::dhcp
