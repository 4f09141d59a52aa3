#pragma once
// A set of slot numbers as a hierarchy of 64-bit words: level 0 holds one bit
// per slot, each higher level one bit per non-empty word below. Finding the
// next member from any point costs O(log64 n) word reads however sparse the
// set is: 2 levels up to 4096 slots, 3 up to 262,144, 4 up to 16.7 million.

#include <cstdint>
#include <vector>

namespace provsim {

class FreeBitmap {
 public:
  static constexpr std::uint64_t npos = UINT64_MAX;

  // Grows the universe to `size` slots; existing members are kept.
  void resize(std::uint64_t size);
  std::uint64_t universe() const { return size_; }

  void insert(std::uint64_t i);
  void erase(std::uint64_t i);
  bool contains(std::uint64_t i) const { return (levels_[0][i >> 6] >> (i & 63)) & 1; }
  std::uint64_t count() const { return count_; }

  // The smallest member >= i, or npos.
  std::uint64_t find_next(std::uint64_t i) const;

 private:
  void rebuild_upper_levels();
  std::vector<std::vector<std::uint64_t>> levels_{std::vector<std::uint64_t>{}};
  std::uint64_t size_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace provsim
