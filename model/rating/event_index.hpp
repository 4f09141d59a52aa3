#pragma once
// Every event id the engine has seen, per BSP, with a small value (the index
// of the event's record, or a marker). Open addressing with linear probing
// in one flat array: no allocation per event, one or two cache lines per
// lookup. Ids that BSPs hand out in sequence stay neighbours: the low six
// bits of an id pick the slot inside a block of 64 and only the rest is
// hashed, so a run of sequential ids fills consecutive slots.

#include <cstdint>
#include <utility>
#include <vector>

#include "model/core/strong_id.hpp"

namespace provsim {

class EventIndex {
 public:
  EventIndex() { rebuild(1024); }

  // Inserts (bsp, id) -> value unless present. Returns the value's slot
  // (valid until the next insert) and whether it was inserted.
  std::pair<std::uint32_t*, bool> insert(ProviderId bsp, std::uint64_t id, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) rebuild(slots_.size() * 2);
    for (std::size_t i = home(bsp, id);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used) {
        s = Slot{id, value, bsp.value(), 1};
        ++size_;
        return {&s.value, true};
      }
      if (s.id == id && s.bsp == bsp.value()) return {&s.value, false};
    }
  }

  std::uint32_t* find(ProviderId bsp, std::uint64_t id) {
    for (std::size_t i = home(bsp, id);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.id == id && s.bsp == bsp.value()) return &s.value;
    }
  }

  std::size_t size() const { return size_; }

  // Room for `events` ids without growing (the memory is touched now).
  void reserve(std::size_t events) {
    std::size_t capacity = slots_.size();
    while (capacity < events * 2) capacity *= 2;
    if (capacity != slots_.size()) rebuild(capacity);
  }

  // A hint that (bsp, id) will be looked up soon (batch intake).
  void prefetch(ProviderId bsp, std::uint64_t id) const { __builtin_prefetch(&slots_[home(bsp, id)]); }

 private:
  struct Slot {
    std::uint64_t id;
    std::uint32_t value;
    std::uint16_t bsp;
    std::uint16_t used;
  };

  std::size_t home(ProviderId bsp, std::uint64_t id) const {
    std::uint64_t block = (id >> 6) ^ (static_cast<std::uint64_t>(bsp.value()) << 48);
    block *= 0x9E3779B97F4A7C15ULL;
    block ^= block >> 29;
    return static_cast<std::size_t>((block << 6) | (id & 63)) & mask_;
  }

  void rebuild(std::size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{0, 0, 0, 0});
    mask_ = capacity - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.used) insert(ProviderId(s.bsp), s.id, s.value);
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace provsim
