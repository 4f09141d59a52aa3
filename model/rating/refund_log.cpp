#include "model/rating/refund_log.hpp"

#include <algorithm>

namespace provsim {

std::int64_t RefundLog::unpack(std::uint32_t low, std::int16_t high) {
  return static_cast<std::int64_t>(high) * (std::int64_t{1} << 32) + static_cast<std::int64_t>(low);
}

void RefundLog::add_slow(ProviderId bsp, std::uint64_t id, const RefundOriginal& o) {
  if (bsp.value() >= streams_.size()) streams_.resize(bsp.value() + 1u);
  Stream& s = streams_[bsp.value()];
  const bool empty = s.held == 0;
  if (empty) s.first = id;
  std::uint32_t charge_low = 0, quantity_low = 0;
  std::int16_t charge_high = 0, quantity_high = 0;
  const bool fits = id >= s.first && id - s.first <= 0xFFFFFFFFu && (empty || id - s.first > s.last) &&
                    pack(o.charge.micros(), charge_low, charge_high) &&
                    pack(o.quantity.millis(), quantity_low, quantity_high);
  if (!fits) {
    loose_[Key{bsp.value(), id}] = o;
    return;
  }
  Record* r = append(s);
  if (!r) return;
  store(r, static_cast<std::uint32_t>(id - s.first), o, charge_low, charge_high, quantity_low, quantity_high);
  s.last = r->id_offset;
}

// The slot of the newest record, dropping the oldest beyond the window
// (nullptr for a window of 0: nothing is kept).
RefundLog::Record* RefundLog::append(Stream& s) {
  if (window_ == kUnlimited) {
    ++s.held;
    return &s.records.emplace_back();
  }
  if (s.count == s.room) {
    if (s.room >= window_) {  // full at the window: the new record takes the oldest's slot
      if (window_ == 0) return nullptr;
      Record* r = &s.ring[s.head];
      if (++s.head == s.room) s.head = 0;
      return r;
    }
    grow_ring(s);
  }
  const std::size_t j = s.head + s.count;
  ++s.count;
  s.held = s.count;
  return &s.ring[j < s.room ? j : j - s.room];
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
