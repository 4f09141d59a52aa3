#pragma once
// The rating engine's subscribers, packed for the per-event path. Each
// subscriber is a 24-byte entry in a dense array (ids are indexes); its
// subscription periods and its invoice accounts share one small heap block,
// periods first, and a period names its offering's account. So rating an
// event touches the entry, the block's period and one 32-byte account, and
// prefetch_* can start all three loads well before the event is rated.
//
// The store keeps the layout only; what the periods and accounts mean
// (which plan's rules apply, how an event is billed) is the engine's.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "model/core/strong_id.hpp"
#include "model/money/money.hpp"
#include "model/money/quantity.hpp"
#include "model/rating/rating_event.hpp"

namespace provsim {

class SubscriberStore {
 public:
  static constexpr std::uint16_t kNoAccount = 0xFFFF;
  // The stop of a period that lasts (period bounds are 32-bit whole
  // seconds: 68 years of simulated time).
  static constexpr std::int32_t kOpenPeriod = std::numeric_limits<std::int32_t>::max();

  // One offering of one plan, subscribed over [start, stop) in whole
  // seconds (stop kOpenPeriod while it lasts). 16 bytes: four per cache line.
  struct Period {
    OfferingId offering;
    PlanId plan;
    std::uint16_t account = kNoAccount;  // index in the accounts, once an event came
    std::uint16_t spare = 0;
    std::int32_t start = 0;
    std::int32_t stop = 0;
  };
  // Totals of one offering of a subscriber in the open cycle, made when its
  // first event is rated. They are the on-time line of the kind of that
  // first event; the engine adds an event of the other kind (a usage
  // offering sent a purchase, which is rare) or a late one elsewhere.
  // 32 bytes: two per cache line.
  struct Account {
    Quantity cycle_used;
    Quantity quantity;
    Money amount;
    std::uint32_t events = 0;
    OfferingId offering;
    EventKind kind = EventKind::kPurchase;
  };
  // 24 bytes. Periods, then accounts, in one heap block (one allocation,
  // usually one or two cache lines); room grows by about half when full.
  struct Subscriber {
    std::unique_ptr<std::byte[]> block;
    PlanId plan;
    bool known = false;
    bool open = false;
    std::uint16_t periods = 0, period_room = 0;
    std::uint16_t accounts = 0, account_room = 0;

    Period* period_data() const { return reinterpret_cast<Period*>(block.get()); }
    Account* account_data() const { return reinterpret_cast<Account*>(block.get() + period_room * sizeof(Period)); }
    std::span<Period> period_span() const { return {period_data(), periods}; }
    std::span<Account> account_span() const { return {account_data(), accounts}; }
    std::size_t block_bytes() const { return period_room * sizeof(Period) + account_room * sizeof(Account); }
  };

  std::size_t size() const { return subscribers_.size(); }
  bool contains(SubscriberId user) const { return user.value() < subscribers_.size(); }
  // `user` must be contained.
  Subscriber& operator[](SubscriberId user) { return subscribers_[user.value()]; }
  const Subscriber& operator[](SubscriberId user) const { return subscribers_[user.value()]; }
  std::span<Subscriber> all() { return subscribers_; }

  // The entry of `user`, made (empty, not known) if there is none yet.
  // Throws std::invalid_argument for an invalid id.
  Subscriber& for_change(SubscriberId user);

  // Makes room for `periods` periods and `accounts` accounts, exactly (no
  // slack), when there is less: for a subscriber whose needs are known up
  // front, so the block is sized once and not grown one item at a time.
  static void reserve(Subscriber& sub, std::size_t periods, std::size_t accounts);
  // Appends a period (moving the block when it is full).
  static void add_period(Subscriber& sub, const Period& period);
  // The account of `offering`, made (with the kind of its first event) if
  // there is none yet; may move the block.
  static std::uint16_t account_index(Subscriber& sub, OfferingId offering, EventKind kind);

  // The three stages of the per-event prefetch: the entry, then (once it is
  // likely cached) its block, then the account the offering's period names.
  // Forced inline: GCC sees an out-of-line function whose only effect is a
  // prefetch as free of side effects and drops every call to it.
  [[gnu::always_inline]] void prefetch_entry(SubscriberId user) const {
    if (contains(user)) __builtin_prefetch(&subscribers_[user.value()]);
  }
  [[gnu::always_inline]] void prefetch_block(SubscriberId user) const {
    if (!contains(user)) return;
    const Subscriber& s = subscribers_[user.value()];
    if (s.block) __builtin_prefetch(s.block.get());
  }
  [[gnu::always_inline]] void prefetch_account(SubscriberId user, OfferingId offering) const {
    if (!contains(user)) return;
    const Subscriber& s = subscribers_[user.value()];
    for (const Period& p : s.period_span())
      if (p.offering == offering) {
        if (p.account != kNoAccount) __builtin_prefetch(s.account_data() + p.account);
        return;
      }
  }

  // Bytes held: the entries and every block, heap-block overhead included.
  std::size_t bytes() const;

 private:
  static void grow(Subscriber& sub, std::size_t periods, std::size_t accounts);
  // Moves the block to one of the given rooms (at least what it holds).
  static void move_block(Subscriber& sub, std::uint16_t period_room, std::uint16_t account_room);

  std::vector<Subscriber> subscribers_;  // by subscriber id
};

}  // namespace provsim
