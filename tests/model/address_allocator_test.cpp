#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "model/address/allocator.hpp"
#include "model/address/free_bitmap.hpp"
#include "model/address/sticky_allocator.hpp"
#include "model/core/random.hpp"

namespace provsim {
namespace {

TEST(FreeBitmap, FindsNextMemberAcrossLevels) {
  FreeBitmap b;
  b.resize(300000);  // four levels
  EXPECT_EQ(b.find_next(0), FreeBitmap::npos);
  b.insert(5);
  b.insert(64);
  b.insert(299999);
  EXPECT_EQ(b.count(), 3u);
  EXPECT_EQ(b.find_next(0), 5u);
  EXPECT_EQ(b.find_next(6), 64u);
  EXPECT_EQ(b.find_next(65), 299999u);
  b.erase(299999);
  EXPECT_EQ(b.find_next(65), FreeBitmap::npos);
  b.resize(400000);  // growing keeps members
  EXPECT_TRUE(b.contains(64));
  b.insert(399999);
  EXPECT_EQ(b.find_next(65), 399999u);
  EXPECT_EQ(b.count(), 3u);
}

TEST(FreeBitmap, AgreesWithStdSet) {
  FreeBitmap b;
  std::set<std::uint64_t> ref;
  b.resize(5000);
  Rng rng(7);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t x = rng.below(5000);
    if (rng.bernoulli(0.5)) {
      b.insert(x);
      ref.insert(x);
    } else {
      b.erase(x);
      ref.erase(x);
    }
    const std::uint64_t from = rng.below(5000);
    auto it = ref.lower_bound(from);
    ASSERT_EQ(b.find_next(from), it == ref.end() ? FreeBitmap::npos : *it);
  }
  EXPECT_EQ(b.count(), ref.size());
}

class EveryAllocator : public ::testing::TestWithParam<std::string> {};

// Random allocate/release sequences: an allocator never hands out a slot that
// is in use, finds a slot whenever one is free, and counts its free slots
// right, also while the slot space grows and slots are taken behind its back.
TEST_P(EveryAllocator, NeverDoubleAllocates) {
  const AllocatorRegistry registry = AllocatorRegistry::with_builtins();
  auto alloc = registry.create(GetParam());
  EXPECT_EQ(alloc->name(), GetParam());
  Rng rng = Rng::stream(42, GetParam());
  Slot size = 100;
  alloc->resize(size);
  std::vector<std::uint8_t> used(size, 0);
  for (Slot s = 0; s < size; ++s) alloc->on_free(s);
  std::vector<Slot> held;
  for (int step = 0; step < 30000; ++step) {
    const double u = rng.uniform();
    if (u < 0.5) {
      const Slot prev = static_cast<Slot>(rng.below(size));
      const Slot s = alloc->allocate({rng.bernoulli(0.5) ? prev : kNoSlot}, rng);
      const bool any_free = std::count(used.begin(), used.end(), 0) > 0;
      if (!any_free) {
        ASSERT_EQ(s, kNoSlot);
        continue;
      }
      ASSERT_NE(s, kNoSlot);
      ASSERT_LT(s, size);
      ASSERT_EQ(used[s], 0) << "slot " << s << " handed out twice";
      used[s] = 1;
      held.push_back(s);
    } else if (u < 0.95) {
      if (held.empty()) continue;
      const std::size_t i = rng.below(held.size());
      used[held[i]] = 0;
      alloc->on_free(held[i]);
      held[i] = held.back();
      held.pop_back();
    } else if (u < 0.99) {
      // Taken by another path (a loan handed back, say).
      const Slot s = static_cast<Slot>(rng.below(size));
      if (used[s]) continue;
      alloc->on_taken(s);
      used[s] = 1;
      held.push_back(s);
    } else if (size < 400) {
      size += 7;
      alloc->resize(size);
      used.resize(size, 0);
      for (Slot s = size - 7; s < size; ++s) alloc->on_free(s);
    }
    ASSERT_EQ(alloc->free_count(), static_cast<std::size_t>(std::count(used.begin(), used.end(), 0)));
  }
}

INSTANTIATE_TEST_SUITE_P(Address, EveryAllocator, ::testing::Values("iterative", "random", "free-queue", "sticky"));

std::vector<Slot> drain(Allocator& a, Rng& rng) {
  std::vector<Slot> out;
  for (Slot s; (s = a.allocate({}, rng)) != kNoSlot;) out.push_back(s);
  return out;
}

TEST(IterativeAllocator, HandsOutTheNextFreeAfterTheLastOne) {
  auto a = AllocatorRegistry::with_builtins().create("iterative");
  Rng rng(1);
  a->resize(5);
  for (Slot s = 0; s < 5; ++s) a->on_free(s);
  EXPECT_EQ(a->allocate({}, rng), 0u);
  EXPECT_EQ(a->allocate({}, rng), 1u);
  a->on_free(0);
  EXPECT_EQ(a->allocate({}, rng), 2u);  // continues after the last, not from 0
  EXPECT_EQ(a->allocate({}, rng), 3u);
  EXPECT_EQ(a->allocate({}, rng), 4u);
  EXPECT_EQ(a->allocate({}, rng), 0u);  // wraps
  EXPECT_EQ(a->allocate({}, rng), kNoSlot);
}

TEST(FreeQueueAllocator, ReusesTheLongestFreeAddress) {
  auto a = AllocatorRegistry::with_builtins().create("free-queue");
  Rng rng(1);
  a->resize(3);
  for (Slot s = 0; s < 3; ++s) a->on_free(s);
  EXPECT_EQ(a->allocate({}, rng), 0u);
  a->on_free(0);  // joins the tail, behind 1 and 2
  EXPECT_EQ(drain(*a, rng), (std::vector<Slot>{1, 2, 0}));
}

TEST(RandomAllocator, SpreadsOverThePool) {
  auto a = AllocatorRegistry::with_builtins().create("random");
  Rng rng(3);
  a->resize(10);
  std::vector<int> hits(10, 0);
  for (int i = 0; i < 10000; ++i) {
    for (Slot s = 0; s < 10; ++s) a->on_free(s);
    ++hits[a->allocate({}, rng)];
    drain(*a, rng);
  }
  for (int h : hits) EXPECT_GT(h, 850);  // 1000 expected each
}

TEST(StickyAllocator, ReturnsThePreviousAddressWhenFree) {
  auto a = AllocatorRegistry::with_builtins().create("sticky");
  Rng rng(1);
  a->resize(4);
  for (Slot s = 0; s < 4; ++s) a->on_free(s);
  EXPECT_EQ(a->allocate({}, rng), 0u);  // free-queue fallback
  EXPECT_EQ(a->allocate({2}, rng), 2u);  // sticky hit
  EXPECT_EQ(a->allocate({2}, rng), 1u);  // 2 is taken: fallback
  a->on_free(2);
  EXPECT_EQ(a->allocate({2}, rng), 2u);
  EXPECT_EQ(dynamic_cast<StickyAllocator&>(*a).hits(), 2u);
  EXPECT_EQ(drain(*a, rng), (std::vector<Slot>{3}));
}

TEST(AllocatorRegistry, NamesAndErrors) {
  AllocatorRegistry r = AllocatorRegistry::with_builtins();
  EXPECT_EQ(r.names(), (std::vector<std::string>{"free-queue", "iterative", "random", "sticky"}));
  try {
    r.create("best-fit");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown address allocator 'best-fit' (known: free-queue, iterative, random, sticky)");
  }
  AllocatorOptions o;
  o.sticky_fallback = "iterative";
  EXPECT_EQ(r.create("sticky", o)->name(), "sticky");
  o.sticky_fallback = "sticky";
  EXPECT_THROW(r.create("sticky", o), std::invalid_argument);
}

}  // namespace
}  // namespace provsim
