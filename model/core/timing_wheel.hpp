#pragma once
// A priority queue of timed events for an actor that owns many of them
// (a million subscribers' next session start or end): a timing wheel, as in
// a calendar queue (R. Brown, CACM 1988) or the kernel's timer wheel.
//
// Time is cut into buckets of `width` seconds; the wheel holds the next
// `slots` buckets as unsorted vectors, so a push is an append. A bucket
// becomes a small binary heap when it is the current one (it holds few
// events when the width is near the mean spacing of events); pushes at or
// before the current bucket go into that heap, so even a million pushes
// before the first pop (a population loaded in bulk) cost O(log n) each. Events beyond the wheel's
// reach wait in a binary heap and move into the wheel as it turns. A bitmap
// of non-empty buckets lets sparse queues skip empty time quickly.
//
// Why not std::priority_queue: with a million pending events every push and
// pop walks ~20 levels of a 32 MB heap, a cache miss per level; here a push
// touches one bucket and a pop reads a small sorted vector.
//
// Order: by (at, seq), the same total order a heap on that key gives, so the
// choice of queue never changes a run's results. `Event` needs `double at`
// and an unsigned `seq` (unique, the caller's insertion counter). Events
// must not be pushed earlier than the last one popped.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <queue>
#include <span>
#include <vector>

#include "model/core/check.hpp"

namespace provsim {

template <class Event>
class TimingWheel {
 public:
  // `slots` is rounded up to a power of two. The default reaches 36 hours
  // ahead (a session's idle time, mostly) in 4-second buckets: a push lands
  // in a random bucket, and 2^15 bucket headers (768 KB) stay in a core's
  // L2 cache where 2^17 one-second ones (3 MB) did not; the current bucket's
  // heap, a few hundred events at a million subscribers, stays in L1.
  explicit TimingWheel(double width = 4.0, std::size_t slots = std::size_t{1} << 15)
      : width_(width), slots_(std::bit_ceil(std::max<std::size_t>(slots, 64))), buckets_(slots_), bits_(slots_ / 64) {
    PROVSIM_CHECK(width > 0, "timing wheel bucket width must be positive");
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // The events of the current bucket (in no particular order) and how many
  // times the wheel has turned: a caller can fetch ahead what the next
  // pops will touch when a new bucket comes up.
  const std::vector<Event>& current_bucket() const { return ready_; }
  std::uint64_t turns() const { return turns_; }

  // The events top() returns next, as far as the current bucket tells
  // without work: the first of the bucket's heap and its two children, one
  // of which comes second (empty when the wheel would have to turn). A
  // caller can fetch ahead what handling them will touch while it handles
  // the one before.
  std::span<const Event> next_few() const { return {ready_.data(), std::min<std::size_t>(ready_.size(), 3)}; }

  void push(const Event& e) {
    ++size_;
    const std::uint64_t b = bucket_of(e.at);
    if (active_ && b <= current_) {  // the current bucket's heap
      ready_.push_back(e);
      std::push_heap(ready_.begin(), ready_.end(), Later{});
      return;
    }
    if (b < current_ + slots_) {
      place(b, e);
    } else {
      overflow_.push(e);
    }
  }

  // The earliest event. Precondition: not empty.
  const Event& top() {
    if (ready_.empty()) turn();
    return ready_.front();
  }

  void pop() {
    top();
    std::pop_heap(ready_.begin(), ready_.end(), Later{});
    ready_.pop_back();
    --size_;
  }

 private:
  struct Later {  // a min-heap on (at, seq)
    bool operator()(const Event& a, const Event& b) const { return a.at != b.at ? a.at > b.at : a.seq > b.seq; }
  };

  std::uint64_t bucket_of(double at) const {
    const double b = std::floor(at / width_);
    return b > 0 ? static_cast<std::uint64_t>(b) : 0;
  }

  void place(std::uint64_t b, const Event& e) {
    const std::size_t slot = b & (slots_ - 1);
    buckets_[slot].push_back(e);
    bits_[slot / 64] |= std::uint64_t{1} << (slot % 64);
  }

  // Moves the clock to the next non-empty bucket (in the wheel or, if
  // earlier, the overflow's first), brings overflow events into reach, and
  // makes that bucket the heap ready_.
  void turn() {
    PROVSIM_CHECK(size_ > 0, "pop from an empty timing wheel");
    const std::uint64_t from = active_ ? current_ + 1 : current_;
    std::uint64_t next = next_occupied(from);
    if (!overflow_.empty()) next = std::min(next, bucket_of(overflow_.top().at));
    current_ = next;
    while (!overflow_.empty() && bucket_of(overflow_.top().at) < current_ + slots_) {
      place(bucket_of(overflow_.top().at), overflow_.top());
      overflow_.pop();
    }
    const std::size_t slot = current_ & (slots_ - 1);
    // The drained heap's memory is freed, not handed to the slot: a slot
    // that kept the largest capacity it ever had would hold, over a day's
    // turns, the wheel's peak occupancy in every one of its 2^15 buckets
    // (hundreds of MB for a million subscribers). One allocation per turn
    // is cheap beside the bucket's pops.
    ready_ = std::move(buckets_[slot]);
    buckets_[slot] = std::vector<Event>();
    bits_[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
    std::make_heap(ready_.begin(), ready_.end(), Later{});
    active_ = true;
    ++turns_;
  }

  // The first occupied bucket at or after `from` within the wheel's reach;
  // UINT64_MAX when the wheel is empty.
  std::uint64_t next_occupied(std::uint64_t from) const {
    for (std::uint64_t b = from; b < current_ + slots_;) {
      const std::size_t slot = b & (slots_ - 1);
      const std::uint64_t word = bits_[slot / 64] >> (slot % 64);
      if (word != 0) return b + static_cast<std::uint64_t>(std::countr_zero(word));
      b += 64 - slot % 64;
    }
    return UINT64_MAX;
  }

  double width_;
  std::size_t slots_;
  std::vector<std::vector<Event>> buckets_;
  std::vector<std::uint64_t> bits_;
  std::priority_queue<Event, std::vector<Event>, Later> overflow_;
  std::vector<Event> ready_;  // the current bucket (and anything pushed before it), a heap
  std::uint64_t current_ = 0;
  bool active_ = false;  // ready_ holds bucket current_
  std::size_t size_ = 0;
  std::uint64_t turns_ = 0;
};

}  // namespace provsim
