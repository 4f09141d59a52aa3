#include "sut/rating/harness_rating.hpp"

#include <algorithm>
#include <stdexcept>

namespace provsim::sut {
namespace {

using sim::EventAnswer;

std::string money_text(Money m) { return m.to_string(); }

// The shares sorted by party, for comparing.
std::vector<PartyAmount> sorted(std::vector<PartyAmount> shares) {
  std::sort(shares.begin(), shares.end(),
            [](const PartyAmount& a, const PartyAmount& b) { return a.party.value() < b.party.value(); });
  return shares;
}

class HarnessPort : public sim::RatingPort {
 public:
  HarnessPort(RatingEngine& reference, RatingObserver& records, const HarnessOptions& options, const RatingJson& json,
              SutClient& client, DivergenceLog& log)
      : reference_(reference),
        records_(records),
        recorder_(options.mode == SutMode::kShadow ? &records : nullptr),
        drive_(options.mode == SutMode::kDrive),
        json_(json),
        client_(client),
        log_(log) {}

  RatingObserver* reference_observer(RatingObserver* /*records*/) override { return &recorder_; }

  sim::SubscriptionAnswer change_subscription(const sim::SubscriptionChange& change) override {
    sim::SubscriptionAnswer ref{sim::apply_change(reference_, change), recorder_.take_rerated()};
    const Json input = json_.subscription(change);
    const Json ref_json = json_.subscription_answer(ref);
    Call call{change.now, "subscriptions", &input, &ref_json, {}};
    std::optional<sim::SubscriptionAnswer> got;
    if (const auto answer = ask(call))
      got = decode(call, *answer, [&](const Json& j) { return json_.subscription_answer(j); });
    if (!got) return ref;
    if (got->error.empty() != ref.error.empty())
      diverge(call, DivergenceKind::kOutcome, "accepted", got->error.empty() ? "accepted" : got->error);
    compare_events(call, ref.rerated, got->rerated, "rerated ");
    if (!drive_) return ref;
    for (const EventAnswer& a : got->rerated) {
      const auto it = suspended_.find({a.bsp.value(), a.id});
      if (it == suspended_.end()) {
        diverge(call, DivergenceKind::kOutcome, "rerated event " + std::to_string(a.id), "it was never suspended");
        continue;
      }
      record(it->second, a, true);
      suspended_.erase(it);
    }
    return *got;
  }

  sim::RateAnswer rate(const sim::RateRequest& request) override {
    sim::RateAnswer ref = sim::rate_in_detail(reference_, recorder_, request.events);
    const Json input = json_.events(request.now, request.events);
    const Json ref_json = json_.rate_answer(ref);
    Call call{request.now, "events", &input, &ref_json, {}};
    std::optional<sim::RateAnswer> got;
    if (const auto answer = ask(call))
      got = decode(call, *answer, [&](const Json& j) { return json_.rate_answer(j, request.events.size()); });
    if (!got) {
      if (drive_) record_all(request.events, ref);
      return ref;
    }
    compare_events(call, ref.events, got->events, "");
    if (!drive_) return ref;
    record_all(request.events, *got);
    return *got;
  }

  CycleStatement close_cycle(SimTime end, const sim::InvoiceSink& sink) override {
    CycleStatement ref = reference_.close_cycle(end);
    const Json input = json_.close(end);
    const Json ref_json = json_.statement(ref);
    Call call{end, "cycles/close", &input, &ref_json, {}};
    std::optional<CycleStatement> got;
    if (const auto answer = ask(call)) got = decode(call, *answer, [&](const Json& j) { return json_.statement(j); });
    if (got) {
      compare_statements(call, ref, *got);
      check_statement(call, *got);
    }
    CycleStatement& out = drive_ && got ? *got : ref;
    for (const Invoice& inv : out.invoices) sink(inv);
    out.invoices.clear();
    return std::move(out);
  }

 private:
  struct Call {
    double time;
    const char* operation;
    const Json* input;
    const Json* reference;
    std::string sut;  // the system's answer as text, once there is one
  };

  // Sends the request; nothing when the system gave no usable answer.
  std::optional<Json> ask(Call& call) {
    const Exchange x = client_.post("/" + std::string(call.operation), *call.input);
    log_.request(call.time, call.operation, x.latency_ms, x.failure == Exchange::Failure::kNone);
    if (x.failure != Exchange::Failure::kNone) {
      call.sut = x.problem;
      diverge(call,
              x.failure == Exchange::Failure::kTimeout ? DivergenceKind::kTimeout : DivergenceKind::kProtocolError,
              "", x.problem);
      return std::nullopt;
    }
    call.sut = x.answer.dump();
    return x.answer;
  }

  template <typename Decode>
  auto decode(Call& call, const Json& answer, Decode&& read) -> std::optional<decltype(read(answer))> {
    try {
      return read(answer);
    } catch (const ProtocolError& e) {
      diverge(call, DivergenceKind::kProtocolError, e.what(), "");
      return std::nullopt;
    }
  }

  void diverge(const Call& call, DivergenceKind kind, std::string detail, const std::string& what) {
    if (!what.empty() && detail.empty()) detail = what;
    else if (!what.empty()) detail += ": " + what;
    log_.add(Divergence{kind, call.time, call.operation, std::move(detail), call.input->dump(), call.reference->dump(),
                        call.sut});
  }

  void compare_events(const Call& call, const std::vector<EventAnswer>& ref, const std::vector<EventAnswer>& got,
                      const std::string& what) {
    if (ref.size() != got.size()) {
      diverge(call, DivergenceKind::kOutcome, what + "events",
              std::to_string(got.size()) + " answered, the reference " + std::to_string(ref.size()));
      return;
    }
    for (std::size_t i = 0; i < ref.size(); ++i) {
      const EventAnswer& r = ref[i];
      const EventAnswer& g = got[i];
      const std::string name = what + "event " + std::to_string(r.id);
      if (r.id != g.id || r.bsp != g.bsp) {
        diverge(call, DivergenceKind::kProtocolError, name, "answered as event " + std::to_string(g.id));
        continue;
      }
      check_event(call, g, name);
      if (r.outcome.status != g.outcome.status || r.outcome.reason != g.outcome.reason) {
        const bool suspense = r.outcome.status == RatingStatus::kSuspended || g.outcome.status == RatingStatus::kSuspended;
        diverge(call, suspense ? DivergenceKind::kSuspenseReason : DivergenceKind::kOutcome, name,
                describe(g) + ", the reference " + describe(r));
        continue;
      }
      if (r.outcome.status != RatingStatus::kRated) continue;
      if (r.outcome.late != g.outcome.late || r.outcome.clamped != g.outcome.clamped)
        diverge(call, DivergenceKind::kOutcome, name, "late or clamped flag differs");
      // Shares split the charge: a different charge says it all.
      if (r.outcome.charge != g.outcome.charge)
        diverge(call, DivergenceKind::kCharge, name,
                "charge " + money_text(g.outcome.charge) + ", the reference " + money_text(r.outcome.charge));
      else
        compare_shares(call, name, sorted(r.shares), sorted(g.shares));
    }
  }

  std::string describe(const EventAnswer& a) const {
    switch (a.outcome.status) {
      case RatingStatus::kRated: return "rated";
      case RatingStatus::kDuplicate: return "duplicate";
      case RatingStatus::kSuspended: return "suspended (" + std::string(to_string(a.outcome.reason)) + ")";
    }
    return "?";
  }

  void compare_shares(const Call& call, const std::string& name, const std::vector<PartyAmount>& r,
                      const std::vector<PartyAmount>& g) {
    const Catalog& c = json_.catalog();
    std::size_t i = 0, j = 0;
    while (i < r.size() || j < g.size()) {
      if (j == g.size() || (i < r.size() && r[i].party.value() < g[j].party.value())) {
        diverge(call, DivergenceKind::kShare, name, "no share for " + c.provider(r[i].party).code);
        ++i;
      } else if (i == r.size() || g[j].party.value() < r[i].party.value()) {
        diverge(call, DivergenceKind::kShare, name, "a share for " + c.provider(g[j].party).code + ", who has none");
        ++j;
      } else {
        if (r[i].amount != g[j].amount)
          diverge(call, DivergenceKind::kShare, name,
                  c.provider(r[i].party).code + " gets " + money_text(g[j].amount) + ", the reference " +
                      money_text(r[i].amount));
        ++i;
        ++j;
      }
    }
  }

  // The system's own answer must conserve money: an event's shares add up
  // to its charge.
  void check_event(const Call& call, const EventAnswer& a, const std::string& name) {
    if (a.outcome.status != RatingStatus::kRated) return;
    Money sum;
    try {
      for (const PartyAmount& s : a.shares) sum += s.amount;
    } catch (const std::overflow_error&) {
      diverge(call, DivergenceKind::kInvariant, name, "the shares add up beyond 64-bit micro-units");
      return;
    }
    if (sum != a.outcome.charge)
      diverge(call, DivergenceKind::kInvariant, name,
              "shares add up to " + money_text(sum) + ", the charge is " + money_text(a.outcome.charge));
  }

  void compare_statements(const Call& call, const CycleStatement& r, const CycleStatement& g) {
    std::map<std::uint32_t, const Invoice*> mine;
    for (const Invoice& inv : g.invoices) mine[inv.subscriber.value()] = &inv;
    for (const Invoice& inv : r.invoices) {
      const std::string name = "invoice of subscriber " + std::to_string(inv.subscriber.value());
      const auto it = mine.find(inv.subscriber.value());
      if (it == mine.end()) {
        diverge(call, DivergenceKind::kInvoice, name, "missing");
        continue;
      }
      if (it->second->total != inv.total)
        diverge(call, DivergenceKind::kInvoice, name,
                "total " + money_text(it->second->total) + ", the reference " + money_text(inv.total));
      else if (it->second->lines.size() != inv.lines.size())
        diverge(call, DivergenceKind::kInvoice, name, "a different number of lines");
      mine.erase(it);
    }
    for (const auto& [user, inv] : mine)
      diverge(call, DivergenceKind::kInvoice, "invoice of subscriber " + std::to_string(user), "not in the reference");
    std::map<std::uint16_t, Money> settled;
    for (const Settlement& s : g.settlements) settled[s.party.value()] = s.total;
    for (const Settlement& s : r.settlements) {
      const std::string name = "settlement of " + json_.catalog().provider(s.party).code;
      const auto it = settled.find(s.party.value());
      const Money got = it == settled.end() ? Money() : it->second;
      if (got != s.total)
        diverge(call, DivergenceKind::kSettlement, name,
                money_text(got) + ", the reference " + money_text(s.total));
      if (it != settled.end()) settled.erase(it);
    }
    for (const auto& [party, total] : settled)
      if (!total.is_zero())
        diverge(call, DivergenceKind::kSettlement, "settlement of " + json_.catalog().provider(ProviderId(party)).code,
                "not in the reference");
  }

  // Invoices add up to what was invoiced, settlements to what was settled,
  // and the two are equal.
  void check_statement(const Call& call, const CycleStatement& s) {
    Money invoiced, settled;
    try {
      for (const Invoice& inv : s.invoices) invoiced += inv.total;
      for (const Settlement& st : s.settlements) settled += st.total;
    } catch (const std::overflow_error&) {
      diverge(call, DivergenceKind::kInvariant, "cycle " + std::to_string(s.cycle),
              "the totals add up beyond 64-bit micro-units");
      return;
    }
    if (invoiced != s.invoiced || settled != s.settled || s.invoiced != s.settled)
      diverge(call, DivergenceKind::kInvariant, "cycle " + std::to_string(s.cycle),
              "invoices add up to " + money_text(invoiced) + ", settlements to " + money_text(settled));
  }

  // Drive mode: the system's answers become the run's records.
  void record_all(std::span<const RatingEvent> events, const sim::RateAnswer& answer) {
    for (std::size_t i = 0; i < events.size() && i < answer.events.size(); ++i) {
      const EventAnswer& a = answer.events[i];
      if (a.outcome.status == RatingStatus::kRated) record(events[i], a, false);
      if (a.outcome.status == RatingStatus::kSuspended) {
        suspended_[{events[i].bsp.value(), events[i].id}] = events[i];
        records_.on_suspended(events[i], a.outcome.reason);
      }
    }
  }

  void record(const RatingEvent& e, const EventAnswer& a, bool from_suspense) {
    records_.on_rated(RatedEvent{e, a.plan, a.outcome.charge, a.shares, a.outcome.late, a.outcome.clamped,
                                 from_suspense});
  }

  RatingEngine& reference_;
  RatingObserver& records_;
  sim::AnswerRecorder recorder_;
  bool drive_;
  const RatingJson& json_;
  SutClient& client_;
  DivergenceLog& log_;
  std::map<std::pair<std::uint16_t, std::uint64_t>, RatingEvent> suspended_;  // by the system, drive mode
};

}  // namespace

RatingHarness::RatingHarness(const Catalog& catalog, HarnessOptions options)
    : options_(std::move(options)),
      json_(catalog),
      client_(options_.address, options_.timeout_seconds),
      log_(options_.keep_divergences, DivergenceLog::rating_kinds()) {}

bool RatingHarness::reset(const std::string& scenario, std::uint64_t seed, std::string& problem) {
  return client_.start_run(scenario, seed, problem);
}

std::unique_ptr<sim::RatingPort> RatingHarness::make(RatingEngine& reference, RatingObserver& records) {
  return std::make_unique<HarnessPort>(reference, records, options_, json_, client_, log_);
}

}  // namespace provsim::sut
