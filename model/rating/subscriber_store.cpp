#include "model/rating/subscriber_store.hpp"

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>

#include "model/core/check.hpp"

namespace provsim {

SubscriberStore::Subscriber& SubscriberStore::for_change(SubscriberId user) {
  if (!user.valid()) throw std::invalid_argument("invalid subscriber id");
  if (user.value() >= subscribers_.size()) subscribers_.resize(user.value() + 1u);
  return subscribers_[user.value()];
}

// Makes room for `periods` periods and `accounts` accounts in the block,
// with some slack so that adding one at a time does not copy each time.
void SubscriberStore::grow(Subscriber& sub, std::size_t periods, std::size_t accounts) {
  // Half again as much room as the block has, but never less than asked, so
  // that reserve's size check still sees a request that cannot fit.
  const auto room = [](std::size_t need, std::uint16_t have) -> std::size_t {
    if (need <= have) return have;
    return std::max<std::size_t>(need, std::min<std::size_t>(kNoAccount - 1, have + have / 2u));
  };
  reserve(sub, room(periods, sub.period_room), room(accounts, sub.account_room));
}

void SubscriberStore::reserve(Subscriber& sub, std::size_t periods, std::size_t accounts) {
  if (periods <= sub.period_room && accounts <= sub.account_room) return;
  PROVSIM_CHECK(periods < kNoAccount && accounts < kNoAccount, "too many periods for one subscriber");
  move_block(sub, static_cast<std::uint16_t>(std::max<std::size_t>(periods, sub.period_room)),
             static_cast<std::uint16_t>(std::max<std::size_t>(accounts, sub.account_room)));
}

void SubscriberStore::move_block(Subscriber& sub, std::uint16_t period_room, std::uint16_t account_room) {
  Subscriber next;
  next.period_room = period_room;
  next.account_room = account_room;
  next.block = std::make_unique<std::byte[]>(next.block_bytes());
  if (sub.periods) std::memcpy(next.period_data(), sub.period_data(), sub.periods * sizeof(Period));
  if (sub.accounts) std::memcpy(next.account_data(), sub.account_data(), sub.accounts * sizeof(Account));
  sub.block = std::move(next.block);
  sub.period_room = next.period_room;
  sub.account_room = next.account_room;
}

void SubscriberStore::add_period(Subscriber& sub, const Period& period) {
  grow(sub, sub.periods + 1u, sub.accounts);
  new (sub.period_data() + sub.periods) Period{period};
  ++sub.periods;
}

std::uint16_t SubscriberStore::account_index(Subscriber& sub, OfferingId offering, EventKind kind) {
  for (std::uint16_t i = 0; i < sub.accounts; ++i)
    if (sub.account_data()[i].offering == offering) return i;
  grow(sub, sub.periods, sub.accounts + 1u);
  Account* acc = new (sub.account_data() + sub.accounts) Account{};
  acc->offering = offering;
  acc->kind = kind;
  return sub.accounts++;
}

std::size_t SubscriberStore::bytes() const {
  constexpr std::size_t kMallocOverhead = 16;  // per heap block, glibc
  std::size_t n = subscribers_.capacity() * sizeof(Subscriber);
  for (const Subscriber& s : subscribers_)
    if (s.block) n += s.block_bytes() + kMallocOverhead;
  return n;
}

}  // namespace provsim
