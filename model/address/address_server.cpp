// The address server's pools, bindings, leases and time. Its requests for
// more addresses (loans, blocks) are in address_loans.cpp, the checks of its
// books in address_invariants.cpp.

#include "model/address/address_server.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model/core/check.hpp"

namespace provsim {
namespace {

constexpr SimTime kNever = std::numeric_limits<SimTime>::infinity();

}  // namespace

AddressServer::AddressServer(AddressPlan plan, AddressServerConfig config, Rng rng,
                             const AllocatorRegistry& allocators, const PolicyRegistry& policies)
    : plan_(std::move(plan)), config_(std::move(config)), rng_(rng) {
  if (config_.idle_after <= 0) config_.idle_after = config_.lease_time / 2;
  reserve_ = std::make_unique<AddressPool>(PoolId{}, plan_.network_provider, "", PoolConfig{},
                                           allocators.create("free-queue"));
  // Pools in the order their first block appears, so ids are stable.
  for (std::uint32_t b = 0; b < plan_.blocks.size(); ++b) {
    const AddressBlock& block = plan_.blocks[b];
    if (block.owner == plan_.network_provider) {
      if (!block.spare) reserve_->add_block(b, usable_range(block.prefix, plan_.v6_slice));
      continue;
    }
    const std::string region = config_.pool_per_region ? block.region : std::string();
    AddressPool* pool = nullptr;
    for (auto& p : pools_)
      if (p->owner() == block.owner && p->region() == region) pool = p.get();
    if (pool == nullptr) {
      const PoolConfig& pc = config_for(block.owner);
      const PoolId id(static_cast<PoolId::rep>(pools_.size()));
      pools_.push_back(std::make_unique<AddressPool>(id, block.owner, region, pc,
                                                     allocators.create(pc.allocator, config_.allocator)));
      policies_.push_back(policies.create(pc.policy, config_.policy));
      pool = pools_.back().get();
    }
    if (block.spare) pool->add_spare_block(b);
    else pool->add_block(b, usable_range(block.prefix, plan_.v6_slice));
  }
  for (auto& p : pools_) p->update_marks(0);
  deadlines_.assign(pools_.size(), kNever);
  changed_.assign(pools_.size(), 1);
}

AddressServer::~AddressServer() = default;

const PoolConfig& AddressServer::config_for(ProviderId isp) const {
  for (const auto& [id, pc] : config_.pool_overrides)
    if (id == isp) return pc;
  return config_.pool;
}

std::optional<PoolId> AddressServer::find_pool(ProviderId isp, std::string_view region) const {
  std::optional<PoolId> fallback;
  for (const auto& p : pools_) {
    if (p->owner() != isp) continue;
    if (p->region() == region) return p->id();
    if (p->region().empty()) fallback = p->id();
  }
  return fallback;
}

std::string AddressServer::address_text(const AddressPool& pool, Slot slot) const {
  const SlotInfo& info = pool.slot(slot);
  return to_string(plan_.blocks[info.block].prefix.at(info.offset));
}

AddressServer::Subscriber& AddressServer::record(SubscriberId who) {
  PROVSIM_CHECK(who.valid(), "invalid subscriber id");
  if (who.value() >= subscribers_.size()) subscribers_.grow_to(std::size_t{who.value()} + 1);
  return subscribers_[who.value()];
}

const AddressServer::Subscriber* AddressServer::find(SubscriberId who) const {
  if (!who.valid() || who.value() >= subscribers_.size()) return nullptr;
  return &subscribers_[who.value()];
}

bool AddressServer::bound(SubscriberId who) const {
  const Subscriber* s = find(who);
  return s != nullptr && s->pool.valid();
}

std::optional<PoolId> AddressServer::pool_of(SubscriberId who) const {
  if (!bound(who)) return std::nullopt;
  return find(who)->pool;
}

std::optional<std::pair<PoolId, Slot>> AddressServer::lease_of(SubscriberId who) const {
  const Subscriber* s = find(who);
  if (s == nullptr || (s->state != State::kOnline && s->state != State::kLingering)) return std::nullopt;
  return std::pair{s->pool, s->slot};
}

bool AddressServer::waiting(SubscriberId who) const {
  const Subscriber* s = find(who);
  return s != nullptr && s->state == State::kWaiting;
}

// ---------------------------------------------------------------- policies

Slot AddressServer::idle_victim(const AddressPool& pool, SimTime now) const {
  if (pool.expiries().empty()) return kNoSlot;
  const Slot slot = pool.expiries().top();
  const Subscriber& s = subscribers_[pool.slot(slot).holder];
  if (s.state == State::kLingering) return slot;
  if (!config_.auto_renew && now - s.renewed > config_.idle_after) return slot;
  return kNoSlot;
}

PoolView AddressServer::view(const AddressPool& pool, SimTime now) const {
  const PoolStats& st = pool.stats();
  PoolView v;
  v.pool = pool.id();
  v.isp = pool.owner();
  v.now = now;
  v.capacity = st.capacity;
  v.own_capacity = st.own_capacity;
  v.borrowed = st.borrowed;
  v.borrow_room = borrow_room(pool);
  v.leased = st.leased;
  v.free = pool.free_count();
  v.bound = st.bound;
  v.waiting = st.waiting;
  v.loan_in_flight = pool.loan_in_flight();
  v.grow_in_flight = pool.grow_in_flight();
  v.spare_blocks = pool.spare_block_count();
  v.idle_victim = idle_victim(pool, now);
  return v;
}

void AddressServer::after_change(AddressPool& pool, SimTime now) {
  if (!pool.update_marks(now)) return;
  ++pool.stats().over_allocation_requests;
  const PoolView v = view(pool, now);
  carry_out(pool, policies_[pool.id().value()]->decide(OverAllocationTrigger::kLowWater, v), v);
}

// ---------------------------------------------------------------- bindings

BindStatus AddressServer::bind(SubscriberId who, ProviderId isp, std::string_view region, SimTime now) {
  const std::optional<PoolId> id = find_pool(isp, region);
  if (!id) return BindStatus::kNoPool;
  Subscriber& s = record(who);
  if (s.pool.valid()) return s.pool == *id ? BindStatus::kBound : BindStatus::kAlreadyBound;
  AddressPool& pool = pool_mut(*id);
  PoolStats& st = pool.stats();
  ++st.bind_attempts;
  const double max_ratio = pool.config().max_ratio;
  if (max_ratio > 0 && st.bound + 1.0 > max_ratio * st.capacity) {
    ++st.over_allocation_requests;
    const PoolView v = view(pool, now);
    const PolicyDecision d = policies_[id->value()]->decide(OverAllocationTrigger::kBindOverRatio, v);
    carry_out(pool, d, v);
    if (d.outcome != PolicyDecision::Outcome::kAdmit) {
      ++st.binds_refused;
      return BindStatus::kRefused;
    }
  }
  const std::uint32_t ticket = s.ticket;  // tickets never repeat: old queue entries stay stale
  s = Subscriber{};
  s.pool = *id;
  s.ticket = ticket;
  ++st.bound;
  return BindStatus::kBound;
}

bool AddressServer::unbind(SubscriberId who, SimTime now) {
  if (!bound(who)) return false;
  Subscriber& s = subscribers_[who.value()];
  AddressPool& pool = pool_mut(s.pool);
  if (s.state == State::kWaiting) withdraw(who, now);
  if (s.state == State::kOnline || s.state == State::kLingering) release(who, now);
  --pool.stats().bound;
  ++pool.stats().unbinds;
  const std::uint32_t ticket = s.ticket;
  s = Subscriber{};
  s.ticket = ticket;
  return true;
}

// ---------------------------------------------------------------- leases

// An online lease in auto-renew mode never expires, so it stays out of the
// expiry heap: lease and release then cost O(1).
void AddressServer::set_online_expiry(AddressPool& pool, Slot slot, SimTime now) {
  if (config_.auto_renew) pool.clear_expiry(slot);
  else pool.set_expiry(slot, now + config_.lease_time);
}

void AddressServer::grant(AddressPool& pool, SubscriberId who, Slot slot, SimTime now) {
  Subscriber& s = subscribers_[who.value()];
  s.state = State::kOnline;
  s.slot = slot;
  s.previous = slot;
  s.renewed = now;
  pool.set_holder(slot, who.value());
  set_online_expiry(pool, slot, now);
  ++pool.stats().granted;
}

LeaseReply AddressServer::lease(SubscriberId who, SimTime now) {
  if (!bound(who)) return {LeaseStatus::kNotBound};
  Subscriber& s = subscribers_[who.value()];
  if (s.state == State::kOnline || s.state == State::kLingering) {
    renew(who, now);
    return {LeaseStatus::kGranted, s.slot};
  }
  if (s.state == State::kWaiting) return {LeaseStatus::kWaiting};
  AddressPool& pool = pool_mut(s.pool);
  PoolStats& st = pool.stats();
  ++st.attempts;
  const Slot slot = pool.allocate({s.previous}, rng_, who.value(), SlotState::kLeased);
  if (slot != kNoSlot) {
    grant(pool, who, slot, now);
    after_change(pool, now);
    return {LeaseStatus::kGranted, slot};
  }

  ++st.over_allocation_requests;
  const PoolView v = view(pool, now);
  const PolicyDecision d = policies_[s.pool.value()]->decide(OverAllocationTrigger::kLeaseExhausted, v);
  carry_out(pool, d, v);
  if (d.outcome == PolicyDecision::Outcome::kPreempt && v.idle_victim != kNoSlot) {
    const Slot victim_slot = v.idle_victim;
    const SubscriberId victim(pool.slot(victim_slot).holder);
    Subscriber& victim_record = subscribers_[victim.value()];
    victim_record.state = State::kIdle;
    victim_record.slot = kNoSlot;
    ++st.preempted;
    emit({AddressEffect::Kind::kLeaseRevoked, victim, pool.id(), victim_slot, {}, 0, 0});
    grant(pool, who, victim_slot, now);
    return {LeaseStatus::kGranted, victim_slot};
  }
  if (d.outcome == PolicyDecision::Outcome::kWait && d.wait_timeout > 0) {
    s.state = State::kWaiting;
    ++s.ticket;
    const Waiter w{who, s.ticket, now, now + d.wait_timeout};
    pool.waiters().push_back(w);
    pool.push_deadline(w);
    ++st.waited;
    ++st.waiting;
    return {LeaseStatus::kWaiting};
  }
  ++st.blocked;
  return {LeaseStatus::kBlocked};
}

bool AddressServer::renew(SubscriberId who, SimTime now) {
  const Subscriber* found = find(who);
  if (found == nullptr || (found->state != State::kOnline && found->state != State::kLingering)) return false;
  Subscriber& s = subscribers_[who.value()];
  AddressPool& pool = pool_mut(s.pool);
  s.state = State::kOnline;
  s.renewed = now;
  set_online_expiry(pool, s.slot, now);
  ++pool.stats().renewals;
  return true;
}

void AddressServer::free_slot(AddressPool& pool, Slot slot, SimTime now) {
  pool.free(slot);
  serve_waiters(pool, now);
  after_change(pool, now);
}

void AddressServer::end_lease(SubscriberId who, SimTime) {
  Subscriber& s = subscribers_[who.value()];
  s.state = State::kIdle;
  s.slot = kNoSlot;
}

bool AddressServer::release(SubscriberId who, SimTime now) {
  const auto held = lease_of(who);
  if (!held) return false;
  end_lease(who, now);
  AddressPool& pool = pool_mut(held->first);
  ++pool.stats().releases;
  free_slot(pool, held->second, now);
  return true;
}

bool AddressServer::vanish(SubscriberId who, SimTime now) {
  const Subscriber* found = find(who);
  if (found == nullptr || found->state != State::kOnline) return false;
  Subscriber& s = subscribers_[who.value()];
  s.state = State::kLingering;
  if (config_.auto_renew) {
    // The last renewal the device made before it went: renewals fall every
    // T1 = lease_time / 2 after the grant or the last explicit renew().
    const Duration t1 = config_.lease_time / 2;
    const double renewals = t1 > 0 ? std::floor((now - s.renewed) / t1) : 0.0;
    s.renewed += renewals * t1;
    pool_mut(s.pool).set_expiry(s.slot, s.renewed + config_.lease_time);
  }
  return true;
}

bool AddressServer::decline(SubscriberId who, SimTime now) {
  const auto held = lease_of(who);
  if (!held) return false;
  Subscriber& s = subscribers_[who.value()];
  end_lease(who, now);
  s.previous = kNoSlot;  // never stick to an address in conflict
  AddressPool& pool = pool_mut(held->first);
  pool.start_probation(held->second, now + config_.probation);
  ++pool.stats().declines;
  after_change(pool, now);
  return true;
}

bool AddressServer::forget(SubscriberId who, SimTime now, Duration probation) {
  const auto held = lease_of(who);
  if (!held) return false;
  Subscriber& s = subscribers_[who.value()];
  end_lease(who, now);
  s.previous = kNoSlot;  // the address may still be in use: never stick to it
  AddressPool& pool = pool_mut(held->first);
  pool.start_probation(held->second, now + probation);
  ++pool.stats().forgotten;
  after_change(pool, now);
  return true;
}

bool AddressServer::withdraw(SubscriberId who, SimTime) {
  const Subscriber* found = find(who);
  if (found == nullptr || found->state != State::kWaiting) return false;
  Subscriber& s = subscribers_[who.value()];
  s.state = State::kIdle;
  PoolStats& st = pool_mut(s.pool).stats();
  --st.waiting;
  ++st.wait_withdrawn;
  prune_waits(pool_mut(s.pool));
  return true;
}

void AddressServer::serve_waiters(AddressPool& pool, SimTime now) {
  auto& queue = pool.waiters();
  while (!queue.empty() && pool.free_count() > 0) {
    const Waiter w = queue.front();
    queue.pop_front();
    Subscriber& s = subscribers_[w.who.value()];
    if (s.state != State::kWaiting || s.ticket != w.ticket) continue;  // stale
    const Slot slot = pool.allocate({s.previous}, rng_, w.who.value(), SlotState::kLeased);
    PROVSIM_CHECK(slot != kNoSlot, "a free address vanished");
    grant(pool, w.who, slot, now);
    PoolStats& st = pool.stats();
    --st.waiting;
    ++st.wait_granted;
    st.total_wait += now - w.since;
    emit({AddressEffect::Kind::kLeaseGranted, w.who, pool.id(), slot, {}, 0, now - w.since});
  }
  prune_waits(pool);
}

// ---------------------------------------------------------------- time

bool AddressServer::sends_requests() const {
  for (const auto& p : policies_)
    if (p->sends_requests()) return true;
  return false;
}

SimTime AddressServer::pool_deadline(const AddressPool& p) const {
  SimTime next = kNever;
  if (!p.expiries().empty()) next = std::min(next, p.expiries().top_key());
  next = std::min(next, p.next_probation_end());
  if (p.has_deadline()) next = std::min(next, p.next_deadline().deadline);
  return std::min(next, p.loan_return_due());
}

SimTime AddressServer::next_deadline() const {
  if (!any_changed_) return next_;
  SimTime next = kNever;
  for (std::size_t i = 0; i < pools_.size(); ++i) {
    if (changed_[i]) {
      deadlines_[i] = pool_deadline(*pools_[i]);
      changed_[i] = 0;
    }
    next = std::min(next, deadlines_[i]);
  }
  any_changed_ = false;
  next_ = next;
  return next;
}

void AddressServer::expire(AddressPool& pool, SimTime now) {
  while (!pool.expiries().empty() && pool.expiries().top_key() <= now) {
    const Slot slot = pool.expiries().top();
    const SubscriberId who(pool.slot(slot).holder);
    end_lease(who, now);
    ++pool.stats().expiries;
    emit({AddressEffect::Kind::kLeaseExpired, who, pool.id(), slot, {}, 0, 0});
    free_slot(pool, slot, now);
  }
}

void AddressServer::time_out_waiters(AddressPool& pool, SimTime now) {
  while (pool.has_deadline() && pool.next_deadline().deadline <= now) {
    const Waiter w = pool.next_deadline();
    pool.pop_deadline();
    Subscriber& s = subscribers_[w.who.value()];
    if (s.state != State::kWaiting || s.ticket != w.ticket) continue;
    s.state = State::kIdle;
    PoolStats& st = pool.stats();
    --st.waiting;
    ++st.wait_timeouts;
    ++st.blocked;
    emit({AddressEffect::Kind::kLeaseBlocked, w.who, pool.id(), kNoSlot, {}, 0, now - w.since});
  }
  prune_waits(pool);
}

// A wait goes stale when it is served, withdrawn or unbound; its entries stay
// in the FIFO and the deadline heap until they reach the front. Dropping them
// there keeps next_deadline() exact and the FIFO no longer than the live
// waits and those behind them.
void AddressServer::prune_waits(AddressPool& pool) {
  auto live = [&](const Waiter& w) {
    const Subscriber& s = subscribers_[w.who.value()];
    return s.state == State::kWaiting && s.ticket == w.ticket;
  };
  while (!pool.waiters().empty() && !live(pool.waiters().front())) pool.waiters().pop_front();
  while (pool.has_deadline() && !live(pool.next_deadline())) pool.pop_deadline();
}

// A pool with nothing due by `now` is left alone: its queues hold no stale
// entry at their front (every change prunes them), so there is nothing to do.
void AddressServer::advance(SimTime now) {
  next_deadline();  // brings deadlines_ up to date
  for (std::size_t i = 0; i < pools_.size(); ++i) {
    if (deadlines_[i] > now) continue;
    AddressPool& pool = pool_mut(PoolId(static_cast<PoolId::rep>(i)));
    expire(pool, now);
    bool freed = false;
    while (pool.end_probation(now) != kNoSlot) freed = true;
    if (freed) {
      serve_waiters(pool, now);
      after_change(pool, now);
    }
    time_out_waiters(pool, now);
    if (pool.loan_return_due() <= now) return_loans(pool, now);
  }
  // The reserve has no leases, but declined reserve addresses cannot occur;
  // nothing else to do for it.
}

}  // namespace provsim
