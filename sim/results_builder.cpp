#include "sim/results_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <simgrid/s4u/Engine.hpp>

#include "model/theory/engset.hpp"
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

using reports::Results;
using reports::Value;

const char* kChannelNames[] = {"isp_web", "client_software", "isp_csr", "np_csr"};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank: the smallest value with at least p of the data at or below it.
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

void put(Results& r, const std::string& key, Value v) { r.metrics[key] = std::move(v); }

// A failure reason as a metric key part: the party's reason code
// ("network activate: no_free_port" -> "no_free_port").
std::string reason_key(const std::string& reason) {
  if (reason.empty()) return "unknown";
  std::string key = reason.substr(reason.rfind(": ") == std::string::npos ? 0 : reason.rfind(": ") + 2);
  for (char& ch : key)
    if (ch == ' ' || ch == '.' || ch == ',') ch = '_';
  return key;
}
void put_count(Results& r, const std::string& key, std::uint64_t n) { put(r, key, static_cast<std::int64_t>(n)); }

void latency_metrics(Results& r, const std::string& prefix, const std::vector<double>& latencies) {
  put(r, prefix + "p50_s", percentile(latencies, 0.50));
  put(r, prefix + "p95_s", percentile(latencies, 0.95));
  put(r, prefix + "p99_s", percentile(latencies, 0.99));
}

// The funnel per channel, and where prospects dropped out.
void funnel(Results& r, const World& w) {
  struct Funnel {
    std::uint64_t arrived = 0, qualified = 0, registered = 0, submitted = 0, provisioned = 0, failed = 0;
  };
  std::map<int, Funnel> by_channel;
  std::map<std::string, std::uint64_t> outcomes;
  for (const ProspectRecord& p : w.prospects) {
    Funnel& f = by_channel[static_cast<int>(p.channel)];
    ++f.arrived;
    f.qualified += p.qualified >= 0;
    f.registered += p.registered >= 0;
    f.submitted += p.submitted >= 0;
    f.provisioned += p.stage == Stage::kProvisioned;
    f.failed += p.stage == Stage::kFailed;
    std::string key = std::string("prospects.") + to_string(p.stage);
    ++outcomes[key];
    if (!p.reason.empty() && p.stage != Stage::kFailed && p.reason != to_string(p.stage))
      ++outcomes[key + "." + reason_key(p.reason)];
  }
  for (const auto& [channel, f] : by_channel) {
    const std::string prefix = std::string("funnel.") + kChannelNames[channel] + ".";
    put_count(r, prefix + "arrived", f.arrived);
    put_count(r, prefix + "qualified", f.qualified);
    put_count(r, prefix + "registered", f.registered);
    put_count(r, prefix + "submitted", f.submitted);
    put_count(r, prefix + "provisioned", f.provisioned);
    put_count(r, prefix + "failed", f.failed);
  }
  for (const auto& [key, n] : outcomes) put_count(r, key, n);
  put_count(r, "prospects.arrived", w.prospects.size());
  put_count(r, "prospects.on_served_lines", w.arrivals_on_served_lines);
}

void orders(Results& r, const World& w) {
  const EngineCounts& c = w.workflow.counts();
  std::uint64_t submitted = 0, token_expired = 0;
  for (const ProspectRecord& p : w.prospects) {
    submitted += p.order.valid();
    token_expired += p.stage == Stage::kTokenExpired;
  }
  const std::uint64_t in_progress = w.workflow.active_orders();
  const std::uint64_t queued = submitted - c.started;  // accepted, waiting for a worker
  put_count(r, "orders.submitted", submitted);
  put_count(r, "orders.started", c.started);
  put_count(r, "orders.completed", c.completed);
  put_count(r, "orders.failed", c.failed);
  put_count(r, "orders.cancelled", c.cancelled);
  put_count(r, "orders.in_progress", in_progress);
  put_count(r, "orders.queued", queued);
  put_count(r, "orders.queued_peak", w.orders_queued_peak);
  put_count(r, "orders.retries", c.retries);
  put_count(r, "orders.timeouts", c.timeouts);
  put_count(r, "orders.compensations", c.compensations);
  put_count(r, "orders.token_expired", token_expired);
  // Every accepted order is in exactly one place: finished, in progress or queued.
  put(r, "orders.conserved", submitted == c.completed + c.failed + c.cancelled + in_progress + queued &&
                                 w.finished_orders.size() == c.completed + c.failed + c.cancelled);

  std::map<std::string, std::uint64_t> reasons;
  std::vector<double> all;
  std::map<int, std::vector<double>> by_channel;
  std::map<std::string, std::vector<double>> by_step;
  for (const OrderResult& o : w.finished_orders) {
    if (o.state != OrderState::kCompleted) {
      ++reasons[reason_key(o.reason)];
      continue;
    }
    all.push_back(o.finished_at - o.started_at);
    by_channel[static_cast<int>(o.channel)].push_back(o.finished_at - o.started_at);
    for (const StepTiming& s : o.steps)
      if (s.finished_at >= 0 && s.ready_at >= 0)
        by_step[std::string(to_string(s.adapter))].push_back(s.finished_at - s.ready_at);
  }
  for (const auto& [reason, n] : reasons) put_count(r, "orders.failed." + reason, n);
  latency_metrics(r, "orders.latency_", all);
  for (const auto& [channel, v] : by_channel) latency_metrics(r, std::string("latency.") + kChannelNames[channel] + ".", v);
  for (const auto& [step, v] : by_step) latency_metrics(r, "latency.step." + step + ".", v);

  const double now = simgrid::s4u::Engine::get_clock();
  for (std::size_t k = 0; k < kAdapterKindCount; ++k) {
    const AdapterStats& s = w.workflow.adapter_stats(static_cast<AdapterKind>(k));
    const std::string prefix = "adapters." + std::string(to_string(static_cast<AdapterKind>(k))) + ".";
    put(r, prefix + "utilisation", s.utilisation(now));
    put_count(r, prefix + "sent", s.sent);
    put_count(r, prefix + "peak_in_flight", s.peak_in_flight);
    put_count(r, prefix + "peak_queued", s.peak_queued);
  }
}

void parties(Results& r, const World& w) {
  std::set<std::uint32_t> in_flight;
  for (const ProspectRecord& p : w.prospects)
    if (p.stage == Stage::kProvisioning && p.subscriber.valid()) in_flight.insert(p.subscriber.value());
  const auto problems = w.parties.reconcile(w.workflow.store(), w.subscribers_created(), in_flight);
  put_count(r, "parties.mismatches", problems.size());
  put(r, "parties.consistent", problems.empty());
  put_count(r, "parties.active_ports", w.parties.active_ports());
  put_count(r, "parties.subscribers_provisioned", w.workflow.store().active_subscribers());
}

void rating(Results& r, const World& w) {
  const RatingCounters& c = w.rating.counters();
  put_count(r, "rating.received", static_cast<std::uint64_t>(c.received));
  put_count(r, "rating.rated", static_cast<std::uint64_t>(c.rated));
  put_count(r, "rating.suspended", static_cast<std::uint64_t>(c.suspended));
  put_count(r, "rating.duplicates", static_cast<std::uint64_t>(c.duplicates));
  put_count(r, "rating.late", static_cast<std::uint64_t>(c.late));
  put(r, "rating.conserved", c.received == c.rated + c.suspended + c.duplicates);
  Money invoiced, settled;
  for (const CycleStatement& s : w.statements) {
    invoiced += s.invoiced;
    settled += s.settled;
  }
  put(r, "money.invoiced", invoiced.to_string());
  put(r, "money.settled", settled.to_string());
  put(r, "money.charged", c.charged.to_string());
  put(r, "money.conserved", invoiced == settled && c.conserved());
  put_count(r, "rating.cycles_closed", w.statements.size());
  for (const auto& [party, amount] : w.rated_log.revenue)
    put(r, "revenue." + w.catalog.provider(ProviderId(party)).code, amount.to_string());
}

// Per pool and overall: capacity, use, blocking next to the Engset
// prediction for the pool's bound population, over-allocation activity, and
// the server's invariants.
void addresses(Results& r, const World& w) {
  const AddressServer& server = w.addresses;
  std::uint64_t attempts = 0, blocked = 0;
  const double mean_holding = w.config.seconds("sessions.mean_duration");
  const double per_day = w.config.number("sessions.per_day");
  const double beta = per_day > 0 ? mean_holding / (86400.0 / per_day - mean_holding) : 0.0;
  reports::Table& pools = r.table("pools", {"pool", "isp", "region", "capacity", "own_capacity", "bound", "ratio",
                                           "leased", "peak_leased", "attempts", "blocked", "blocking",
                                           "engset_blocking", "waited", "mean_wait_s", "borrowed", "returned",
                                           "preempted", "grown_addresses", "expiries", "low_water_crossings",
                                           "high_water_crossings"});
  for (std::size_t i = 0; i < server.pool_count(); ++i) {
    const AddressPool& pool = server.pool(PoolId(static_cast<PoolId::rep>(i)));
    const PoolStats& s = pool.stats();
    const std::string isp = w.catalog.provider(pool.owner()).code;
    const std::string name = "ip." + isp + (pool.region().empty() ? "" : "." + pool.region()) + ".";
    const double engset = theory::engset_call_congestion(s.bound, s.capacity, beta);
    attempts += s.attempts;
    blocked += s.blocked;
    put_count(r, name + "capacity", s.capacity);
    put_count(r, name + "bound", s.bound);
    put(r, name + "ratio", s.over_allocation_ratio());
    put_count(r, name + "peak_leased", s.peak_leased);
    put_count(r, name + "attempts", s.attempts);
    put_count(r, name + "blocked", s.blocked);
    put(r, name + "blocking", s.blocking());
    put(r, name + "engset_blocking", engset);
    put_count(r, name + "waited", s.waited);
    put(r, name + "mean_wait_s", s.mean_wait());
    put_count(r, name + "borrowed", s.borrowed_total);
    put_count(r, name + "returned", s.returned_total);
    put_count(r, name + "preempted", s.preempted);
    put_count(r, name + "grown_addresses", s.grown_addresses);
    pools.add({static_cast<std::int64_t>(i), isp, pool.region(), static_cast<std::int64_t>(s.capacity),
               static_cast<std::int64_t>(s.own_capacity), static_cast<std::int64_t>(s.bound),
               s.over_allocation_ratio(), static_cast<std::int64_t>(s.leased), static_cast<std::int64_t>(s.peak_leased),
               static_cast<std::int64_t>(s.attempts), static_cast<std::int64_t>(s.blocked), s.blocking(), engset,
               static_cast<std::int64_t>(s.waited), s.mean_wait(), static_cast<std::int64_t>(s.borrowed_total),
               static_cast<std::int64_t>(s.returned_total), static_cast<std::int64_t>(s.preempted),
               static_cast<std::int64_t>(s.grown_addresses), static_cast<std::int64_t>(s.expiries),
               static_cast<std::int64_t>(s.low_water_crossings), static_cast<std::int64_t>(s.high_water_crossings)});
  }
  put_count(r, "ip.attempts", attempts);
  put_count(r, "ip.blocked", blocked);
  put(r, "ip.blocking", attempts ? static_cast<double>(blocked) / static_cast<double>(attempts) : 0.0);
  put_count(r, "ip.reserve_lent", server.reserve_lent());
  const auto violations = server.invariant_violations();
  put_count(r, "ip.invariant_violations", violations.size());
  put(r, "ip.conserved", violations.empty());
  put_count(r, "ip.sessions_started", w.sessions->sessions_started());
}

void time_series(Results& r, const World& w) {
  std::vector<std::string> columns = {"time_s"};
  for (const Series& s : w.series) columns.push_back(s.name);
  reports::Table& t = r.table("metrics", columns);
  for (const auto& row : w.samples) {
    std::vector<Value> cells;
    for (double v : row) cells.emplace_back(v);
    t.add(std::move(cells));
  }
}

Value time_or_empty(double t) { return t >= 0 ? Value(t) : Value(std::string()); }

void order_table(Results& r, const World& w) {
  std::map<std::uint32_t, const OrderResult*> results;
  for (const OrderResult& o : w.finished_orders) results[o.order.value()] = &o;
  reports::Table& t = r.table("orders", {"prospect", "order", "subscriber", "channel", "isp", "line", "arrived_s",
                                         "qualified_s", "registered_s", "submitted_s", "finished_s", "outcome",
                                         "reason", "latency_s", "attempts"});
  for (const ProspectRecord& p : w.prospects) {
    const OrderResult* o = p.order.valid() && results.count(p.order.value()) ? results[p.order.value()] : nullptr;
    std::int64_t attempts = 0;
    if (o)
      for (const StepTiming& s : o->steps) attempts += s.attempts;
    t.add({static_cast<std::int64_t>(p.index), p.order.valid() ? Value(static_cast<std::int64_t>(p.order.value())) : Value(std::string()),
           p.subscriber.valid() ? Value(static_cast<std::int64_t>(p.subscriber.value())) : Value(std::string()),
           std::string(kChannelNames[static_cast<int>(p.channel)]), w.catalog.provider(p.isp).code,
           w.scenario.network.line_codes[p.line.value()], time_or_empty(p.arrived), time_or_empty(p.qualified),
           time_or_empty(p.registered), time_or_empty(p.submitted), time_or_empty(p.finished),
           std::string(to_string(p.stage)), p.reason,
           o ? Value(o->finished_at - o->started_at) : Value(std::string()), attempts});
  }
}

void rating_tables(Results& r, const World& w) {
  reports::Table& rated = r.table("rated_events", {"event", "bsp", "user", "offering", "plan", "time_s",
                                                   "quantity", "charge", "late", "from_suspense"});
  for (const auto& row : w.rated_log.rows)
    rated.add({static_cast<std::int64_t>(row.event), w.catalog.provider(ProviderId(row.bsp)).code,
               static_cast<std::int64_t>(row.user), w.catalog.offering(OfferingId(row.offering)).code,
               w.catalog.plan(PlanId(row.plan)).code, row.time, Quantity::from_millis(row.quantity_millis).to_string(),
               row.charge.to_string(), row.late, row.from_suspense});
  put_count(r, "rating.rated_not_written", w.rated_log.not_kept);

  reports::Table& invoices = r.table("invoices", {"cycle", "subscriber", "offering", "kind", "late", "events",
                                                  "quantity", "amount"});
  reports::Table& settlement = r.table("settlement", {"cycle", "party", "recurring", "purchase", "usage", "shares",
                                                      "total"});
  static const char* kKinds[] = {"recurring", "purchase", "usage"};
  for (const CycleStatement& s : w.statements) {
    for (const Invoice& inv : s.invoices)
      for (const InvoiceLine& line : inv.lines)
        invoices.add({static_cast<std::int64_t>(s.cycle), static_cast<std::int64_t>(inv.subscriber.value()),
                      w.catalog.offering(line.offering).code, std::string(kKinds[static_cast<int>(line.kind)]),
                      line.late, line.events, line.quantity.to_string(), line.amount.to_string()});
    for (const Settlement& st : s.settlements)
      settlement.add({static_cast<std::int64_t>(s.cycle), w.catalog.provider(st.party).code,
                      st.by_kind[0].to_string(), st.by_kind[1].to_string(), st.by_kind[2].to_string(), st.shares,
                      st.total.to_string()});
  }
  reports::Table& suspense = r.table("suspense", {"event", "bsp", "user", "offering", "time_s", "reason"});
  std::map<std::string, std::uint64_t> by_reason;
  for (const auto& [e, reason] : w.rated_log.suspended) {
    ++by_reason[std::string(to_string(reason))];
    suspense.add({static_cast<std::int64_t>(e.id), w.catalog.provider(e.bsp).code,
                  static_cast<std::int64_t>(e.user.value()),
                  e.offering.value() < w.catalog.offerings().size() ? w.catalog.offering(e.offering).code : "?",
                  e.start, std::string(to_string(reason))});
  }
  for (const auto& [reason, n] : by_reason) put_count(r, "suspense." + reason, n);
}

}  // namespace

Results build_results(World& w, const std::string& version, double wall_seconds) {
  Results r;
  r.info.scenario = w.scenario.name;
  r.info.scenario_hash = w.scenario.hash;
  r.info.seed = w.scenario.seed;
  r.info.version = version;
  r.info.simulated_seconds = simgrid::s4u::Engine::get_clock();
  r.info.wall_seconds = wall_seconds;
  r.info.events = w.events;
  funnel(r, w);
  orders(r, w);
  parties(r, w);
  rating(r, w);
  addresses(r, w);
  put_count(r, "sim.events", w.events);
  time_series(r, w);
  order_table(r, w);
  rating_tables(r, w);
  return r;
}

}  // namespace provsim::sim
