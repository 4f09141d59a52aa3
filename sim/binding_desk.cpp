#include "sim/binding_desk.hpp"

#include "sim/actors/ip_address_server.hpp"
#include "sim/reconcile.hpp"

namespace provsim::sim {

PartyAnswer BindingDesk::handle(const TaskRequest& task, SimTime now) {
  const Request& r = task.request;
  const std::uint16_t party = r.party.valid() ? r.party.value() : 0xFFFF;
  IdempotencyLedger& ledger = ledgers_[party];
  if (auto prior = ledger.find(r.key)) return PartyAnswer{*prior, "repeated"};
  const bool was_bound = addresses_.bound(r.subscriber);
  PartyAnswer answer = apply(r, now);
  ledger.record(r.key, answer.outcome);
  Change change{r.key, party, r.subscriber, r.party, Change::Made::kNothing};
  const bool is_bound = addresses_.bound(r.subscriber);
  if (is_bound != was_bound) change.made = is_bound ? Change::Made::kBound : Change::Made::kUnbound;
  last_ = change;
  return answer;
}

void BindingDesk::undo(const Change& change, SimTime now) {
  ledgers_[change.ledger].forget(change.key);
  if (change.made == Change::Made::kNothing) return;
  if (sessions_) sessions_->catch_up(now);
  if (change.made == Change::Made::kBound) {
    if (addresses_.unbind(change.who, now) && sessions_) sessions_->unbound(change.who);
  } else if (addresses_.bind(change.who, change.isp, now) == BindStatus::kBound && sessions_) {
    sessions_->bound(change.who, now);
  }
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
