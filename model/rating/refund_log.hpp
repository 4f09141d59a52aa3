#pragma once
// The rated events that a later refund may reference, per BSP: what the
// refund needs of its original (charge, quantity, user, offering, and the
// plan whose ISP took a share) in a 24-byte record, and how much of it has
// been refunded so far.
//
// Records are appended in id order per BSP (BSP ids come in sequence), so a
// refund finds its original by binary search and a record needs no hash
// slot. A record keeps its id as a 32-bit offset from the BSP's first
// logged id and its charge and quantity in 48 bits each; an event that does
// not fit (an id out of order or too far on, a huge amount) is kept whole
// in a side map instead. Amounts already refunded, which few originals
// have, live in a side map too.
//
// `window` bounds how many in-order records are kept per BSP: the oldest
// are dropped beyond it, so a refund of an older event finds nothing (the
// engine suspends it as unknown_original). The engine keeps every purchase
// and a recent window of usage events (docs/rating.md, "Refunds").

#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <utility>
#include <vector>

#include "model/core/strong_id.hpp"
#include "model/money/money.hpp"
#include "model/money/quantity.hpp"

namespace provsim {

struct RefundOriginal {
  Money charge;
  Quantity quantity;
  SubscriberId user;
  OfferingId offering;
  PlanId plan;  // of the period the original was rated in
};

class RefundLog {
 public:
  static constexpr std::size_t kUnlimited = std::numeric_limits<std::size_t>::max();
  explicit RefundLog(std::size_t window = kUnlimited) : window_(window) {}

  // Inline for the usual record (a windowed log, the id next in sequence,
  // amounts that fit): the engine logs every rated event.
  [[gnu::always_inline]] void add(ProviderId bsp, std::uint64_t id, const RefundOriginal& original) {
    if (!add_in_ring(bsp, id, original)) [[unlikely]] add_slow(bsp, id, original);
  }
  // The original (bsp, id), if it is logged.
  bool find(ProviderId bsp, std::uint64_t id, RefundOriginal& out) const;
  Money refunded(ProviderId bsp, std::uint64_t id) const;
  void add_refunded(ProviderId bsp, std::uint64_t id, Money amount);

  std::size_t size() const;  // records held
  std::size_t bytes() const;

 private:
  struct Record {  // 24 bytes
    std::uint32_t id_offset;
    std::uint32_t user;
    std::uint32_t charge_low;
    std::uint32_t quantity_low;
    std::int16_t charge_high;
    std::int16_t quantity_high;
    std::uint16_t offering;
    std::uint16_t plan;
  };
  static_assert(sizeof(Record) == 24);
  // The records of one BSP, by id. With no window, a deque: it grows in
  // 512-byte blocks, so a long log never copies itself or holds doubling
  // slack. With a window, a ring of at most `window` records that grows by
  // doubling up to the window and then overwrites its oldest record: adding
  // is a store and an index bump, with no block allocated or freed.
  struct Stream {
    std::uint64_t first = 0;  // id of offset 0
    std::deque<Record> records;  // no window
    std::vector<Record> ring;    // window: ring[(head + i) % room] is the i-th oldest
    std::size_t head = 0, count = 0, room = 0;
    std::size_t held = 0;        // records held (either kind)
    std::uint32_t last = 0;      // id_offset of the newest record, when held > 0

    const Record& at(std::size_t i) const {
      if (room == 0) return records[i];
      const std::size_t j = head + i;
      return ring[j < room ? j : j - room];
    }
  };
  using Key = std::pair<std::uint16_t, std::uint64_t>;

  [[gnu::always_inline]] static bool pack(std::int64_t value, std::uint32_t& low, std::int16_t& high) {
    constexpr std::int64_t kLimit = std::int64_t{1} << 47;  // 48-bit signed range
    if (value < -kLimit || value >= kLimit) return false;
    low = static_cast<std::uint32_t>(value & 0xFFFFFFFF);
    high = static_cast<std::int16_t>((value - static_cast<std::int64_t>(low)) / (std::int64_t{1} << 32));
    return true;
  }
  static std::int64_t unpack(std::uint32_t low, std::int16_t high);
  // A record's amounts in its 48-bit halves.
  struct Packed {
    std::uint32_t charge_low = 0, quantity_low = 0;
    std::int16_t charge_high = 0, quantity_high = 0;
  };
  // True when (id, o) fits a record of `s`: the id after the newest one and
  // within 2^32 of the first, and both amounts within 48 bits.
  [[gnu::always_inline]] static bool pack_record(const Stream& s, std::uint64_t id, const RefundOriginal& o, Packed& p) {
    return id >= s.first && id - s.first <= 0xFFFFFFFFu && (s.held == 0 || id - s.first > s.last) &&
           pack(o.charge.micros(), p.charge_low, p.charge_high) &&
           pack(o.quantity.millis(), p.quantity_low, p.quantity_high);
  }
  [[gnu::always_inline]] static void store(Stream& s, Record* r, std::uint64_t id, const RefundOriginal& o, const Packed& p) {
    // Field by field into the slot: a Record built aside and copied in as a
    // whole would be read back before its narrow stores land.
    const auto offset = static_cast<std::uint32_t>(id - s.first);
    r->id_offset = offset;
    r->user = o.user.value();
    r->charge_low = p.charge_low;
    r->quantity_low = p.quantity_low;
    r->charge_high = p.charge_high;
    r->quantity_high = p.quantity_high;
    r->offering = o.offering.value();
    r->plan = o.plan.value();
    s.last = offset;
  }
  // The ring's slot for a new record: the next free one, or the oldest's
  // when the ring is full at the window; nullptr when the ring must grow
  // first (or the window is 0).
  [[gnu::always_inline]] Record* ring_slot(Stream& s) {
    if (s.count < s.room) {
      const std::size_t j = s.head + s.count;
      s.held = ++s.count;
      return &s.ring[j < s.room ? j : j - s.room];
    }
    if (s.room == 0 || s.room < window_) return nullptr;
    Record* r = &s.ring[s.head];
    if (++s.head == s.room) s.head = 0;
    return r;
  }
  // The fast case of add(): false, with nothing changed, for anything else.
  [[gnu::always_inline]] bool add_in_ring(ProviderId bsp, std::uint64_t id, const RefundOriginal& o) {
    if (bsp.value() >= streams_.size()) return false;
    Stream& s = streams_[bsp.value()];
    Packed p;
    if (s.room == 0 || s.held == 0 || !pack_record(s, id, o, p)) return false;
    Record* r = ring_slot(s);
    if (!r) return false;
    store(s, r, id, o, p);
    return true;
  }
  void add_slow(ProviderId bsp, std::uint64_t id, const RefundOriginal& original);
  Record* append(Stream& s);
  void grow_ring(Stream& s);

  std::size_t window_;
  std::vector<Stream> streams_;               // by BSP
  std::map<Key, RefundOriginal> loose_;       // did not fit a record
  std::map<Key, std::int64_t> refunded_;      // micros refunded so far
};

}  // namespace provsim
