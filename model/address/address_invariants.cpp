// The address server's checks of its own books: every address in exactly
// one place, the pools' counters equal to what their tables hold, loans
// that balance between the reserve and the ISPs, and every lease known to
// both its pool and its subscriber. Tests call them, and every run counts
// the violations at its end (ip.invariant_violations); they cost a pass over
// every table.

#include <algorithm>
#include <stdexcept>

#include "model/address/address_server.hpp"

namespace provsim {
namespace {

std::uint64_t address_key(const SlotInfo& info) { return (std::uint64_t{info.block} << 32) | info.offset; }

}  // namespace

std::vector<std::string> AddressServer::invariant_violations() const {
  std::vector<std::string> out;
  auto where = [&](const AddressPool& p, Slot s) {
    return "pool " + std::to_string(p.id().value()) + " address " + address_text(p, s);
  };
  // Every place an address sits: its key (block << 32 | offset), the pool
  // (invalid: the reserve) and the slot.
  struct Place {
    std::uint64_t key;
    PoolId pool;
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
      places.push_back({address_key(info), pool.id(), s});
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
    else if (info.state != SlotState::kRetired) places.push_back({address_key(info), PoolId{}, s});
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
      if (!pl.pool.valid()) return "the reserve";
      const SlotInfo& info = pools_[pl.pool.value()]->slot(pl.slot);
      if (info.state == SlotState::kLeased) return "subscriber " + std::to_string(info.holder);
      return "pool " + std::to_string(pl.pool.value());
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
