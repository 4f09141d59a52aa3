#include "sut/http/divergence_log.hpp"

#include <algorithm>
#include <cmath>

namespace provsim::sut {

std::string_view to_string(DivergenceKind kind) {
  switch (kind) {
    case DivergenceKind::kCharge: return "charge";
    case DivergenceKind::kShare: return "share";
    case DivergenceKind::kSuspenseReason: return "suspense_reason";
    case DivergenceKind::kOutcome: return "outcome";
    case DivergenceKind::kInvoice: return "invoice";
    case DivergenceKind::kSettlement: return "settlement";
    case DivergenceKind::kInvariant: return "invariant";
    case DivergenceKind::kTimeout: return "timeout";
    case DivergenceKind::kProtocolError: return "protocol_error";
    case DivergenceKind::kAddressOutcome: return "address_outcome";
    case DivergenceKind::kOrderState: return "order_state";
    case DivergenceKind::kTaskPlan: return "task_plan";
  }
  return "?";
}

std::vector<DivergenceKind> DivergenceLog::rating_kinds() {
  using K = DivergenceKind;
  return {K::kCharge,     K::kShare,     K::kSuspenseReason, K::kOutcome,      K::kInvoice,
          K::kSettlement, K::kInvariant, K::kTimeout,        K::kProtocolError};
}

std::vector<DivergenceKind> DivergenceLog::address_kinds() {
  using K = DivergenceKind;
  return {K::kAddressOutcome, K::kInvariant, K::kTimeout, K::kProtocolError};
}

std::vector<DivergenceKind> DivergenceLog::provisioning_kinds() {
  using K = DivergenceKind;
  return {K::kOrderState, K::kTaskPlan, K::kTimeout, K::kProtocolError};
}

void DivergenceLog::add(Divergence d) {
  ++counts_[static_cast<std::size_t>(d.kind)];
  if (kept_.size() < keep_) kept_.push_back(std::move(d));
}

void DivergenceLog::request(double time, std::string_view operation, double latency_ms, bool answered) {
  requests_.push_back(Request{time, std::string(operation), latency_ms, answered});
}

std::uint64_t DivergenceLog::total() const {
  std::uint64_t n = 0;
  for (const std::uint64_t c : counts_) n += c;
  return n;
}

namespace {

// The q-quantile of sorted values (nearest rank).
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

// The results' table `name`, made with `columns` if it is not there yet.
reports::Table& table(reports::Results& results, const std::string& name, std::vector<std::string> columns) {
  for (auto& t : results.tables)
    if (t.name == name) return t;
  return results.table(name, std::move(columns));
}

}  // namespace

void DivergenceLog::add_to(reports::Results& results, std::string_view component) const {
  const std::string prefix = "harness." + std::string(component) + ".";
  results.metrics[prefix + "divergences"] = static_cast<std::int64_t>(total());
  for (const DivergenceKind k : kinds_)
    results.metrics[prefix + "divergences." + std::string(to_string(k))] = static_cast<std::int64_t>(count(k));
  results.metrics[prefix + "requests"] = static_cast<std::int64_t>(requests_.size());
  std::vector<double> latencies;
  for (const Request& r : requests_) latencies.push_back(r.latency_ms);
  std::sort(latencies.begin(), latencies.end());
  results.metrics[prefix + "latency_p50_ms"] = quantile(latencies, 0.50);
  results.metrics[prefix + "latency_p95_ms"] = quantile(latencies, 0.95);
  results.metrics[prefix + "latency_p99_ms"] = quantile(latencies, 0.99);
  results.metrics[prefix + "latency_max_ms"] = latencies.empty() ? 0.0 : latencies.back();

  auto& d =
      table(results, "divergences", {"component", "kind", "time", "operation", "detail", "input", "reference", "sut"});
  for (const Divergence& x : kept_)
    d.add({std::string(component), std::string(to_string(x.kind)), x.time, x.operation, x.detail, x.input,
           x.reference, x.sut});
  auto& r = table(results, "sut_requests", {"component", "time", "operation", "latency_ms", "answered"});
  for (const Request& x : requests_) r.add({std::string(component), x.time, x.operation, x.latency_ms, x.answered});
}

reports::SuiteResult DivergenceLog::junit(std::string suite, std::string_view component) const {
  reports::SuiteResult s;
  s.name = std::move(suite);
  for (const DivergenceKind kind : kinds_) {
    reports::Verdict v;
    v.expectation = "harness." + std::string(component) + ".divergences." + std::string(to_string(kind)) + " == 0";
    v.actual = std::to_string(count(kind));
    v.passed = count(kind) == 0;
    s.verdicts.push_back(std::move(v));
  }
  return s;
}

}  // namespace provsim::sut
