// The rating engine's per-subscriber block: periods and accounts survive
// every move of the block, and a block reserved for what a subscriber will
// hold is not moved again while that is all it holds.
#include <gtest/gtest.h>

#include "model/rating/subscriber_store.hpp"

namespace provsim {
namespace {

using Store = SubscriberStore;

Store::Period period(std::uint16_t offering, std::int32_t start) {
  return Store::Period{OfferingId(offering), PlanId(1), Store::kNoAccount, 0, start, Store::kOpenPeriod};
}

TEST(SubscriberStore, AReservedBlockIsNotMovedWhileItsRoomLasts) {
  Store store;
  Store::Subscriber& sub = store.for_change(SubscriberId(3));
  Store::reserve(sub, 6, 4);
  EXPECT_EQ(sub.period_room, 6);
  EXPECT_EQ(sub.account_room, 4);
  const std::byte* block = sub.block.get();
  for (std::uint16_t o = 0; o < 6; ++o) Store::add_period(sub, period(o, o * 10));
  for (std::uint16_t o = 2; o < 6; ++o) EXPECT_EQ(Store::account_index(sub, OfferingId(o), EventKind::kUsage), o - 2);
  EXPECT_EQ(sub.block.get(), block);
  // Asking again for an account already there finds it.
  EXPECT_EQ(Store::account_index(sub, OfferingId(4), EventKind::kUsage), 2);
  // Reserving less than is held changes nothing.
  Store::reserve(sub, 2, 1);
  EXPECT_EQ(sub.block.get(), block);
  EXPECT_EQ(sub.period_room, 6);
}

TEST(SubscriberStore, PeriodsAndAccountsSurviveEveryMove) {
  Store store;
  Store::Subscriber& sub = store.for_change(SubscriberId(0));
  for (std::uint16_t o = 0; o < 40; ++o) {
    Store::add_period(sub, period(o, o));
    const std::uint16_t a = Store::account_index(sub, OfferingId(o), o % 2 ? EventKind::kUsage : EventKind::kPurchase);
    sub.account_data()[a].events = o + 1u;
    if (o == 20) Store::reserve(sub, 64, 64);  // a move between the grown ones
  }
  ASSERT_EQ(sub.periods, 40);
  ASSERT_EQ(sub.accounts, 40);
  for (std::uint16_t o = 0; o < 40; ++o) {
    EXPECT_EQ(sub.period_data()[o].offering, OfferingId(o));
    EXPECT_EQ(sub.period_data()[o].start, o);
    EXPECT_EQ(sub.account_data()[o].offering, OfferingId(o));
    EXPECT_EQ(sub.account_data()[o].events, o + 1u);
    EXPECT_EQ(sub.account_data()[o].kind, o % 2 ? EventKind::kUsage : EventKind::kPurchase);
  }
}

}  // namespace
}  // namespace provsim
