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
    if (block.spare) pool->spare_blocks.push_back(b);
    else pool->add_block(b, usable_range(block.prefix, plan_.v6_slice));
  }
  for (auto& p : pools_) p->update_marks(0);
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

std::uint32_t AddressServer::isp_loans(ProviderId isp) const {
  std::uint32_t n = 0;
  for (const auto& p : pools_)
    if (p->owner() == isp) n += p->stats().borrowed + (p->loan_in_flight ? p->loan_requested : 0);
  return n;
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
  const std::uint32_t loans = isp_loans(pool.owner());
  v.borrow_room = pool.config().borrow_cap > loans ? pool.config().borrow_cap - loans : 0;
  v.leased = st.leased;
  v.free = pool.free_count();
  v.bound = st.bound;
  v.waiting = st.waiting;
  v.loan_in_flight = pool.loan_in_flight;
  v.grow_in_flight = pool.grow_in_flight;
  v.spare_blocks = static_cast<std::uint32_t>(pool.spare_blocks.size());
  v.idle_victim = idle_victim(pool, now);
  return v;
}

void AddressServer::carry_out(AddressPool& pool, const PolicyDecision& decision, SimTime) {
  if (decision.borrow > 0 && !pool.loan_in_flight) {
    const std::uint32_t loans = isp_loans(pool.owner());
    const std::uint32_t room = pool.config().borrow_cap > loans ? pool.config().borrow_cap - loans : 0;
    const std::uint32_t n = std::min(decision.borrow, room);
    if (n > 0) {
      const RequestId id(static_cast<RequestId::rep>(requests_.size()));
      requests_.push_back({AddressEffect::Kind::kRequestLoan, pool.id(), n, true});
      pool.loan_in_flight = true;
      pool.loan_requested = n;
      ++pool.stats().loan_requests;
      emit({AddressEffect::Kind::kRequestLoan, {}, pool.id(), kNoSlot, id, n, 0});
    }
  }
  if (decision.grow && !pool.grow_in_flight && !pool.spare_blocks.empty()) {
    const RequestId id(static_cast<RequestId::rep>(requests_.size()));
    requests_.push_back({AddressEffect::Kind::kRequestBlock, pool.id(), 1, true});
    pool.grow_in_flight = true;
    ++pool.stats().grow_requests;
    emit({AddressEffect::Kind::kRequestBlock, {}, pool.id(), kNoSlot, id, 1, 0});
  }
}

void AddressServer::after_change(AddressPool& pool, SimTime now) {
  if (!pool.update_marks(now)) return;
  ++pool.stats().over_allocation_requests;
  carry_out(pool, policies_[pool.id().value()]->decide(OverAllocationTrigger::kLowWater, view(pool, now)), now);
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
    const PolicyDecision d = policies_[id->value()]->decide(OverAllocationTrigger::kBindOverRatio, view(pool, now));
    carry_out(pool, d, now);
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
  carry_out(pool, d, now);
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

SimTime AddressServer::next_deadline() const {
  SimTime next = kNever;
  for (const auto& p : pools_) {
    if (!p->expiries().empty()) next = std::min(next, p->expiries().top_key());
    next = std::min(next, p->next_probation_end());
    if (p->has_deadline()) next = std::min(next, p->next_deadline().deadline);
    next = std::min(next, p->loan_return_due());
  }
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

void AddressServer::return_loans(AddressPool& pool, SimTime now) {
  const PoolStats& st = pool.stats();
  const double high = pool.config().high_water;
  // Hand back as many free borrowed addresses as keep utilisation at or
  // below the high-water mark.
  const double keep = high > 0 ? std::ceil(st.leased / high) : st.leased;
  const std::uint32_t allowed = st.capacity > keep ? static_cast<std::uint32_t>(st.capacity - keep) : 0;
  const std::vector<Slot> back = pool.take_back_loans(std::min(allowed, st.borrowed));
  for (Slot r : back) reserve_->free(r);
  reserve_lent_ -= static_cast<std::uint32_t>(back.size());
  pool.stats().returned_total += back.size();
  if (!back.empty())
    emit({AddressEffect::Kind::kLoanReturned, {}, pool.id(), kNoSlot, {}, static_cast<std::uint32_t>(back.size()), 0});
  pool.restart_hold(now);
  after_change(pool, now);
}

void AddressServer::advance(SimTime now) {
  for (auto& p : pools_) {
    AddressPool& pool = *p;
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

void AddressServer::complete(RequestId id, SimTime now) {
  PROVSIM_CHECK(id.valid() && id.value() < requests_.size(), "unknown address request");
  Request& req = requests_[id.value()];
  PROVSIM_CHECK(req.open, "address request completed twice");
  req.open = false;
  AddressPool& pool = pool_mut(req.pool);
  PoolStats& st = pool.stats();
  if (req.kind == AddressEffect::Kind::kRequestLoan) {
    pool.loan_in_flight = false;
    pool.loan_requested = 0;
    const std::uint32_t loans = isp_loans(pool.owner());
    const std::uint32_t room = pool.config().borrow_cap > loans ? pool.config().borrow_cap - loans : 0;
    const std::uint32_t n = std::min({req.count, room, reserve_->free_count()});
    for (std::uint32_t i = 0; i < n; ++i) {
      const Slot r = reserve_->allocate({}, rng_, pool.id().value(), SlotState::kLent);
      pool.add_loan(reserve_->slot(r).block, reserve_->slot(r).offset, r);
    }
    reserve_lent_ += n;
    st.borrowed_total += n;
    emit({AddressEffect::Kind::kLoanGranted, {}, pool.id(), kNoSlot, id, n, 0});
    pool.restart_hold(now);
  } else {
    pool.grow_in_flight = false;
    std::uint32_t added = 0;
    if (!pool.spare_blocks.empty()) {
      const std::uint32_t block = pool.spare_blocks.front();
      pool.spare_blocks.erase(pool.spare_blocks.begin());
      const UsableRange range = usable_range(plan_.blocks[block].prefix, plan_.v6_slice);
      pool.add_block(block, range);
      added = static_cast<std::uint32_t>(range.count);
      ++st.grown_blocks;
      st.grown_addresses += added;
    }
    emit({AddressEffect::Kind::kBlockAdded, {}, pool.id(), kNoSlot, id, added, 0});
  }
  serve_waiters(pool, now);
  after_change(pool, now);
}

// ---------------------------------------------------------------- invariants

std::vector<std::string> AddressServer::invariant_violations() const {
  std::vector<std::string> out;
  auto where = [&](const AddressPool& p, Slot s) {
    return "pool " + std::to_string(p.id().value()) + " address " + address_text(p, s);
  };
  // Every place an address sits: (block << 32 | offset, pool index or -1, slot).
  struct Place {
    std::uint64_t key;
    int pool;
    Slot slot;
  };
  std::vector<Place> places;
  std::uint32_t borrowed_sum = 0;

  for (const auto& p : pools_) {
    const AddressPool& pool = *p;
    std::uint32_t leased = 0, free = 0, loans = 0, bound = 0;
    for (Slot s = 0; s < pool.slot_count(); ++s) {
      const SlotInfo& info = pool.slot(s);
      if (info.state == SlotState::kRetired) continue;
      places.push_back({(std::uint64_t{info.block} << 32) | info.offset, pool.id().value(), s});
      if (info.loan != kNoSlot) {
        ++loans;
        const bool ok = info.loan < reserve_->slot_count() && reserve_->slot(info.loan).state == SlotState::kLent &&
                        reserve_->slot(info.loan).holder == pool.id().value() &&
                        reserve_->slot(info.loan).block == info.block && reserve_->slot(info.loan).offset == info.offset;
        if (!ok) out.push_back(where(pool, s) + " is marked borrowed but the reserve has not lent it to this pool");
      } else {
        const bool own = std::find(pool.blocks().begin(), pool.blocks().end(), info.block) != pool.blocks().end() &&
                         plan_.blocks[info.block].owner == pool.owner();
        if (!own) out.push_back(where(pool, s) + " lies outside the pool's blocks and loans");
      }
      if (info.state == SlotState::kFree) ++free;
      if (info.state != SlotState::kLeased) {
        if (pool.expiries().contains(s)) out.push_back(where(pool, s) + " is not leased but has an expiry");
        continue;
      }
      ++leased;
      const Subscriber* holder = find(SubscriberId(info.holder));
      const bool expires = !config_.auto_renew || (holder != nullptr && holder->state == State::kLingering);
      if (expires != pool.expiries().contains(s))
        out.push_back(where(pool, s) + (expires ? " is leased but has no expiry" : " is online but has an expiry"));
      if (holder == nullptr || holder->pool != pool.id() || holder->slot != s ||
          (holder->state != State::kOnline && holder->state != State::kLingering))
        out.push_back(where(pool, s) + " is leased to subscriber " + std::to_string(info.holder) +
                      ", who does not hold it");
    }
    subscribers_.for_each([&](const Subscriber& sub) { bound += sub.pool == pool.id(); });
    const PoolStats& st = pool.stats();
    const std::string name = "pool " + std::to_string(pool.id().value());
    if (leased != st.leased) out.push_back(name + ": " + std::to_string(leased) + " addresses leased, stats say " +
                                           std::to_string(st.leased));
    if (free != pool.free_count())
      out.push_back(name + ": " + std::to_string(free) + " addresses free, the allocator holds " +
                    std::to_string(pool.free_count()));
    if (loans != st.borrowed)
      out.push_back(name + ": " + std::to_string(loans) + " borrowed addresses, stats say " + std::to_string(st.borrowed));
    if (st.capacity != st.own_capacity + st.borrowed) out.push_back(name + ": capacity is not own + borrowed");
    if (bound != st.bound)
      out.push_back(name + ": " + std::to_string(bound) + " subscribers bound, stats say " + std::to_string(st.bound));
    borrowed_sum += st.borrowed;
  }

  std::uint32_t lent = 0;
  for (Slot s = 0; s < reserve_->slot_count(); ++s) {
    const SlotInfo& info = reserve_->slot(s);
    if (info.state == SlotState::kLent) ++lent;  // counted where the borrower holds it
    else if (info.state != SlotState::kRetired) places.push_back({(std::uint64_t{info.block} << 32) | info.offset, -1, s});
  }
  if (lent != reserve_lent_ || reserve_lent_ != borrowed_sum)
    out.push_back("loans do not balance: the reserve has " + std::to_string(lent) + " addresses lent (counter " +
                  std::to_string(reserve_lent_) + "), the ISPs have " + std::to_string(borrowed_sum) + " borrowed");
  for (const auto& p : pools_) {
    const std::uint32_t loans = isp_loans(p->owner());
    if (loans > p->config().borrow_cap)
      out.push_back("provider " + std::to_string(p->owner().value()) + " has " + std::to_string(loans) +
                    " addresses on loan, over its cap of " + std::to_string(p->config().borrow_cap));
  }

  for (std::size_t i = 0; i < subscribers_.size(); ++i) {
    const Subscriber& sub = subscribers_[i];
    if (sub.state != State::kOnline && sub.state != State::kLingering) continue;
    const bool ok = sub.pool.valid() && sub.pool.value() < pools_.size() &&
                    sub.slot < pools_[sub.pool.value()]->slot_count() &&
                    pools_[sub.pool.value()]->slot(sub.slot).state == SlotState::kLeased &&
                    pools_[sub.pool.value()]->slot(sub.slot).holder == i;
    if (!ok) out.push_back("subscriber " + std::to_string(i) + " holds a lease its pool does not record");
  }

  std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) { return a.key < b.key; });
  for (std::size_t i = 1; i < places.size(); ++i) {
    if (places[i].key != places[i - 1].key) continue;
    const IpPrefix& prefix = plan_.blocks[places[i].key >> 32].prefix;
    const std::string addr = to_string(prefix.at(places[i].key & 0xFFFFFFFFu));
    auto holder = [&](const Place& pl) -> std::string {
      if (pl.pool < 0) return "the reserve";
      const SlotInfo& info = pools_[static_cast<std::size_t>(pl.pool)]->slot(pl.slot);
      if (info.state == SlotState::kLeased) return "subscriber " + std::to_string(info.holder);
      return "pool " + std::to_string(pl.pool);
    };
    out.push_back("address " + addr + " is held twice: by " + holder(places[i - 1]) + " and by " + holder(places[i]));
  }
  return out;
}

void AddressServer::check_invariants() const {
  const std::vector<std::string> violations = invariant_violations();
  if (violations.empty()) return;
  std::string text = "address server invariants broken:";
  for (const auto& v : violations) text += "\n  " + v;
  throw std::logic_error(text);
}

}  // namespace provsim
