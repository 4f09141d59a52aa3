#pragma once
// Which event ids each BSP has sent: exact duplicate detection whose memory
// does not grow with the number of events when a BSP numbers its events in
// sequence (the usual case: the sim's feeds do next_id++ per BSP, and a
// resent batch repeats recent ids).
//
// Per BSP, in the spirit of an idempotent producer's sequence tracking:
//  - a watermark `base`: every id in [floor, base) has been seen, except the
//    few listed in `holes` (ids skipped when the window had to move on);
//  - a bitmap window of kWindow ids above the watermark, for ids that arrive
//    out of order; whenever its first 64 ids are all seen the window moves
//    up by 64 (the prefix is folded into the watermark);
//  - exact sets for what does not fit: ids below the BSP's first id
//    (`below`), and ids far above the window (`far`, moved into the window
//    when it reaches them).
// An id just above the window moves the window up to it; ids it leaves
// behind unseen become holes (a lost id costs one hole, not a stuck window).
// So memory is 8 KiB per BSP plus one entry per id far out of sequence or
// skipped, and a lookup is a few instructions on a cache-resident bitmap.

#include <cstdint>
#include <set>
#include <unordered_set>
#include <vector>

#include "model/core/strong_id.hpp"

namespace provsim {

class SeenIds {
 public:
  static constexpr std::size_t kWords = 1024;
  static constexpr std::uint64_t kWindow = kWords * 64;  // ids in the bitmap window

  // Records (bsp, id). True when the id is new, false for a duplicate.
  // Inline down to the bit: the engine calls it for every event, and the
  // usual id (in sequence, inside the window) is a load, a test and a store.
  [[gnu::always_inline]] bool insert(ProviderId bsp, std::uint64_t id) {
    if (bsp.value() >= streams_.size()) [[unlikely]] add_streams(bsp);
    return streams_[bsp.value()].insert(id);
  }

  // Ids kept one by one (holes, far and early ids): what memory grows with.
  std::size_t exceptions() const;
  // Bytes held, approximately (bitmaps plus set nodes).
  std::size_t bytes() const;

 private:
  class Stream {
   public:
    [[gnu::always_inline]] bool insert(std::uint64_t id) {
      if (id - base_ < kWindow && !words_.empty()) [[likely]] return set(id);
      return insert_rare(id);
    }
    std::size_t exceptions() const { return holes_.size() + far_.size() + below_.size(); }
    std::size_t bytes() const;

   private:
    void start(std::uint64_t id);
    bool insert_rare(std::uint64_t id);  // below or above the window, or the first id
    bool insert_above(std::uint64_t id);
    int holes_if_dropped(std::uint64_t words) const;
    std::uint64_t& word(std::uint64_t id) { return words_[(head_ + ((id - base_) >> 6)) & (kWords - 1)]; }
    [[gnu::always_inline]] bool set(std::uint64_t id) {
      std::uint64_t& w = word(id);
      const std::uint64_t bit = std::uint64_t{1} << (id & 63);
      if (w & bit) return false;
      w |= bit;
      if (words_[head_] == ~std::uint64_t{0}) [[unlikely]] advance();
      return true;
    }
    void advance();
    void drop_head();

    std::vector<std::uint64_t> words_;  // ring of kWords, words_[head_] covers [base_, base_ + 64)
    std::size_t head_ = 0;
    std::uint64_t floor_ = 0;  // tracking begins here: below it, only `below_` ids were seen
    std::uint64_t base_ = 0;   // multiple of 64
    std::unordered_set<std::uint64_t> holes_;  // in [floor_, base_), not seen
    std::set<std::uint64_t> far_;              // seen, >= base_ + kWindow
    std::unordered_set<std::uint64_t> below_;  // seen, < floor_
  };

  void add_streams(ProviderId bsp);

  std::vector<Stream> streams_;  // by BSP
};

}  // namespace provsim
