#include "model/core/timing_wheel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <queue>
#include <vector>

#include "model/core/random.hpp"

namespace provsim {
namespace {

struct Ev {
  double at;
  std::uint64_t seq;
};
struct Later {
  bool operator()(const Ev& a, const Ev& b) const { return a.at != b.at ? a.at > b.at : a.seq > b.seq; }
};

// Drives the wheel and a binary heap with the same pushes and pops (never
// earlier than the last pop, as in a simulation) and checks they agree.
void compare_with_heap(double width, std::size_t slots, double mean_gap, double reach, std::uint64_t seed) {
  TimingWheel<Ev> wheel(width, slots);
  std::priority_queue<Ev, std::vector<Ev>, Later> heap;
  Rng rng = Rng::stream(seed, "wheel");
  std::uint64_t seq = 0;
  double now = 0;
  for (int i = 0; i < 200; ++i) {  // a starting population
    const Ev e{rng.uniform() * reach, seq++};
    wheel.push(e);
    heap.push(e);
  }
  for (int step = 0; step < 20000; ++step) {
    ASSERT_EQ(wheel.size(), heap.size());
    if (!heap.empty() && rng.bernoulli(0.1)) {  // a look, which later pushes must not upset
      ASSERT_EQ(wheel.top().seq, heap.top().seq);
    } else if (!heap.empty() && rng.bernoulli(0.5)) {
      ASSERT_EQ(wheel.top().at, heap.top().at);
      ASSERT_EQ(wheel.top().seq, heap.top().seq);
      now = heap.top().at;
      wheel.pop();
      heap.pop();
    } else {
      // Mostly near now, sometimes far beyond the wheel, sometimes at now
      // exactly (ties broken by seq).
      const double u = rng.uniform();
      const double at = u < 0.1 ? now : u < 0.2 ? now + rng.uniform() * reach * 50 : now + rng.exponential(mean_gap);
      const Ev e{at, seq++};
      wheel.push(e);
      heap.push(e);
    }
  }
  while (!heap.empty()) {
    ASSERT_EQ(wheel.top().seq, heap.top().seq);
    wheel.pop();
    heap.pop();
  }
  EXPECT_TRUE(wheel.empty());
}

TEST(TimingWheel, PopsInTheSameOrderAsABinaryHeap) {
  compare_with_heap(1.0, 1024, 30.0, 3600.0, 1);
}

TEST(TimingWheel, SparseEventsFarApartStillComeInOrder) {
  compare_with_heap(0.01, 64, 5000.0, 1e6, 2);
}

TEST(TimingWheel, DenseEventsInOneBucket) {
  compare_with_heap(1000.0, 64, 0.5, 10.0, 3);
}

TEST(TimingWheel, EventsAtTimeZeroAndPushesIntoTheCurrentBucket) {
  TimingWheel<Ev> wheel(10.0, 64);
  wheel.push({5.0, 0});
  wheel.push({0.0, 1});
  EXPECT_EQ(wheel.top().seq, 1u);
  wheel.pop();
  wheel.push({2.0, 2});  // into the bucket being read
  wheel.push({2.0, 3});
  EXPECT_EQ(wheel.top().seq, 2u);
  wheel.pop();
  EXPECT_EQ(wheel.top().seq, 3u);
  wheel.pop();
  EXPECT_EQ(wheel.top().seq, 0u);
  wheel.pop();
  EXPECT_TRUE(wheel.empty());
}

// next_few(n) is what the session actor fetches ahead: the coming pops of
// the current bucket, in the order they come.
TEST(TimingWheel, NextFewListsTheComingPopsInOrder) {
  TimingWheel<Ev> wheel(4.0, 64);
  Rng rng = Rng::stream(7, "next-few");
  std::uint64_t seq = 0;
  for (int i = 0; i < 5000; ++i) wheel.push(Ev{rng.uniform() * 400.0, seq++});
  std::size_t checked = 0, followed = 0;
  while (!wheel.empty()) {
    const Ev top = wheel.top();
    const auto few = wheel.next_few(4);
    ASSERT_LE(few.size(), 4u);
    const std::vector<Ev> coming(few.begin(), few.end());
    const std::uint64_t turns = wheel.turns();
    wheel.pop();
    if (!coming.empty()) EXPECT_EQ(coming.front().seq, top.seq);
    if (coming.size() > 1 && wheel.turns() == turns) {  // the same bucket: the next pop is the second listed
      EXPECT_EQ(wheel.top().seq, coming[1].seq);
      ++followed;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 5000u);
  EXPECT_GT(followed, 4000u);
  EXPECT_TRUE(wheel.next_few(4).empty());
}

// Looking at the earliest event does not turn the wheel: events pushed
// afterwards for earlier times (a population loaded in bulk after the
// session actor's first look) go into their own buckets and come out of a
// sorted bucket, not out of one heap holding them all.
TEST(TimingWheel, ALookDoesNotTurnTheWheel) {
  TimingWheel<Ev> wheel(10.0, 64);
  wheel.push({500.0, 0});
  EXPECT_EQ(wheel.top().seq, 0u);
  EXPECT_EQ(wheel.turns(), 0u);
  std::vector<Ev> early;
  for (std::uint64_t i = 1; i <= 50; ++i) early.push_back({static_cast<double>((i * 7) % 10), i});
  for (const Ev& e : early) {
    wheel.push(e);
    EXPECT_LT(wheel.top().at, 10.0);  // the look sees each earlier push
  }
  std::sort(early.begin(), early.end(), [](const Ev& a, const Ev& b) { return Later{}(b, a); });
  EXPECT_EQ(wheel.top().seq, early.front().seq);
  wheel.pop();
  EXPECT_EQ(wheel.turns(), 1u);
  const auto bucket = wheel.current_bucket();  // the rest of bucket 0, in pop order
  ASSERT_EQ(bucket.size(), 49u);
  for (std::size_t i = 0; i < bucket.size(); ++i) EXPECT_EQ(bucket[i].seq, early[i + 1].seq);
  for (std::size_t i = 1; i < early.size(); ++i) {
    EXPECT_EQ(wheel.top().seq, early[i].seq);
    wheel.pop();
  }
  EXPECT_EQ(wheel.top().seq, 0u);
  wheel.pop();
  EXPECT_TRUE(wheel.empty());
}

// A look at an event in the overflow (beyond the wheel's reach), then
// earlier pushes into the wheel and the overflow: each look is the least.
TEST(TimingWheel, ALookBeyondTheWheelFollowsEarlierPushes) {
  TimingWheel<Ev> wheel(1.0, 64);
  wheel.push({1000.0, 0});
  EXPECT_EQ(wheel.top().seq, 0u);
  wheel.push({900.0, 1});  // still beyond the reach, earlier
  EXPECT_EQ(wheel.top().seq, 1u);
  wheel.push({30.0, 2});  // within it
  EXPECT_EQ(wheel.top().seq, 2u);
  wheel.push({30.0, 3});  // a tie: the earlier seq stays first
  EXPECT_EQ(wheel.top().seq, 2u);
  for (std::uint64_t expected : {2u, 3u, 1u, 0u}) {
    EXPECT_EQ(wheel.top().seq, expected);
    wheel.pop();
  }
  EXPECT_TRUE(wheel.empty());
}

}  // namespace
}  // namespace provsim
