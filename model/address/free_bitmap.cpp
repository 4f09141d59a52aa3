#include "model/address/free_bitmap.hpp"

#include <bit>

namespace provsim {

void FreeBitmap::resize(std::uint64_t size) {
  if (size <= size_) return;
  size_ = size;
  levels_[0].resize((size + 63) / 64, 0);
  rebuild_upper_levels();
}

void FreeBitmap::rebuild_upper_levels() {
  levels_.resize(1);
  while (levels_.back().size() > 1) {
    const auto& below = levels_.back();
    std::vector<std::uint64_t> above((below.size() + 63) / 64, 0);
    for (std::size_t w = 0; w < below.size(); ++w)
      if (below[w] != 0) above[w >> 6] |= std::uint64_t{1} << (w & 63);
    levels_.push_back(std::move(above));
  }
}

void FreeBitmap::insert(std::uint64_t i) {
  for (auto& level : levels_) {
    std::uint64_t& word = level[i >> 6];
    const bool was_empty = word == 0;
    const std::uint64_t bit = std::uint64_t{1} << (i & 63);
    if (&level == &levels_[0] && (word & bit) == 0) ++count_;
    word |= bit;
    if (!was_empty) break;
    i >>= 6;
  }
}

void FreeBitmap::erase(std::uint64_t i) {
  for (auto& level : levels_) {
    std::uint64_t& word = level[i >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (i & 63);
    if (&level == &levels_[0] && (word & bit) != 0) --count_;
    word &= ~bit;
    if (word != 0) break;
    i >>= 6;
  }
}

std::uint64_t FreeBitmap::find_next(std::uint64_t i) const {
  if (i >= size_) return npos;
  std::size_t level = 0;
  std::uint64_t pos = i;
  // Climb until a word holds a member at or after `pos`.
  while (true) {
    const std::uint64_t w = pos >> 6;
    if (w >= levels_[level].size()) return npos;
    const std::uint64_t word = levels_[level][w] & (~std::uint64_t{0} << (pos & 63));
    if (word != 0) {
      pos = (w << 6) + static_cast<std::uint64_t>(std::countr_zero(word));
      break;
    }
    if (level + 1 == levels_.size()) return npos;
    ++level;
    pos = w + 1;
  }
  // Descend to the first member under that bit.
  while (level > 0) {
    --level;
    pos = (pos << 6) + static_cast<std::uint64_t>(std::countr_zero(levels_[level][pos]));
  }
  return pos;
}

}  // namespace provsim
