#include "model/rating/seen_ids.hpp"

#include <bit>

namespace provsim {
namespace {

// Moving the window up leaves the unseen ids below it as holes; a move that
// would leave more than this many is not made (the id is kept in `far`
// instead), so one stray id cannot turn a whole window into holes.
constexpr int kMaxHolesPerMove = 1024;

constexpr std::size_t kSetNodeBytes = 32;  // a set node, roughly, for bytes()

}  // namespace

std::size_t SeenIds::exceptions() const {
  std::size_t n = 0;
  for (const Stream& s : streams_) n += s.exceptions();
  return n;
}

std::size_t SeenIds::bytes() const {
  std::size_t n = streams_.capacity() * sizeof(Stream);
  for (const Stream& s : streams_) n += s.bytes();
  return n;
}

std::size_t SeenIds::Stream::bytes() const {
  return words_.capacity() * sizeof(std::uint64_t) + exceptions() * kSetNodeBytes +
         (holes_.bucket_count() + below_.bucket_count()) * sizeof(void*);
}

void SeenIds::add_streams(ProviderId bsp) { streams_.resize(bsp.value() + 1u); }

bool SeenIds::Stream::insert_rare(std::uint64_t id) {
  if (words_.empty()) start(id);
  if (id >= base_) {
    const std::uint64_t offset = id - base_;
    if (offset < kWindow) return set(id);
    return insert_above(id);
  }
  if (id >= floor_) return holes_.erase(id) == 1;
  return below_.insert(id).second;
}

// The first id lands in the middle of the window, so ids a little below it
// (a first batch sent out of order) are tracked in the window too.
void SeenIds::Stream::start(std::uint64_t id) {
  words_.assign(kWords, 0);
  floor_ = base_ = (id >= kWindow / 2 ? id - kWindow / 2 : 0) & ~std::uint64_t{63};
}

// How many holes dropping the window's first `words` words would leave.
int SeenIds::Stream::holes_if_dropped(std::uint64_t words) const {
  int unseen = 0;
  bool at_floor = base_ == floor_;
  for (std::uint64_t i = 0; i < words && unseen <= kMaxHolesPerMove; ++i) {
    const std::uint64_t w = words_[(head_ + i) & (kWords - 1)];
    if (at_floor && w == 0) continue;  // the floor moves up over it
    unseen += 64 - std::popcount(w) - (at_floor ? std::countr_zero(w) : 0);
    at_floor = false;
  }
  return unseen;
}

bool SeenIds::Stream::insert_above(std::uint64_t id) {
  if (!far_.empty() && far_.contains(id)) return false;
  const std::uint64_t offset = id - base_;
  if (offset < 2 * kWindow) {
    // Close above the window: move the window up to it if that leaves few
    // holes (the usual case: the ids below were seen, or one was lost).
    const std::uint64_t drop = ((offset - kWindow) >> 6) + 1;  // words
    if (holes_if_dropped(drop) <= kMaxHolesPerMove) {
      for (std::uint64_t i = 0; i < drop; ++i) drop_head();
      return set(id);
    }
  }
  return far_.insert(id).second;
}

void SeenIds::Stream::advance() {
  while (words_[head_] == ~std::uint64_t{0}) drop_head();
}

// Folds the window's first word into the watermark (its unseen ids become
// holes) and takes in the far ids that the window now reaches. While
// nothing below the word was seen (base_ == floor_), the floor moves up to
// the word's first seen id instead: unseen ids below the floor need no entry.
void SeenIds::Stream::drop_head() {
  std::uint64_t w = words_[head_];
  if (base_ == floor_) {
    const int skip = std::countr_zero(w);  // 64 for an empty word
    floor_ = base_ + static_cast<std::uint64_t>(skip);
    if (skip < 64) w |= (std::uint64_t{1} << skip) - 1;
  }
  while (w != ~std::uint64_t{0}) {
    const int bit = std::countr_one(w);
    holes_.insert(base_ + static_cast<std::uint64_t>(bit));
    w |= std::uint64_t{1} << bit;
  }
  words_[head_] = 0;
  head_ = (head_ + 1) & (kWords - 1);
  base_ += 64;
  while (!far_.empty() && *far_.begin() < base_ + kWindow) {
    const std::uint64_t id = *far_.begin();
    far_.erase(far_.begin());
    word(id) |= std::uint64_t{1} << (id & 63);
  }
}

}  // namespace provsim
