#pragma once
// A vector that keeps its first N elements inside the object (no pointer to
// follow, so they share cache lines with their owner) and moves everything
// to the heap only when it grows past N. Elements must be default
// constructible and copyable; there is no erase (the engine only appends).

#include <array>
#include <cstdint>
#include <vector>

namespace provsim {

template <typename T, std::size_t N>
class InlineVector {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return size_ <= N ? inline_.data() : heap_.data(); }
  const T* data() const { return size_ <= N ? inline_.data() : heap_.data(); }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T& back() { return data()[size_ - 1]; }

  void push_back(const T& value) {
    if (size_ < N) {
      inline_[size_] = value;
    } else {
      if (size_ == N) heap_.assign(inline_.begin(), inline_.end());
      heap_.push_back(value);
    }
    ++size_;
  }

 private:
  std::array<T, N> inline_{};
  std::vector<T> heap_;
  std::uint32_t size_ = 0;
};

}  // namespace provsim
