#pragma once
// For the receiving party's system: remembers the outcome of each
// idempotency key, so a retried request whose first attempt already went
// through gets the first answer back instead of being carried out again.
//
//   if (auto prior = ledger.find(req.key)) return *prior;   // a retry
//   Outcome o = do_the_work(req);
//   ledger.record(req.key, o);
//
// A party remembers every key it ever answered, so a national run keeps
// tens of millions of them (a ten-million-subscriber month: about thirteen
// million). Each is one 64-bit word in an open-addressing table, the key
// with the outcome in its two low bits: 11 to 21 bytes a key, where a
// node-based map took about 40.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/provisioning/request.hpp"

namespace provsim {

class IdempotencyLedger {
 public:
  std::optional<Outcome> find(IdempotencyKey key) const;
  // Only final outcomes are kept: a transient failure did nothing, so the
  // retry must be carried out for real. A key already recorded keeps its
  // first outcome.
  void record(IdempotencyKey key, Outcome outcome);
  // The record of `key` was lost (a crash of a system that had not yet
  // written it): a retry is carried out again.
  void forget(IdempotencyKey key);
  std::size_t size() const { return size_; }

 private:
  static constexpr std::uint64_t kEmpty = 0;
  static constexpr std::uint64_t kErased = ~std::uint64_t{0};  // no key is this long

  // The slot holding `key`, or else the empty slot that ends its probe
  // sequence. The table must not be empty.
  std::size_t slot_of(std::uint64_t key) const;
  // Moves every key to a table of `slots` slots (a power of two).
  void rehash(std::size_t slots);

  std::vector<std::uint64_t> slots_;  // (key << 2) | (outcome + 1), kEmpty or kErased
  int shift_ = 64;                    // 64 - log2(slots)
  std::size_t size_ = 0;              // keys held
  std::size_t erased_ = 0;            // kErased slots
};

}  // namespace provsim
