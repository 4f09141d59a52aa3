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
    if (!heap.empty() && rng.bernoulli(0.1)) {  // a peek: it may turn the wheel ahead of later pushes
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

// next_few() is what the session actor fetches ahead: when it holds
// anything, its first event is the next pop, and the pop after that is
// one of the others (or needs a turn of the wheel).
TEST(TimingWheel, NextFewHoldsTheNextPopAndTheOneAfter) {
  TimingWheel<Ev> wheel(4.0, 64);
  Rng rng = Rng::stream(7, "next-few");
  std::uint64_t seq = 0;
  for (int i = 0; i < 5000; ++i) wheel.push(Ev{rng.uniform() * 400.0, seq++});
  std::size_t checked = 0, second_seen = 0;
  while (!wheel.empty()) {
    const Ev top = wheel.top();
    const auto few = wheel.next_few();
    ASSERT_FALSE(few.empty());
    ASSERT_LE(few.size(), 3u);
    EXPECT_EQ(few.front().seq, top.seq);
    std::vector<std::uint64_t> others;
    for (std::size_t i = 1; i < few.size(); ++i) others.push_back(few[i].seq);
    wheel.pop();
    const auto after = wheel.next_few();
    if (!after.empty()) {  // the same bucket: the next pop was one of the others
      EXPECT_NE(std::find(others.begin(), others.end(), after.front().seq), others.end());
      ++second_seen;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 5000u);
  EXPECT_GT(second_seen, 4000u);
  EXPECT_TRUE(wheel.next_few().empty());
}

}  // namespace
}  // namespace provsim
