#pragma once
// The IP address server: pools of ISP addresses, bindings,
// leases, the allocators that choose addresses, the over-allocation policies,
// the network provider's reserve and its loans, reclamation and statistics.
//
// Driven by its caller: time comes in as `now`, randomness from the Rng it is
// given at construction, and anything slow or timed goes out as effects
// (address_effect.hpp). The caller schedules its next call for
// next_deadline() and then calls advance(now).
//
// Cost: per-subscriber state is a dense array indexed by SubscriberId, per
// address state a dense array per pool; leases, releases, renewals and
// expiries are O(log n) (the expiry heap) or O(1), and allocate nothing once
// the arrays have reached their size.
//
// Lease renewal has two modes (AddressServerConfig::auto_renew):
//   auto (default): an online lease renews itself every lease_time / 2 (the
//     DHCP T1) without a call per renewal. When its device vanishes
//     (vanish()), the lease expires lease_time after its last implicit renewal.
//   explicit: every lease expires lease_time after its grant or last renew();
//     the caller must call renew().
// A lease is idle (a preemption victim) when its device has vanished, or, in
// explicit mode, when it has not been renewed for idle_after. The victim is
// the pool's earliest-expiring lease, if that one is idle.

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/address/address_effect.hpp"
#include "model/address/address_plan.hpp"
#include "model/address/address_pool.hpp"
#include "model/address/allocator.hpp"
#include "model/address/over_allocation_policy.hpp"
#include "model/core/paged_array.hpp"
#include "model/core/random.hpp"

namespace provsim {

struct AddressServerConfig {
  Duration lease_time = 3600;
  bool auto_renew = true;
  Duration idle_after = 0;   // explicit mode: no renewal for this long = idle; 0: lease_time / 2
  Duration probation = 600;  // declined addresses rest this long
  PoolConfig pool;           // every pool's settings...
  std::vector<std::pair<ProviderId, PoolConfig>> pool_overrides;  // ...unless overridden per ISP
  bool pool_per_region = false;  // one pool per (ISP, region) instead of one per ISP
  PolicyOptions policy;
  AllocatorOptions allocator;
};

enum class BindStatus { kBound, kAlreadyBound, kRefused, kNoPool };
enum class LeaseStatus { kGranted, kWaiting, kBlocked, kNotBound };

struct LeaseReply {
  LeaseStatus status;
  Slot slot = kNoSlot;  // kGranted: the address (address_text(pool, slot))
};

class AddressServer {
 public:
  AddressServer(AddressPlan plan, AddressServerConfig config, Rng rng,
                const AllocatorRegistry& allocators = AllocatorRegistry::with_builtins(),
                const PolicyRegistry& policies = PolicyRegistry::with_builtins());
  ~AddressServer();
  AddressServer(const AddressServer&) = delete;
  AddressServer& operator=(const AddressServer&) = delete;

  // --- Pools.
  std::size_t pool_count() const { return pools_.size(); }
  // Starts loading what a lease or release of `who` reads (a hint).
  // Forced inline: GCC sees a function whose only effect is a prefetch as
  // free of side effects and drops every call to it (it did here).
  [[gnu::always_inline]] void prefetch(SubscriberId who) const {
    if (who.value() < subscribers_.size()) __builtin_prefetch(&subscribers_[who.value()]);
  }
  // Whether any pool's policy may send loan or block requests.
  bool sends_requests() const;
  const AddressPool& pool(PoolId id) const { return *pools_[id.value()]; }
  const AddressPool& reserve() const { return *reserve_; }
  // The pool serving `isp` in `region` (the ISP's region-less pool if it has
  // none for that region).
  std::optional<PoolId> find_pool(ProviderId isp, std::string_view region = {}) const;
  std::string address_text(const AddressPool& pool, Slot slot) const;
  const AddressPlan& plan() const { return plan_; }
  const AddressServerConfig& config() const { return config_; }

  // --- Provisioning. Binding an already bound subscriber to the same pool
  // is a no-op (a retried request); to another pool, kAlreadyBound.
  BindStatus bind(SubscriberId who, ProviderId isp, std::string_view region, SimTime now);
  // Releases any lease, withdraws any wait; false if not bound.
  bool unbind(SubscriberId who, SimTime now);

  // --- Sessions. lease() of a subscriber that holds a lease returns it again.
  LeaseReply lease(SubscriberId who, SimTime now);
  bool renew(SubscriberId who, SimTime now);
  bool release(SubscriberId who, SimTime now);
  // The device went away without releasing: the lease lingers to expiry.
  bool vanish(SubscriberId who, SimTime now);
  // The client found its address in use: the address rests in probation and
  // the subscriber has no lease (it will ask again).
  bool decline(SubscriberId who, SimTime now);
  // A waiting client gives up.
  bool withdraw(SubscriberId who, SimTime now);
  // The server lost its record of the lease (it was granted after the last
  // durable write of a server that crashed): the subscriber has no lease and
  // the address rests in probation for `probation`, as its client may still
  // be using it.
  bool forget(SubscriberId who, SimTime now, Duration probation);

  // --- Time and answers.
  // The earliest time advance() has work: an expiry, a probation end, a
  // waiting lease's timeout, a loan return; +inf when none.
  SimTime next_deadline() const;
  // Does everything due by `now`.
  void advance(SimTime now);
  // The answer to a kRequestLoan or kRequestBlock effect has arrived.
  void complete(RequestId request, SimTime now);

  std::span<const AddressEffect> effects() const { return effects_; }
  void clear_effects() { effects_.clear(); }

  // --- Queries.
  bool bound(SubscriberId who) const;
  std::optional<PoolId> pool_of(SubscriberId who) const;
  // The subscriber's current lease (pool and slot), if any.
  std::optional<std::pair<PoolId, Slot>> lease_of(SubscriberId who) const;
  bool waiting(SubscriberId who) const;
  // NP reserve addresses now lent to ISPs.
  std::uint32_t reserve_lent() const { return reserve_lent_; }

  // --- Invariants: empty when all hold, else one line per violation.
  std::vector<std::string> invariant_violations() const;
  // Throws std::logic_error listing the violations.
  void check_invariants() const;

 private:
  friend struct AddressServerTestPeer;
  enum class State : std::uint8_t { kIdle, kOnline, kLingering, kWaiting };
  struct Subscriber {
    PoolId pool;
    State state = State::kIdle;
    Slot slot = kNoSlot;      // the current lease
    Slot previous = kNoSlot;  // the last lease in this pool (sticky)
    SimTime renewed = 0;      // grant or last (explicit) renewal
    std::uint32_t ticket = 0; // the current wait
  };
  struct Request {
    AddressEffect::Kind kind;
    PoolId pool;
    std::uint32_t count;
    bool open;
  };

  // Every change to a pool goes through here (or advance()), which marks
  // its cached deadline for recomputation.
  AddressPool& pool_mut(PoolId id) {
    mark_changed(id.value());
    return *pools_[id.value()];
  }
  void mark_changed(std::size_t pool) {
    changed_[pool] = 1;
    any_changed_ = true;
  }
  SimTime pool_deadline(const AddressPool& pool) const;
  Subscriber& record(SubscriberId who);
  const Subscriber* find(SubscriberId who) const;
  const PoolConfig& config_for(ProviderId isp) const;
  std::uint32_t isp_loans(ProviderId isp) const;  // outstanding + asked for
  std::uint32_t borrow_room(const AddressPool& pool) const;  // what its ISP may still borrow

  PoolView view(const AddressPool& pool, SimTime now) const;
  Slot idle_victim(const AddressPool& pool, SimTime now) const;
  void carry_out(AddressPool& pool, const PolicyDecision& decision, const PoolView& view);
  RequestId open_request(AddressEffect::Kind kind, const AddressPool& pool, std::uint32_t count);
  void receive_loan(AddressPool& pool, RequestId id, std::uint32_t asked, SimTime now);
  void receive_block(AddressPool& pool, RequestId id);
  void grant(AddressPool& pool, SubscriberId who, Slot slot, SimTime now);
  void set_online_expiry(AddressPool& pool, Slot slot, SimTime now);
  void after_change(AddressPool& pool, SimTime now);
  void free_slot(AddressPool& pool, Slot slot, SimTime now);
  void serve_waiters(AddressPool& pool, SimTime now);
  void prune_waits(AddressPool& pool);
  void end_lease(SubscriberId who, SimTime now);  // release path
  void expire(AddressPool& pool, SimTime now);
  void time_out_waiters(AddressPool& pool, SimTime now);
  void return_loans(AddressPool& pool, SimTime now);
  void emit(AddressEffect effect) { effects_.push_back(effect); }

  AddressPlan plan_;
  AddressServerConfig config_;
  Rng rng_;
  std::vector<std::unique_ptr<AddressPool>> pools_;
  std::vector<std::unique_ptr<OverAllocationPolicy>> policies_;  // per pool
  std::unique_ptr<AddressPool> reserve_;
  std::uint32_t reserve_lent_ = 0;
  PagedArray<Subscriber> subscribers_;
  std::vector<Request> requests_;
  std::vector<AddressEffect> effects_;
  // next_deadline() is asked after every session event, and a session
  // event changes one pool: each pool's earliest deadline is kept, and
  // recomputed only for the pools changed since (a scan of every pool's
  // four queues per event was a visible share of a million-subscriber run).
  mutable std::vector<SimTime> deadlines_;      // by pool
  mutable std::vector<std::uint8_t> changed_;   // by pool: deadlines_ is stale
  mutable bool any_changed_ = true;
  mutable SimTime next_ = std::numeric_limits<SimTime>::infinity();
};

}  // namespace provsim
