// SeenIds (the engine's duplicate detection) against a std::set reference
// over random id streams: it must be exact (a duplicate is always found, a
// new id is never taken for one), and for ids in sequence its memory must
// not grow with the number of ids.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "model/core/random.hpp"
#include "model/rating/seen_ids.hpp"

namespace provsim {
namespace {

// Feeds `ids` (bsp, id) to SeenIds and to a std::set; they must agree on
// every one.
void expect_exact(const std::vector<std::pair<ProviderId, std::uint64_t>>& ids, SeenIds& seen) {
  std::set<std::pair<std::uint16_t, std::uint64_t>> reference;
  std::size_t i = 0;
  for (const auto& [bsp, id] : ids) {
    const bool expected = reference.insert({bsp.value(), id}).second;
    ASSERT_EQ(seen.insert(bsp, id), expected) << "id " << id << " of bsp " << bsp.value() << " at " << i;
    ++i;
  }
}

// A BSP's feed: ids in sequence from `first`, sent in batches; `shuffle`
// permutes each batch, a share of batches is resent later, a share of ids is
// never sent (lost), and some ids jump far away.
struct Feed {
  std::uint64_t first = 1;
  std::size_t batches = 200;
  std::size_t batch = 300;
  bool shuffle = false;
  double resend = 0.0;
  double lost = 0.0;
  double jump = 0.0;
};

std::vector<std::pair<ProviderId, std::uint64_t>> stream(const Feed& f, ProviderId bsp, Rng& rng) {
  std::vector<std::pair<ProviderId, std::uint64_t>> out;
  std::vector<std::vector<std::uint64_t>> sent;
  std::uint64_t next = f.first;
  for (std::size_t b = 0; b < f.batches; ++b) {
    std::vector<std::uint64_t> batch;
    for (std::size_t i = 0; i < f.batch; ++i) {
      const std::uint64_t id = next++;
      if (rng.bernoulli(f.lost)) continue;
      if (rng.bernoulli(f.jump)) {
        batch.push_back(id + 1'000'000'000ULL + rng.below(1'000'000));  // scripted, far away
        if (rng.bernoulli(0.5)) batch.push_back(rng.below(f.first + 1));  // or below the start
        continue;
      }
      batch.push_back(id);
    }
    if (f.shuffle)
      for (std::size_t i = batch.size(); i > 1; --i) std::swap(batch[i - 1], batch[rng.below(i)]);
    for (auto id : batch) out.emplace_back(bsp, id);
    sent.push_back(batch);
    if (rng.bernoulli(f.resend)) {  // a recent batch again
      const auto& again = sent[sent.size() - 1 - rng.below(std::min<std::size_t>(sent.size(), 10))];
      for (auto id : again) out.emplace_back(bsp, id);
    }
  }
  return out;
}

TEST(RatingSeenIds, InOrderIdsAreExactAndNeedNoMemoryPerId) {
  Rng rng = Rng::stream(1, "seen-ids");
  SeenIds seen;
  const auto ids = stream(Feed{.first = 1, .batches = 1000, .batch = 500}, ProviderId(0), rng);
  expect_exact(ids, seen);
  EXPECT_LE(seen.exceptions(), 1u);  // id 0 (before the first) at most
  EXPECT_LE(seen.bytes(), 16'384u);
}

TEST(RatingSeenIds, ShuffledBatchesAndResendsAreExact) {
  Rng rng = Rng::stream(2, "seen-ids");
  SeenIds seen;
  expect_exact(stream(Feed{.first = 7, .batches = 400, .batch = 700, .shuffle = true, .resend = 0.2}, ProviderId(3),
                      rng),
               seen);
  EXPECT_LE(seen.exceptions(), 64u);
}

TEST(RatingSeenIds, LostIdsCostOneEntryEachAndStayNew) {
  Rng rng = Rng::stream(3, "seen-ids");
  SeenIds seen;
  auto ids = stream(Feed{.first = 100, .batches = 400, .batch = 500, .shuffle = true, .resend = 0.1, .lost = 0.001},
                    ProviderId(1), rng);
  expect_exact(ids, seen);
  EXPECT_LT(seen.exceptions(), 600u);  // about 200 lost ids (+ the word before the first)
  // The lost ones come in late after all: each is new exactly once.
  std::set<std::uint64_t> sent;
  for (const auto& [bsp, id] : ids) sent.insert(id);
  for (std::uint64_t id = 100; id < 100 + 400 * 500; ++id)
    if (!sent.contains(id)) {
      EXPECT_TRUE(seen.insert(ProviderId(1), id)) << id;
      EXPECT_FALSE(seen.insert(ProviderId(1), id)) << id;
    }
}

TEST(RatingSeenIds, FarJumpsAndIdsBelowTheStartAreExact) {
  Rng rng = Rng::stream(4, "seen-ids");
  SeenIds seen;
  auto ids = stream(Feed{.first = 5000, .batches = 300, .batch = 400, .shuffle = true, .resend = 0.2, .jump = 0.01},
                    ProviderId(0), rng);
  // Scripted ids are resent too, and reach the window later.
  for (std::size_t i = 0; i < 500; ++i) ids.push_back(ids[rng.below(ids.size())]);
  expect_exact(ids, seen);
}

TEST(RatingSeenIds, StreamsOfSeveralBspsAreKeptApart) {
  Rng rng = Rng::stream(5, "seen-ids");
  std::vector<std::pair<ProviderId, std::uint64_t>> all;
  for (std::uint16_t b = 0; b < 4; ++b) {
    auto ids = stream(Feed{.first = 1, .batches = 100, .batch = 300, .shuffle = b % 2 == 1, .resend = 0.2},
                      ProviderId(b), rng);
    all.insert(all.end(), ids.begin(), ids.end());
  }
  // Interleave the BSPs' streams, keeping each one's order.
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second / 300 < b.second / 300; });
  SeenIds seen;
  expect_exact(all, seen);
}

TEST(RatingSeenIds, RandomIdsInAWideRangeAreExact) {
  Rng rng = Rng::stream(6, "seen-ids");
  for (std::uint64_t range : {100ULL, 70'000ULL, 200'000ULL, 10'000'000ULL}) {
    std::vector<std::pair<ProviderId, std::uint64_t>> ids;
    for (std::size_t i = 0; i < 50'000; ++i) ids.emplace_back(ProviderId(0), rng.below(range));
    SeenIds seen;
    expect_exact(ids, seen);
  }
}

// The window moves up over an id that never came; the id is a hole, and the
// window keeps moving on.
TEST(RatingSeenIds, AGapIsRememberedExactly) {
  SeenIds seen;
  const ProviderId bsp(0);
  for (std::uint64_t id = 0; id < 3 * SeenIds::kWindow; ++id)
    if (id != 1234) {
      ASSERT_TRUE(seen.insert(bsp, id));
    }
  EXPECT_EQ(seen.exceptions(), 1u);
  EXPECT_FALSE(seen.insert(bsp, 1233));
  EXPECT_TRUE(seen.insert(bsp, 1234));
  EXPECT_FALSE(seen.insert(bsp, 1234));
  EXPECT_EQ(seen.exceptions(), 0u);
}

}  // namespace
}  // namespace provsim
