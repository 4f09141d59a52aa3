// RefundLog: the originals a refund may reference, in 24-byte records.
#include <gtest/gtest.h>

#include <algorithm>

#include "model/rating/refund_log.hpp"

namespace provsim {
namespace {

RefundOriginal original(std::int64_t charge_micros, std::int64_t quantity_millis, std::uint32_t user) {
  return RefundOriginal{Money::from_micros(charge_micros), Quantity::from_millis(quantity_millis), SubscriberId(user),
                        OfferingId(3), PlanId(2)};
}

void expect_found(const RefundLog& log, ProviderId bsp, std::uint64_t id, const RefundOriginal& want) {
  RefundOriginal got;
  ASSERT_TRUE(log.find(bsp, id, got)) << id;
  EXPECT_EQ(got.charge, want.charge);
  EXPECT_EQ(got.quantity, want.quantity);
  EXPECT_EQ(got.user, want.user);
  EXPECT_EQ(got.offering, want.offering);
  EXPECT_EQ(got.plan, want.plan);
}

TEST(RatingRefundLog, FindsWhatWasAddedAndNothingElse) {
  RefundLog log;
  const ProviderId a(0), b(1);
  for (std::uint64_t id = 10; id < 1000; id += 3) log.add(a, id, original(static_cast<std::int64_t>(id) * 7, 1000, 5));
  log.add(b, 11, original(1, 2, 3));
  expect_found(log, a, 13, original(13 * 7, 1000, 5));
  expect_found(log, b, 11, original(1, 2, 3));
  RefundOriginal out;
  EXPECT_FALSE(log.find(a, 11, out));
  EXPECT_FALSE(log.find(a, 9, out));
  EXPECT_FALSE(log.find(b, 13, out));
  EXPECT_FALSE(log.find(ProviderId(7), 13, out));
}

// Negative, huge and 48-bit-edge amounts, ids out of order or far away: all
// come back exactly (the ones that do not fit a record are kept whole).
TEST(RatingRefundLog, KeepsEveryValueExactly) {
  RefundLog log;
  const ProviderId bsp(2);
  const std::int64_t edge = (std::int64_t{1} << 47);
  const std::vector<std::pair<std::uint64_t, RefundOriginal>> cases = {
      {100, original(-5, -1, 1)},
      {101, original(edge - 1, -edge, 2)},
      {102, original(edge, 1, 3)},                 // charge does not fit 48 bits
      {103, original(-edge - 1, edge, 4)},         // neither does
      {104, original(std::int64_t{1} << 62, 0, 0xFFFFFFFEu)},
      {50, original(9, 9, 9)},                     // out of order
      {100 + (std::uint64_t{1} << 33), original(8, 8, 8)},  // too far for a 32-bit offset
      {105, original(0x12345678ABCDLL, 0x7FFFFFFFFFLL, 6)},
  };
  for (const auto& [id, o] : cases) log.add(bsp, id, o);
  for (const auto& [id, o] : cases) expect_found(log, bsp, id, o);
  EXPECT_EQ(log.size(), cases.size());
}

TEST(RatingRefundLog, AWindowKeepsTheMostRecent) {
  RefundLog log(1000);
  const ProviderId bsp(0);
  for (std::uint64_t id = 1; id <= 20'000; ++id) log.add(bsp, id, original(1, 1, 1));
  RefundOriginal out;
  EXPECT_FALSE(log.find(bsp, 19'000, out));
  EXPECT_TRUE(log.find(bsp, 19'001, out));
  EXPECT_TRUE(log.find(bsp, 20'000, out));
  EXPECT_EQ(log.size(), 1000u);
  EXPECT_LT(log.bytes(), 400'000u);  // compacted: not 20,000 records
}

// The bounded window is a ring: after it has wrapped many times, every
// record within the window comes back exactly, none older; windows that are
// not powers of two, of 1 and of 0 (keep nothing) included.
TEST(RatingRefundLog, ARingWindowFindsExactlyTheLastRecords) {
  for (std::size_t window : {std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{100}, std::size_t{4096}}) {
    RefundLog log(window);
    const ProviderId a(0), b(3);
    const std::uint64_t first = 1000, last = 1000 + 3 * window + 77;
    for (std::uint64_t id = first; id <= last; ++id) {
      log.add(a, id, original(static_cast<std::int64_t>(id) * 11 - 5000, static_cast<std::int64_t>(id % 977),
                              static_cast<std::uint32_t>(id % 13)));
      if (id % 2 == 0) log.add(b, id, original(1, 1, 1));
    }
    RefundOriginal out;
    for (std::uint64_t id = first - 2; id <= last + 2; ++id) {
      const bool kept = id <= last && id + window > last;
      if (kept)
        expect_found(log, a, id, original(static_cast<std::int64_t>(id) * 11 - 5000, static_cast<std::int64_t>(id % 977),
                                          static_cast<std::uint32_t>(id % 13)));
      else
        EXPECT_FALSE(log.find(a, id, out)) << "window " << window << " id " << id;
    }
    const std::size_t b_count = std::min<std::size_t>(window, (last - first) / 2 + 1);
    EXPECT_EQ(log.size(), std::min<std::size_t>(window, last - first + 1) + b_count) << window;
    EXPECT_LE(log.bytes(), 2 * 24 * window + 4096) << window;
  }
}

// Records that do not fit (out of order) go aside, also with a window.
TEST(RatingRefundLog, ARingWindowKeepsOutOfOrderRecordsAside) {
  RefundLog log(8);
  const ProviderId bsp(0);
  for (std::uint64_t id = 10; id < 30; ++id) log.add(bsp, id, original(1, 1, 1));
  log.add(bsp, 5, original(7, 7, 7));  // below the first id
  log.add(bsp, 25, original(8, 8, 8));  // not above the newest
  expect_found(log, bsp, 5, original(7, 7, 7));
  expect_found(log, bsp, 29, original(1, 1, 1));
  log.add(bsp, 30, original(2, 2, 2));
  expect_found(log, bsp, 30, original(2, 2, 2));
}

TEST(RatingRefundLog, CountsWhatWasRefunded) {
  RefundLog log;
  const ProviderId bsp(0);
  log.add(bsp, 1, original(100, 1, 1));
  EXPECT_EQ(log.refunded(bsp, 1), Money{});
  log.add_refunded(bsp, 1, Money::from_micros(30));
  log.add_refunded(bsp, 1, Money::from_micros(20));
  EXPECT_EQ(log.refunded(bsp, 1), Money::from_micros(50));
  EXPECT_EQ(log.refunded(bsp, 2), Money{});
}

}  // namespace
}  // namespace provsim
