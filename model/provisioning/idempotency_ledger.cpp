#include "model/provisioning/idempotency_ledger.hpp"

namespace provsim {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk: return "ok";
    case Outcome::kTransientError: return "transient_error";
    case Outcome::kPermanentError: return "permanent_error";
  }
  return "?";
}

std::optional<Outcome> IdempotencyLedger::find(IdempotencyKey key) const {
  auto it = outcomes_.find(key);
  return it == outcomes_.end() ? std::nullopt : std::optional(it->second);
}

void IdempotencyLedger::record(IdempotencyKey key, Outcome outcome) {
  if (outcome != Outcome::kTransientError) outcomes_.emplace(key, outcome);
}

}  // namespace provsim
