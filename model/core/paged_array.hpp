#pragma once
// A dense array indexed by id (a subscriber's record, found by its
// SubscriberId) that grows one page at a time.
//
// Why not std::vector: a vector that grows with the population doubles its
// capacity, so a million subscribers plus the month's new ones (1.15 M)
// sit in room for 2 M, and while it grows the old and the new arrays are
// both alive: up to three times the data at the moment of the copy. Here a
// new page is added and nothing moves, so the memory is the data rounded up
// to one page, and a reference to an element stays valid as the array
// grows. The price is one more load per access (the page table, a few KB,
// stays in cache).

#include <cstddef>
#include <memory>
#include <vector>

namespace provsim {

template <class T, unsigned kPageBits = 14>
class PagedArray {
 public:
  static constexpr std::size_t kPage = std::size_t{1} << kPageBits;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Grows to at least `n` elements; new elements are value-initialised
  // (`fill` when given). Never shrinks.
  void grow_to(std::size_t n, const T& fill = T{}) {
    while (pages_.size() * kPage < n) {
      pages_.push_back(std::make_unique<T[]>(kPage));
      for (std::size_t i = 0; i < kPage; ++i) pages_.back()[i] = fill;
    }
    for (std::size_t i = size_; i < n; ++i) (*this)[i] = fill;
    if (n > size_) size_ = n;
  }

  T& operator[](std::size_t i) { return pages_[i >> kPageBits][i & (kPage - 1)]; }
  const T& operator[](std::size_t i) const { return pages_[i >> kPageBits][i & (kPage - 1)]; }

  // Calls f(element) for each element in index order.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < size_; ++i) f((*this)[i]);
  }

  // Bytes held, page table included (for memory reports).
  std::size_t bytes() const { return pages_.size() * (kPage * sizeof(T) + sizeof(std::unique_ptr<T[]>)); }

 private:
  std::vector<std::unique_ptr<T[]>> pages_;
  std::size_t size_ = 0;
};

}  // namespace provsim
