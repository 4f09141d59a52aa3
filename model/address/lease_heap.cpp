#include "model/address/lease_heap.hpp"

namespace provsim {

// Ties broken by slot number so the order never depends on history.
bool LeaseHeap::less(std::size_t a, std::size_t b) const {
  const Slot sa = heap_[a];
  const Slot sb = heap_[b];
  if (key_[sa] != key_[sb]) return key_[sa] < key_[sb];
  return sa < sb;
}

void LeaseHeap::place(std::size_t at, Slot slot) {
  heap_[at] = slot;
  position_[slot] = static_cast<Slot>(at);
}

void LeaseHeap::sift_up(std::size_t at) {
  while (at > 0) {
    const std::size_t parent = (at - 1) / 2;
    if (!less(at, parent)) break;
    const Slot p = heap_[parent];
    place(parent, heap_[at]);
    place(at, p);
    at = parent;
  }
}

void LeaseHeap::sift_down(std::size_t at) {
  const std::size_t n = heap_.size();
  while (true) {
    std::size_t best = at;
    const std::size_t l = 2 * at + 1;
    const std::size_t r = l + 1;
    if (l < n && less(l, best)) best = l;
    if (r < n && less(r, best)) best = r;
    if (best == at) break;
    const Slot b = heap_[best];
    place(best, heap_[at]);
    place(at, b);
    at = best;
  }
}

void LeaseHeap::set(Slot slot, SimTime expiry) {
  key_[slot] = expiry;
  if (position_[slot] == kNoSlot) {
    heap_.push_back(slot);
    position_[slot] = static_cast<Slot>(heap_.size() - 1);
    sift_up(heap_.size() - 1);
    return;
  }
  const std::size_t at = position_[slot];
  sift_up(at);
  sift_down(position_[slot]);
}

void LeaseHeap::erase(Slot slot) {
  const Slot at = position_[slot];
  if (at == kNoSlot) return;
  const Slot last = heap_.back();
  heap_.pop_back();
  position_[slot] = kNoSlot;
  if (last == slot) return;
  place(at, last);
  sift_up(at);
  sift_down(position_[last]);
}

}  // namespace provsim
