#include "model/rating/refund_log.hpp"

#include <algorithm>

namespace provsim {

std::int64_t RefundLog::unpack(std::uint32_t low, std::int16_t high) {
  return static_cast<std::int64_t>(high) * (std::int64_t{1} << 32) + static_cast<std::int64_t>(low);
}

void RefundLog::add_slow(ProviderId bsp, std::uint64_t id, const RefundOriginal& o) {
  if (bsp.value() >= streams_.size()) streams_.resize(bsp.value() + 1u);
  Stream& s = streams_[bsp.value()];
  if (s.held == 0) s.first = id;
  Packed p;
  if (!pack_record(s, id, o, p)) {
    loose_[Key{bsp.value(), id}] = o;
    return;
  }
  if (Record* r = append(s)) store(s, r, id, o, p);
}

// The slot of the newest record, dropping the oldest beyond the window
// (nullptr for a window of 0: nothing is kept).
RefundLog::Record* RefundLog::append(Stream& s) {
  if (window_ == kUnlimited) {
    ++s.held;
    return &s.records.emplace_back();
  }
  if (Record* r = ring_slot(s)) return r;
  if (window_ == 0) return nullptr;
  grow_ring(s);
  return ring_slot(s);
}

// Doubles the ring (up to the window), oldest record first.
void RefundLog::grow_ring(Stream& s) {
  std::vector<Record> next;
  next.reserve(std::min<std::size_t>(window_, std::max<std::size_t>(64, s.room * 2)));
  for (std::size_t i = 0; i < s.count; ++i) next.push_back(s.at(i));
  next.resize(next.capacity());
  s.ring = std::move(next);
  s.room = s.ring.size();
  s.head = 0;
}

bool RefundLog::find(ProviderId bsp, std::uint64_t id, RefundOriginal& out) const {
  if (!loose_.empty()) {
    auto it = loose_.find(Key{bsp.value(), id});
    if (it != loose_.end()) {
      out = it->second;
      return true;
    }
  }
  if (bsp.value() >= streams_.size()) return false;
  const Stream& s = streams_[bsp.value()];
  if (s.held == 0 || id < s.first || id - s.first > 0xFFFFFFFFu) return false;
  const auto offset = static_cast<std::uint32_t>(id - s.first);
  // Binary search by position, oldest first (the ring may wrap).
  std::size_t lo = 0, hi = s.held;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (s.at(mid).id_offset < offset) lo = mid + 1;
    else hi = mid;
  }
  if (lo == s.held || s.at(lo).id_offset != offset) return false;
  const Record* it = &s.at(lo);
  out = RefundOriginal{Money::from_micros(unpack(it->charge_low, it->charge_high)),
                       Quantity::from_millis(unpack(it->quantity_low, it->quantity_high)), SubscriberId(it->user),
                       OfferingId(it->offering), PlanId(it->plan)};
  return true;
}

Money RefundLog::refunded(ProviderId bsp, std::uint64_t id) const {
  auto it = refunded_.find(Key{bsp.value(), id});
  return it == refunded_.end() ? Money{} : Money::from_micros(it->second);
}

void RefundLog::add_refunded(ProviderId bsp, std::uint64_t id, Money amount) {
  refunded_[Key{bsp.value(), id}] += amount.micros();
}

std::size_t RefundLog::size() const {
  std::size_t n = loose_.size();
  for (const Stream& s : streams_) n += s.held;
  return n;
}

std::size_t RefundLog::bytes() const {
  constexpr std::size_t kNode = 80;  // a std::map node, roughly
  std::size_t n = streams_.capacity() * sizeof(Stream) + (loose_.size() + refunded_.size()) * kNode;
  constexpr std::size_t kDequeBlock = 512;  // libstdc++'s deque node
  for (const Stream& s : streams_)
    n += s.room == 0 ? (s.records.size() * sizeof(Record) / kDequeBlock + 1) * (kDequeBlock + sizeof(void*))
                        : s.ring.capacity() * sizeof(Record);
  return n;
}

}  // namespace provsim
