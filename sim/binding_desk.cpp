#include "sim/binding_desk.hpp"

#include "sim/actors/ip_address_server.hpp"
#include "sim/reconcile.hpp"

namespace provsim::sim {

PartyAnswer BindingDesk::handle(const TaskRequest& task, SimTime now) {
  const Request& r = task.request;
  IdempotencyLedger& ledger = ledgers_[r.party.valid() ? r.party.value() : 0xFFFF];
  if (auto prior = ledger.find(r.key)) return PartyAnswer{*prior, "repeated"};
  PartyAnswer answer = apply(r, now);
  ledger.record(r.key, answer.outcome);
  return answer;
}

PartyAnswer BindingDesk::preload(const Request& r, SimTime now) { return apply(r, now); }

PartyAnswer BindingDesk::apply(const Request& r, SimTime now) {
  switch (r.action) {
    case Action::kBind:
      if (sessions_) sessions_->catch_up(now);
      switch (addresses_.bind(r.subscriber, r.party, now)) {
        case BindStatus::kBound:
          if (sessions_) sessions_->bound(r.subscriber, now);
          return {};
        case BindStatus::kAlreadyBound:  // undoing a release that never reached us: still bound
          if (r.compensation) return {};
          return {Outcome::kPermanentError, "already_bound"};
        case BindStatus::kRefused: return {Outcome::kPermanentError, "pool_over_ratio"};
        case BindStatus::kNoPool: return {Outcome::kPermanentError, "no_pool"};
      }
      return {};
    case Action::kRelease:
      if (sessions_) sessions_->catch_up(now);
      if (addresses_.unbind(r.subscriber, now) && sessions_) sessions_->unbound(r.subscriber);
      return {};
    default: return {Outcome::kPermanentError, "unknown action"};
  }
}

void BindingDesk::check(std::uint32_t sub, const SubscriberState* s, std::vector<std::string>& problems) const {
  const bool has_pool = s && s->address_pool.valid();
  if (has_pool != addresses_.bound(SubscriberId(sub)))
    note_mismatch(problems, sub, "address binding and platform store disagree");
}

}  // namespace provsim::sim
