#pragma once
// A short list of small ids held inside the record that owns it: a
// subscriber's ISP services or BSP entitlements, a few two-byte ids each.
//
// Why not boost::container::small_vector: it keeps a pointer, a size and a
// capacity beside its inline room (24 bytes of header for 8 or 16 bytes of
// ids), and the platform store holds two lists for each of ten million
// subscribers. Here the inline room itself holds the heap pointer once the
// list outgrows it, and the size and capacity are two-byte counts: a list
// of up to 8 two-byte ids takes 20 bytes, not 40.
//
// Contract: `T` is trivially copyable; at most 65,535 elements; the order
// is the order of push_back, erase keeping the rest in order. A list that
// has spilled to the heap stays there (it never shrinks back).

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <type_traits>

#include "model/core/check.hpp"

namespace provsim {

template <class T, std::size_t N>
class InlineList {
  static_assert(std::is_trivially_copyable_v<T>, "InlineList holds plain values");
  static_assert(N * sizeof(T) >= sizeof(T*), "the inline room must be able to hold the heap pointer");
  static_assert(N <= UINT16_MAX, "counts are 16-bit");

 public:
  InlineList() = default;
  InlineList(std::initializer_list<T> values) { assign(values.begin(), values.end()); }
  InlineList(const InlineList& other) { assign(other.begin(), other.end()); }
  InlineList& operator=(const InlineList& other) {
    if (this != &other) assign(other.begin(), other.end());
    return *this;
  }
  InlineList(InlineList&& other) noexcept { take(other); }
  InlineList& operator=(InlineList&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~InlineList() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool on_heap() const { return capacity_ > N; }

  T* data() { return on_heap() ? heap() : room_; }
  const T* data() const { return on_heap() ? heap() : room_; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  const T& operator[](std::size_t i) const { return data()[i]; }

  void push_back(const T& value) {
    if (size_ == capacity_) grow();
    data()[size_++] = value;
  }

  // Removes the element at `at` (an iterator of this list); the ones after
  // it move up. Returns the position after the removed one.
  T* erase(const T* at) {
    T* p = begin() + (at - begin());
    std::copy(p + 1, end(), p);
    --size_;
    return p;
  }

  // Empties the list, keeping its room.
  void clear() { size_ = 0; }

  template <class It>
  void assign(It first, It last) {
    clear();
    for (; first != last; ++first) push_back(*first);
  }

  friend bool operator==(const InlineList& a, const InlineList& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  T* heap() const {
    T* p;
    std::memcpy(&p, static_cast<const void*>(room_), sizeof p);  // the room's bytes, not its ids
    return p;
  }
  void set_heap(T* p) { std::memcpy(static_cast<void*>(room_), &p, sizeof p); }

  // Doubles the room (the first spill: twice the inline room), moving the
  // elements to the heap.
  void grow() {
    PROVSIM_CHECK(capacity_ < UINT16_MAX, "inline list over 65,535 elements");
    const std::size_t room = std::min<std::size_t>(std::size_t{capacity_} * 2, UINT16_MAX);
    T* bigger = std::allocator<T>().allocate(room);
    std::copy(begin(), end(), bigger);
    release();
    set_heap(bigger);
    capacity_ = static_cast<std::uint16_t>(room);
  }

  void release() {
    if (on_heap()) std::allocator<T>().deallocate(heap(), capacity_);
    capacity_ = N;
  }

  // Takes `other`'s elements (and its heap block), leaving it empty and
  // inline. Precondition: this list holds no heap block.
  void take(InlineList& other) {
    std::memcpy(static_cast<void*>(room_), static_cast<const void*>(other.room_), sizeof room_);
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.size_ = 0;
    other.capacity_ = N;
  }

  T room_[N]{};
  std::uint16_t size_ = 0;
  std::uint16_t capacity_ = N;
};

}  // namespace provsim
