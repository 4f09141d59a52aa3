#pragma once
// A priority queue of timed events for an actor that owns many of them
// (a million subscribers' next session start or end): a timing wheel, as in
// a calendar queue (R. Brown, CACM 1988) or the kernel's timer wheel.
//
// Time is cut into buckets of `width` seconds; the wheel holds the next
// `slots` buckets as unsorted vectors, so a push is an append. When a bucket
// becomes the current one (a pop turns the wheel to it) it is sorted once,
// and pops read it front to back. Pushes into the current bucket after its
// turn (rare: a session scheduled within seconds) go into a small binary
// heap beside it, and a pop takes the earlier of the two. Events beyond the
// wheel's reach wait in a binary heap and move into the wheel as it turns.
// A bitmap of non-empty buckets lets sparse queues skip empty time quickly.
// Looking at the earliest event never turns the wheel, so a population
// loaded in bulk after a look still goes into its own buckets.
//
// Why not std::priority_queue: with a million pending events every push and
// pop walks ~20 levels of a 32 MB heap, a cache miss per level; here a push
// touches one bucket and a pop reads the next element of a sorted vector.
// Why sorted and not a heap per bucket: at ten million subscribers a bucket
// holds thousands of events; a sort streams through them once, and the pop
// order is then known ahead, so a caller can fetch what the coming pops
// will touch.
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
  // ahead (a session's idle time, mostly) in 16-second buckets. A push
  // lands in a random bucket and misses on its header and on its tail: 2^13
  // headers (192 KB) and tails stay in a core's L2 cache, where 2^15
  // four-second buckets' did not (at ten million subscribers the pushes
  // took a third fewer samples with 16 seconds than with 4). The current
  // bucket, about a thousand events at a million subscribers, is sorted once.
  explicit TimingWheel(double width = 16.0, std::size_t slots = std::size_t{1} << 13)
      : width_(width), slots_(std::bit_ceil(std::max<std::size_t>(slots, 64))), buckets_(slots_), bits_(slots_ / 64) {
    PROVSIM_CHECK(width > 0, "timing wheel bucket width must be positive");
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // The current bucket's events not yet popped, in the order they will be
  // popped (events pushed into the current bucket after its turn are not
  // among them; they come out of their own heap in time order), and how
  // many times the wheel has turned: a caller can fetch ahead what the
  // coming pops will touch. The first `n` of them: next_few(n).
  std::span<const Event> current_bucket() const { return {ready_.data() + next_, ready_.size() - next_}; }
  std::span<const Event> next_few(std::size_t n) const {
    const std::span<const Event> bucket = current_bucket();
    return bucket.first(std::min(n, bucket.size()));
  }
  std::uint64_t turns() const { return turns_; }

  void push(const Event& e) {
    ++size_;
    const std::uint64_t b = bucket_of(e.at);
    if (active_ && b <= current_) {  // into the current bucket, after its turn
      late_.push_back(e);
      std::push_heap(late_.begin(), late_.end(), Later{});
      return;
    }
    if (b < current_ + slots_) {
      place(b, e);
    } else {
      overflow_.push(e);
    }
    if (peeked_ && Earlier{}(e, peek_)) peek_ = e;
  }

  // The earliest event. Precondition: not empty. Looking does not turn the
  // wheel: events pushed later for times before the one shown still go
  // into their own buckets. (Turning here put a million bulk-loaded
  // subscribers' first sessions, pushed after the session actor's first
  // look, into the current bucket's heap.)
  const Event& top() {
    if (in_bucket()) return from_late() ? late_.front() : ready_[next_];
    if (!peeked_) peek();
    return peek_;
  }

  void pop() {
    if (!in_bucket()) turn();
    if (from_late()) {
      std::pop_heap(late_.begin(), late_.end(), Later{});
      late_.pop_back();
    } else {
      ++next_;
    }
    --size_;
  }

 private:
  struct Later {  // a min-heap on (at, seq)
    bool operator()(const Event& a, const Event& b) const { return a.at != b.at ? a.at > b.at : a.seq > b.seq; }
  };
  struct Earlier {  // the sort of a bucket: by (at, seq)
    bool operator()(const Event& a, const Event& b) const { return Later{}(b, a); }
  };

  // The current bucket still holds events (its sorted part or late pushes).
  bool in_bucket() const { return next_ < ready_.size() || !late_.empty(); }

  // The next pop comes from the late pushes' heap (else from the sorted bucket).
  bool from_late() const {
    if (late_.empty()) return false;
    return next_ == ready_.size() || Later{}(ready_[next_], late_.front());
  }

  std::uint64_t bucket_of(double at) const {
    const double b = std::floor(at / width_);
    return b > 0 ? static_cast<std::uint64_t>(b) : 0;
  }

  void place(std::uint64_t b, const Event& e) {
    const std::size_t slot = b & (slots_ - 1);
    buckets_[slot].push_back(e);
    bits_[slot / 64] |= std::uint64_t{1} << (slot % 64);
  }

  // The earliest event beyond the current bucket: the least of the next
  // occupied bucket (a scan, not a sort) or the overflow's first. Kept in
  // peek_ until the wheel turns, pushes updating it.
  void peek() {
    const std::uint64_t b = next_occupied(active_ ? current_ + 1 : current_);
    if (b != UINT64_MAX) {
      const std::vector<Event>& bucket = buckets_[b & (slots_ - 1)];
      peek_ = *std::min_element(bucket.begin(), bucket.end(), Earlier{});
    }
    if (!overflow_.empty() && (b == UINT64_MAX || Earlier{}(overflow_.top(), peek_))) peek_ = overflow_.top();
    peeked_ = true;
  }

  // Moves the clock to the next non-empty bucket (in the wheel or, if
  // earlier, the overflow's first), brings overflow events into reach, and
  // makes that bucket, sorted, ready_.
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
    // The drained bucket's memory is freed, not handed to the slot: a slot
    // that kept the largest capacity it ever had would hold, over a day's
    // turns, the wheel's peak occupancy in every one of its 2^13 buckets
    // (hundreds of MB for a million subscribers). One allocation per turn
    // is cheap beside the bucket's pops.
    ready_ = std::move(buckets_[slot]);
    buckets_[slot] = std::vector<Event>();
    next_ = 0;
    peeked_ = false;
    bits_[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
    std::sort(ready_.begin(), ready_.end(), Earlier{});
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
  std::vector<Event> ready_;  // the current bucket, sorted; popped up to next_
  std::size_t next_ = 0;
  std::vector<Event> late_;  // pushed at or before the current bucket after its turn, a heap
  Event peek_{};             // the earliest event beyond the current bucket, when peeked_
  bool peeked_ = false;
  std::uint64_t current_ = 0;
  bool active_ = false;  // ready_ holds bucket current_
  std::size_t size_ = 0;
  std::uint64_t turns_ = 0;
};

}  // namespace provsim
