#include "model/provisioning/idempotency_ledger.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#include "model/core/check.hpp"

namespace provsim {
namespace {

// Keys are made of an order id, a task and a flag (IdempotencyKey::make):
// at most 49 bits, so two bits below them are free.
constexpr int kKeyBits = 62;

std::uint64_t key_of(std::uint64_t word) { return word >> 2; }
Outcome outcome_of(std::uint64_t word) { return static_cast<Outcome>((word & 3u) - 1u); }

}  // namespace

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk: return "ok";
    case Outcome::kTransientError: return "transient_error";
    case Outcome::kPermanentError: return "permanent_error";
  }
  return "?";
}

std::size_t IdempotencyLedger::slot_of(std::uint64_t key) const {
  // Fibonacci hashing: the top bits of the product spread keys that differ
  // only in their low bits (the tasks of one order) over the whole table.
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  while (slots_[i] != kEmpty && (slots_[i] == kErased || key_of(slots_[i]) != key)) i = (i + 1) & mask;
  return i;
}

std::optional<Outcome> IdempotencyLedger::find(IdempotencyKey key) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t word = slots_[slot_of(key.value)];
  return word == kEmpty ? std::nullopt : std::optional(outcome_of(word));
}

void IdempotencyLedger::record(IdempotencyKey key, Outcome outcome) {
  if (outcome == Outcome::kTransientError) return;
  PROVSIM_CHECK(key.value >> kKeyBits == 0, "idempotency key too large for the ledger");
  // Kept between 3/8 and 3/4 full (erased slots count as full: they
  // lengthen probes until the next rehash drops them).
  if ((size_ + erased_ + 1) * 4 > slots_.size() * 3) rehash(std::bit_ceil(std::max<std::size_t>(16, (size_ + 1) * 2)));
  const std::size_t i = slot_of(key.value);
  if (slots_[i] != kEmpty) return;  // recorded already: the first outcome stands
  slots_[i] = (key.value << 2) | (static_cast<std::uint64_t>(outcome) + 1u);
  ++size_;
}

void IdempotencyLedger::forget(IdempotencyKey key) {
  if (slots_.empty()) return;
  const std::size_t i = slot_of(key.value);
  if (slots_[i] == kEmpty) return;
  slots_[i] = kErased;
  --size_;
  ++erased_;
}

void IdempotencyLedger::rehash(std::size_t slots) {
  std::vector<std::uint64_t> old = std::exchange(slots_, std::vector<std::uint64_t>(slots, kEmpty));
  shift_ = 64 - std::countr_zero(slots);
  erased_ = 0;
  for (const std::uint64_t word : old)
    if (word != kEmpty && word != kErased) slots_[slot_of(key_of(word))] = word;
}

}  // namespace provsim
