// The ledger against a std::map doing the same: a party answers a retry
// from it, so a key recorded must be found with its first outcome, a key
// forgotten or never recorded must not be, through every rehash.
#include <gtest/gtest.h>

#include <map>

#include "model/core/random.hpp"
#include "model/provisioning/idempotency_ledger.hpp"

namespace provsim {
namespace {

TEST(IdempotencyLedger, AgreesWithAMapThroughRecordsForgetsAndRehashes) {
  IdempotencyLedger ledger;
  std::map<std::uint64_t, Outcome> model;
  Rng rng(11);
  const auto key = [&] {
    // Keys of a few thousand orders with a few tasks each, and their undoing.
    return IdempotencyKey::make(OrderId(static_cast<std::uint32_t>(rng.below(4000))),
                                static_cast<std::uint16_t>(rng.below(12)), rng.bernoulli(0.1));
  };
  for (int step = 0; step < 200000; ++step) {
    const IdempotencyKey k = key();
    const double u = rng.uniform();
    if (u < 0.6) {
      const Outcome o = rng.bernoulli(0.2)   ? Outcome::kPermanentError
                        : rng.bernoulli(0.3) ? Outcome::kTransientError
                                             : Outcome::kOk;
      ledger.record(k, o);
      if (o != Outcome::kTransientError) model.emplace(k.value, o);  // the first outcome stands
    } else if (u < 0.7) {
      ledger.forget(k);
      model.erase(k.value);
    } else {
      const auto it = model.find(k.value);
      const auto found = ledger.find(k);
      ASSERT_EQ(found.has_value(), it != model.end()) << "step " << step;
      if (found) ASSERT_EQ(*found, it->second) << "step " << step;
    }
    ASSERT_EQ(ledger.size(), model.size());
  }
  for (const auto& [value, outcome] : model) EXPECT_EQ(ledger.find(IdempotencyKey{value}), outcome);
}

TEST(IdempotencyLedger, KeepsTheLargestKeysAnOrderIdCanMake) {
  IdempotencyLedger ledger;
  const auto top = IdempotencyKey::make(OrderId(0xFFFFFFFEu), 0xFFFF, true);
  const auto zero = IdempotencyKey::make(OrderId(0), 0, false);
  ledger.record(top, Outcome::kPermanentError);
  ledger.record(zero, Outcome::kOk);
  EXPECT_EQ(ledger.find(top), Outcome::kPermanentError);
  EXPECT_EQ(ledger.find(zero), Outcome::kOk);
  ledger.forget(top);
  EXPECT_FALSE(ledger.find(top).has_value());
  EXPECT_EQ(ledger.find(zero), Outcome::kOk);
  EXPECT_FALSE(IdempotencyLedger().find(zero).has_value());
}

}  // namespace
}  // namespace provsim
