#include "sut/address/harness_address.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sut/address/address_json.hpp"

namespace provsim::sut {
namespace {

using Kind = AddressEffect::Kind;

bool is_request(Kind k) { return k == Kind::kRequestLoan || k == Kind::kRequestBlock; }

// Who holds which address, by the system's own answers.
class Holdings {
 public:
  // Empty when fine, else who holds `address` already.
  std::optional<std::uint32_t> hold(SubscriberId who, const std::string& address) {
    const auto mine = by_subscriber_.find(who.value());
    if (mine != by_subscriber_.end()) {
      if (mine->second == address) return std::nullopt;  // the same lease again
      drop(who);
    }
    by_subscriber_[who.value()] = address;
    const auto [it, fresh] = by_address_.try_emplace(address, who.value());
    if (!fresh && it->second != who.value()) return it->second;
    return std::nullopt;
  }
  void drop(SubscriberId who) {
    const auto mine = by_subscriber_.find(who.value());
    if (mine == by_subscriber_.end()) return;
    const auto it = by_address_.find(mine->second);
    if (it != by_address_.end() && it->second == who.value()) by_address_.erase(it);
    by_subscriber_.erase(mine);
  }

 private:
  std::unordered_map<std::uint32_t, std::string> by_subscriber_;
  std::unordered_map<std::string, std::uint32_t> by_address_;
};

class HarnessLink : public sim::AddressLink {
 public:
  HarnessLink(AddressServer& reference, const Catalog& catalog, const HarnessOptions& options, SutClient& client,
              DivergenceLog& log)
      : reference_(reference),
        json_(catalog, reference),
        drive_(options.mode == SutMode::kDrive),
        client_(client),
        log_(log) {}

  BindStatus bind(SubscriberId who, ProviderId isp, SimTime now) override {
    asked_about_.insert(who.value());
    const BindStatus ref = reference_.bind(who, isp, {}, now);
    Call call(*this, "bind", now, Json{{"now", now}, {"subscriber", who.value()}, {"isp", code(isp)}},
              Json{{"status", to_string(ref)}});
    const auto got = call.ask([&](const Json& a) { return json_.bind_status(a); });
    if (got && *got != ref)
      call.diverge(DivergenceKind::kAddressOutcome, "bind of subscriber " + std::to_string(who.value()),
                   std::string(to_string(*got)) + ", the reference " + std::string(to_string(ref)));
    call.finish();
    return drive_ && got ? *got : ref;
  }

  bool unbind(SubscriberId who, SimTime now) override {
    return yes_no("unbind", who, now, reference_.unbind(who, now), /*drops=*/true);
  }
  bool renew(SubscriberId who, SimTime now) override {
    return yes_no("renew", who, now, reference_.renew(who, now), false);
  }
  bool release(SubscriberId who, SimTime now) override {
    return yes_no("release", who, now, reference_.release(who, now), true);
  }
  bool vanish(SubscriberId who, SimTime now) override {
    return yes_no("vanish", who, now, reference_.vanish(who, now), false);
  }
  bool forget(SubscriberId who, SimTime now, Duration probation) override {
    const bool ref = reference_.forget(who, now, probation);
    Json input{{"now", now}, {"subscriber", who.value()}, {"probation", probation}};
    return yes_no_call("forget", who, std::move(input), ref, true);
  }

  LeaseReply lease(SubscriberId who, SimTime now) override {
    const LeaseReply ref = reference_.lease(who, now);
    Json ref_json{{"outcome", to_string(ref.status)}};
    if (ref.status == LeaseStatus::kGranted) ref_json["address"] = json_.address_of(who);
    Call call(*this, "lease", now, Json{{"now", now}, {"subscriber", who.value()}}, std::move(ref_json));
    std::string address;
    const auto got = call.ask([&](const Json& a) {
      const LeaseStatus s = json_.lease_status(a);
      if (s == LeaseStatus::kGranted) address = text(a, "address");
      return s;
    });
    if (got && *got != ref.status)
      call.diverge(DivergenceKind::kAddressOutcome, "lease of subscriber " + std::to_string(who.value()),
                   std::string(to_string(*got)) + ", the reference " + std::string(to_string(ref.status)));
    call.finish();  // the effects first: a pre-empted lease frees the address this one gets
    if (got && *got == LeaseStatus::kGranted) hold(call, who, address);
    if (drive_ && got) return LeaseReply{*got, kNoSlot};
    return ref;
  }

  void advance(SimTime now) override {
    reference_.advance(now);
    Call call(*this, "advance", now, Json{{"now", now}}, Json::object());
    call.ask([](const Json&) { return true; });
    call.finish();
  }

  void complete(RequestId id, SimTime now) override {
    const auto it = requests_.find(id.value());
    if (it == requests_.end()) return;
    const Pair pair = it->second;
    requests_.erase(it);
    if (pair.reference.valid()) reference_.complete(pair.reference, now);
    Json input{{"now", now}};
    if (pair.sut.valid()) input["request"] = pair.sut.value();
    Call call(*this, "complete", now, std::move(input), Json::object());
    if (pair.sut.valid()) call.ask([](const Json&) { return true; });  // else the system never asked for it
    call.finish();
  }

  std::span<const AddressEffect> effects() const override { return effects_; }
  void clear_effects() override { effects_.clear(); }

 private:
  // A loan or block request as the simulation knows it (its own id), and
  // the ids each side gave it.
  struct Pair {
    RequestId reference, sut;
  };

  // One request to both sides: the reference has answered when it is made.
  class Call {
   public:
    Call(HarnessLink& link, const char* operation, SimTime now, Json input, Json reference)
        : link_(link), operation_(operation), now_(now), input_(std::move(input)), reference_(std::move(reference)) {
      const auto fx = link_.reference_.effects();
      ref_effects_.assign(fx.begin(), fx.end());
      link_.reference_.clear_effects();
      reference_["effects"] = link_.json_.effects(ref_effects_);
    }

    // Sends the request and reads the answer with `read` (and its
    // effects); nothing when the system gave no usable answer.
    template <typename Read>
    auto ask(Read&& read) -> std::optional<decltype(read(Json()))> {
      const Exchange x = link_.client_.post("/" + std::string(operation_), input_);
      link_.log_.request(now_, operation_, x.latency_ms, x.failure == Exchange::Failure::kNone);
      if (x.failure != Exchange::Failure::kNone) {
        sut_ = x.problem;
        diverge(x.failure == Exchange::Failure::kTimeout ? DivergenceKind::kTimeout : DivergenceKind::kProtocolError,
                "", x.problem);
        return std::nullopt;
      }
      sut_ = x.answer.dump();
      try {
        auto value = read(x.answer);
        sut_effects_ = link_.json_.effects(x.answer);
        link_.check_subscribers(sut_effects_);
        answered_ = true;
        return value;
      } catch (const ProtocolError& e) {
        diverge(DivergenceKind::kProtocolError, e.what(), "");
        return std::nullopt;
      }
    }

    void diverge(DivergenceKind kind, std::string detail, const std::string& what) {
      if (!what.empty() && detail.empty())
        detail = what;
      else if (!what.empty())
        detail += ": " + what;
      link_.log_.add(Divergence{kind, now_, operation_, std::move(detail), input_.dump(), reference_.dump(), sut_});
    }

    // Compares the effects, follows the system's leases, and hands the
    // driving side's effects to the simulation.
    void finish() {
      if (answered_) {
        compare_effects();
        for (const WireEffect& w : sut_effects_) link_.follow(*this, w);
      }
      link_.pass_on(ref_effects_, answered_ ? &sut_effects_ : nullptr);
    }

   private:
    void compare_effects() {
      std::vector<std::string> ref, got;
      for (const AddressEffect& e : ref_effects_) ref.push_back(link_.signature(e));
      for (const WireEffect& w : sut_effects_) got.push_back(link_.signature(w.effect));
      std::sort(ref.begin(), ref.end());
      std::sort(got.begin(), got.end());
      if (ref == got) return;
      std::vector<std::string> only_ref, only_got;
      std::set_difference(ref.begin(), ref.end(), got.begin(), got.end(), std::back_inserter(only_ref));
      std::set_difference(got.begin(), got.end(), ref.begin(), ref.end(), std::back_inserter(only_got));
      const auto join = [](const std::vector<std::string>& list) {
        std::string out;
        for (const auto& s : list) out += (out.empty() ? "" : "; ") + s;
        return out.empty() ? std::string("none") : out;
      };
      diverge(DivergenceKind::kAddressOutcome, "effects",
              "the system only: " + join(only_got) + "; the reference only: " + join(only_ref));
    }

    HarnessLink& link_;
    const char* operation_;
    SimTime now_;
    Json input_;
    Json reference_;
    std::string sut_;
    std::vector<AddressEffect> ref_effects_;
    std::vector<WireEffect> sut_effects_;
    bool answered_ = false;
  };

  bool yes_no(const char* operation, SubscriberId who, SimTime now, bool ref, bool drops) {
    return yes_no_call(operation, who, Json{{"now", now}, {"subscriber", who.value()}}, ref, drops);
  }

  bool yes_no_call(const char* operation, SubscriberId who, Json input, bool ref, bool drops) {
    const SimTime now = input["now"].get<double>();
    Call call(*this, operation, now, std::move(input), Json{{"done", ref}});
    const auto got = call.ask([&](const Json& a) { return json_.done(a); });
    if (got && *got != ref)
      call.diverge(DivergenceKind::kAddressOutcome,
                   std::string(operation) + " of subscriber " + std::to_string(who.value()),
                   std::string(*got ? "done" : "not done") + ", the reference " + (ref ? "done" : "not done"));
    if (got && *got && drops) holdings_.drop(who);
    call.finish();
    return drive_ && got ? *got : ref;
  }

  // An effect may only name a subscriber the simulation has bound: in drive
  // mode the simulation schedules by it, and keeps state per number.
  void check_subscribers(const std::vector<WireEffect>& effects) const {
    for (const WireEffect& w : effects)
      if (w.effect.subscriber.valid() && asked_about_.count(w.effect.subscriber.value()) == 0)
        throw ProtocolError("an effect names subscriber " + std::to_string(w.effect.subscriber.value()) +
                            ", who was never bound");
  }

  // The system's account of an effect: who lost or got an address.
  void follow(Call& call, const WireEffect& w) {
    switch (w.effect.kind) {
      case Kind::kLeaseRevoked:
      case Kind::kLeaseExpired: holdings_.drop(w.effect.subscriber); break;
      case Kind::kLeaseGranted: hold(call, w.effect.subscriber, w.address); break;
      default: break;
    }
  }

  void hold(Call& call, SubscriberId who, const std::string& address) {
    if (const auto other = holdings_.hold(who, address))
      call.diverge(DivergenceKind::kInvariant, "address " + address,
                   "leased to subscriber " + std::to_string(who.value()) + " while subscriber " +
                       std::to_string(*other) + " holds it");
  }

  // Hands the driving side's effects on, each loan or block request under
  // an id of the simulation's that names the request on both sides (the
  // i-th request of a kind on one side goes with the i-th on the other).
  void pass_on(const std::vector<AddressEffect>& ref, const std::vector<WireEffect>* sut) {
    std::vector<AddressEffect> got;
    if (sut != nullptr)
      for (const WireEffect& w : *sut) got.push_back(w.effect);
    const bool system_drives = drive_ && sut != nullptr;
    const std::vector<AddressEffect>& driving = system_drives ? got : ref;
    const std::vector<AddressEffect>& other = system_drives ? ref : got;
    std::map<Kind, std::size_t> seen;
    for (AddressEffect e : driving) {
      if (is_request(e.kind)) {
        const std::size_t nth = seen[e.kind]++;
        RequestId partner;
        std::size_t n = 0;
        for (const AddressEffect& o : other)
          if (o.kind == e.kind && n++ == nth) partner = o.request;
        const Pair pair = system_drives ? Pair{partner, e.request} : Pair{e.request, partner};
        e.request = RequestId(next_request_++);
        requests_[e.request.value()] = pair;
      }
      effects_.push_back(e);
    }
  }

  // What is compared of an effect: not the address (an allocator's choice)
  // nor a request's id (each side numbers its own).
  std::string signature(const AddressEffect& e) const {
    std::string s = std::string(effect_name(e.kind)) + " pool " + json_.pool_name(e.pool);
    switch (e.kind) {
      case Kind::kLeaseGranted:
      case Kind::kLeaseBlocked: {
        Json waited = e.waited;
        return s + " subscriber " + std::to_string(e.subscriber.value()) + " waited " + waited.dump();
      }
      case Kind::kLeaseRevoked:
      case Kind::kLeaseExpired: return s + " subscriber " + std::to_string(e.subscriber.value());
      default: return s + " count " + std::to_string(e.count);
    }
  }

  const std::string& code(ProviderId isp) const { return json_.catalog().provider(isp).code; }

  AddressServer& reference_;
  AddressJson json_;
  bool drive_;
  SutClient& client_;
  DivergenceLog& log_;
  Holdings holdings_;
  std::unordered_set<std::uint32_t> asked_about_;  // every subscriber ever bound
  std::vector<AddressEffect> effects_;
  std::unordered_map<RequestId::rep, Pair> requests_;
  RequestId::rep next_request_ = 0;
};

}  // namespace

AddressHarness::AddressHarness(const Catalog& catalog, HarnessOptions options)
    : catalog_(catalog),
      options_(std::move(options)),
      client_(options_.address, options_.timeout_seconds),
      log_(options_.keep_divergences, DivergenceLog::address_kinds()) {}

bool AddressHarness::reset(const std::string& scenario, std::uint64_t seed, std::string& problem) {
  return client_.start_run(scenario, seed, problem);
}

std::unique_ptr<sim::AddressLink> AddressHarness::make(AddressServer& reference) {
  return std::make_unique<HarnessLink>(reference, catalog_, options_, client_, log_);
}

}  // namespace provsim::sut
