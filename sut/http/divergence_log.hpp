#pragma once
// What the harness found: each divergence between the system under test
// and the reference, counted by kind, the first N kept in full (the input,
// both answers, the simulated time), and every request's wall-clock latency.
// It becomes the run's divergences.csv and sut_requests.csv tables, harness
// metrics in summary.json, and one JUnit testcase per kind.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/junit.hpp"
#include "reports/results.hpp"

namespace provsim::sut {

enum class DivergenceKind : std::uint8_t {
  kCharge,          // a rated event's charge differs
  kShare,           // a party's share differs, or a party is missing or extra
  kSuspenseReason,  // suspended on one side and not the other, or for another reason
  kOutcome,         // rated versus duplicate, a late or clamped flag, a subscription change refused
  kInvoice,         // a subscriber's invoice differs at a cycle close
  kSettlement,      // a party's settlement differs at a cycle close
  kInvariant,       // the system's own answer breaks a conservation law
  kTimeout,         // no answer within the timeout
  kProtocolError,   // an answer that is not what the protocol says
  kAddressOutcome,  // a bind, lease, release or effect of the address server differs
  kOrderState,      // an order's state differs (in progress, completed, failed, cancelled)
  kTaskPlan,        // the requests sent to the parties differ (which, in what order, compensations)
};
inline constexpr std::size_t kDivergenceKindCount = 12;
std::string_view to_string(DivergenceKind kind);

struct Divergence {
  DivergenceKind kind;
  double time = 0;          // simulated
  std::string operation;    // "events", "subscriptions", "cycles/close", "lease", "serviceOrder", ...
  std::string detail;       // which field, which party
  std::string input;        // the request (JSON)
  std::string reference;    // the reference's answer (JSON)
  std::string sut;          // the system's answer (JSON or what went wrong)
};

class DivergenceLog {
 public:
  // `kinds`: those a component can diverge in, one JUnit testcase each.
  DivergenceLog(std::size_t keep, std::vector<DivergenceKind> kinds) : keep_(keep), kinds_(std::move(kinds)) {}

  void add(Divergence d);
  void request(double time, std::string_view operation, double latency_ms, bool answered);

  std::uint64_t total() const;
  std::uint64_t count(DivergenceKind kind) const { return counts_[static_cast<std::size_t>(kind)]; }
  const std::vector<Divergence>& kept() const { return kept_; }

  // The kinds of each component.
  static std::vector<DivergenceKind> rating_kinds();
  static std::vector<DivergenceKind> address_kinds();
  static std::vector<DivergenceKind> provisioning_kinds();

  // divergences.csv, sut_requests.csv and the harness.* metrics; a second
  // component's rows join the same tables.
  void add_to(reports::Results& results, std::string_view component) const;
  // One testcase per kind, failed when that kind was seen.
  reports::SuiteResult junit(std::string suite, std::string_view component) const;

 private:
  struct Request {
    double time;
    std::string operation;
    double latency_ms;
    bool answered;
  };
  std::size_t keep_;
  std::vector<DivergenceKind> kinds_;
  std::array<std::uint64_t, kDivergenceKindCount> counts_{};
  std::vector<Divergence> kept_;
  std::vector<Request> requests_;
};

}  // namespace provsim::sut
