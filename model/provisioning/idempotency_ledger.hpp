#pragma once
// For the receiving party's system: remembers the outcome of each
// idempotency key, so a retried request whose first attempt already went
// through gets the first answer back instead of being carried out again.
//
//   if (auto prior = ledger.find(req.key)) return *prior;   // a retry
//   Outcome o = do_the_work(req);
//   ledger.record(req.key, o);

#include <cstddef>
#include <optional>
#include <unordered_map>

#include "model/provisioning/request.hpp"

namespace provsim {

class IdempotencyLedger {
 public:
  std::optional<Outcome> find(IdempotencyKey key) const;
  // Only final outcomes are kept: a transient failure did nothing, so the
  // retry must be carried out for real.
  void record(IdempotencyKey key, Outcome outcome);
  // The record of `key` was lost (a crash of a system that had not yet
  // written it): a retry is carried out again.
  void forget(IdempotencyKey key) { outcomes_.erase(key); }
  std::size_t size() const { return outcomes_.size(); }

 private:
  std::unordered_map<IdempotencyKey, Outcome> outcomes_;
};

}  // namespace provsim
