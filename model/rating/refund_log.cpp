#include "model/rating/refund_log.hpp"

#include <algorithm>

namespace provsim {

bool RefundLog::pack(std::int64_t value, std::uint32_t& low, std::int16_t& high) {
  constexpr std::int64_t kLimit = std::int64_t{1} << 47;  // 48-bit signed range
  if (value < -kLimit || value >= kLimit) return false;
  low = static_cast<std::uint32_t>(value & 0xFFFFFFFF);
  high = static_cast<std::int16_t>((value - static_cast<std::int64_t>(low)) / (std::int64_t{1} << 32));
  return true;
}

std::int64_t RefundLog::unpack(std::uint32_t low, std::int16_t high) {
  return static_cast<std::int64_t>(high) * (std::int64_t{1} << 32) + static_cast<std::int64_t>(low);
}

void RefundLog::add(ProviderId bsp, std::uint64_t id, const RefundOriginal& o) {
  if (bsp.value() >= streams_.size()) streams_.resize(bsp.value() + 1u);
  Stream& s = streams_[bsp.value()];
  if (s.records.empty()) s.first = id;
  Record r{};
  const bool fits = id >= s.first && id - s.first <= 0xFFFFFFFFu &&
                    (s.records.empty() || id - s.first > s.records.back().id_offset) &&
                    pack(o.charge.micros(), r.charge_low, r.charge_high) &&
                    pack(o.quantity.millis(), r.quantity_low, r.quantity_high);
  if (!fits) {
    loose_[Key{bsp.value(), id}] = o;
    return;
  }
  r.id_offset = static_cast<std::uint32_t>(id - s.first);
  r.user = o.user.value();
  r.offering = o.offering.value();
  r.plan = o.plan.value();
  s.records.push_back(r);
  trim(s);
}

// Drops the oldest records beyond the window.
void RefundLog::trim(Stream& s) {
  while (s.records.size() > window_) s.records.pop_front();
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
  if (s.records.empty() || id < s.first || id - s.first > 0xFFFFFFFFu) return false;
  const auto offset = static_cast<std::uint32_t>(id - s.first);
  auto it = std::lower_bound(s.records.begin(), s.records.end(), offset,
                             [](const Record& r, std::uint32_t v) { return r.id_offset < v; });
  if (it == s.records.end() || it->id_offset != offset) return false;
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
  for (const Stream& s : streams_) n += s.records.size();
  return n;
}

std::size_t RefundLog::bytes() const {
  constexpr std::size_t kNode = 80;  // a std::map node, roughly
  std::size_t n = streams_.capacity() * sizeof(Stream) + (loose_.size() + refunded_.size()) * kNode;
  constexpr std::size_t kDequeBlock = 512;  // libstdc++'s deque node
  for (const Stream& s : streams_)
    n += (s.records.size() * sizeof(Record) / kDequeBlock + 1) * (kDequeBlock + sizeof(void*));
  return n;
}

}  // namespace provsim
