#include "sim/results_builder.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <simgrid/s4u/Engine.hpp>

#include "model/theory/engset.hpp"
#include "model/theory/erlang.hpp"
#include "sim/actors/ip_address_server.hpp"
#include "sim/actors/subscriber_lifecycle.hpp"
#include "sim/call_centre.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/durability/recovery_metrics.hpp"
#include "sim/huge_pages.hpp"
#include "sim/reconcile.hpp"
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
    std::uint64_t abandoned = 0, rejected = 0;
  };
  std::map<int, Funnel> by_channel;
  std::map<std::string, std::uint64_t> outcomes;
  for (const ProspectRecord& p : w.channels().prospects()) {
    Funnel& f = by_channel[static_cast<int>(p.channel)];
    ++f.arrived;
    f.qualified += p.qualified >= 0;
    f.registered += p.registered >= 0;
    f.submitted += p.submitted >= 0;
    f.provisioned += p.stage == Stage::kProvisioned;
    f.failed += p.stage == Stage::kFailed;
    f.abandoned += p.stage == Stage::kAbandoned;
    f.rejected += p.stage == Stage::kRejected;
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
    put_count(r, prefix + "abandoned", f.abandoned);
    put_count(r, prefix + "rejected", f.rejected);
  }
  for (const auto& [key, n] : outcomes) put_count(r, key, n);
  put_count(r, "prospects.arrived", w.channels().prospects().size());
  put_count(r, "prospects.on_served_lines", w.records().arrivals_on_served_lines());
}

void orders(Results& r, const World& w) {
  const EngineCounts& c = w.platform().workflow().counts();
  std::uint64_t submitted = 0, token_expired = 0;
  for (const ProspectRecord& p : w.channels().prospects()) {
    submitted += p.order.valid();
    token_expired += p.stage == Stage::kTokenExpired;
  }
  submitted += w.records().internal_orders();  // disconnects and changes from the platform's own processes
  const std::uint64_t in_progress = w.platform().workflow().active_orders();
  const std::uint64_t queued = submitted - c.started;  // accepted, waiting for a worker
  put_count(r, "orders.submitted", submitted);
  put_count(r, "orders.started", c.started);
  put_count(r, "orders.completed", c.completed);
  put_count(r, "orders.failed", c.failed);
  put_count(r, "orders.cancelled", c.cancelled);
  put_count(r, "orders.in_progress", in_progress);
  put_count(r, "orders.queued", queued);
  put_count(r, "orders.queued_peak", w.records().orders_queued_peak());
  put_count(r, "orders.retries", c.retries);
  put_count(r, "orders.timeouts", c.timeouts);
  put_count(r, "orders.compensations", c.compensations);
  put_count(r, "orders.token_expired", token_expired);
  // Every accepted order is in exactly one place: finished, in progress or queued.
  put(r, "orders.conserved",
      submitted == c.completed + c.failed + c.cancelled + in_progress + queued &&
          w.records().finished_orders().size() == c.completed + c.failed + c.cancelled);

  std::map<std::string, std::uint64_t> reasons;
  std::vector<double> all;
  std::map<int, std::vector<double>> by_channel;
  for (const OrderResult& o : w.records().finished_orders()) {
    if (o.state != OrderState::kCompleted) {
      ++reasons[reason_key(o.reason)];
      continue;
    }
    if (!counts_in_latency(o)) continue;  // changes and disconnects: see lifecycle_metrics
    all.push_back(o.finished_at - o.started_at);
    by_channel[static_cast<int>(o.channel)].push_back(o.finished_at - o.started_at);
  }
  std::map<std::string, const std::vector<double>*> by_step;  // by adapter name, as the keys sort
  for (std::size_t k = 0; k < kAdapterKindCount; ++k)
    if (!w.records().step_latencies()[k].empty())
      by_step[std::string(to_string(static_cast<AdapterKind>(k)))] = &w.records().step_latencies()[k];
  for (const auto& [reason, n] : reasons) put_count(r, "orders.failed." + reason, n);
  latency_metrics(r, "orders.latency_", all);
  for (const auto& [channel, v] : by_channel) latency_metrics(r, std::string("latency.") + kChannelNames[channel] + ".", v);
  for (const auto& [step, v] : by_step) latency_metrics(r, "latency.step." + step + ".", *v);

  const double now = simgrid::s4u::Engine::get_clock();
  for (std::size_t k = 0; k < kAdapterKindCount; ++k) {
    const AdapterStats& s = w.platform().workflow().adapter_stats(static_cast<AdapterKind>(k));
    const std::string prefix = "adapters." + std::string(to_string(static_cast<AdapterKind>(k))) + ".";
    put(r, prefix + "utilisation", s.utilisation(now));
    put_count(r, prefix + "sent", s.sent);
    put_count(r, prefix + "peak_in_flight", s.peak_in_flight);
    put_count(r, prefix + "peak_queued", s.peak_queued);
    put(r, prefix + "mean_wait_s", s.sent ? s.wait_time / static_cast<double>(s.sent) : 0.0);  // for a slot
  }
}

void parties(Results& r, const World& w) {
  std::set<std::uint32_t> in_flight;
  for (const ProspectRecord& p : w.channels().prospects())
    if (p.stage == Stage::kProvisioning && p.subscriber.valid()) in_flight.insert(p.subscriber.value());
  for (std::uint32_t sub : w.platform().lifecycle().busy()) in_flight.insert(sub);  // a disconnect or change running
  const auto problems =
      reconcile(w.parties().systems(), w.platform().bindings(), w.platform().billing(), w.platform().workflow().store(),
                w.platform().subscribers_created(), in_flight);
  put_count(r, "parties.mismatches", problems.size());
  put(r, "parties.consistent", problems.empty());
  if (!problems.empty()) put(r, "parties.first_mismatch", problems.front());  // where to start looking
  put_count(r, "parties.active_ports", w.parties().systems().active_ports());
  put_count(r, "parties.subscribers_provisioned", w.platform().workflow().store().active_subscribers());
}

void rating(Results& r, const World& w) {
  const RatingCounters& c = w.platform().rating().counters();
  put_count(r, "rating.received", static_cast<std::uint64_t>(c.received));
  put_count(r, "rating.rated", static_cast<std::uint64_t>(c.rated));
  put_count(r, "rating.suspended", static_cast<std::uint64_t>(c.suspended));
  put_count(r, "rating.duplicates", static_cast<std::uint64_t>(c.duplicates));
  put_count(r, "rating.late", static_cast<std::uint64_t>(c.late));
  put(r, "rating.conserved", c.received == c.rated + c.suspended + c.duplicates);
  Money invoiced, settled;
  for (const CycleStatement& s : w.records().statements()) {
    invoiced += s.invoiced;
    settled += s.settled;
  }
  put(r, "money.invoiced", invoiced.to_string());
  put(r, "money.settled", settled.to_string());
  put(r, "money.charged", c.charged.to_string());
  put(r, "money.conserved", invoiced == settled && c.conserved());
  put_count(r, "rating.cycles_closed", w.records().statements().size());
  // Revenue = what each party was settled: per closed cycle and in total
  // (recurring fees included). Shares of rated events not yet settled (the
  // open cycle) are in revenue_rated.<party>.
  std::map<std::string, Money> revenue;
  for (const CycleStatement& s : w.records().statements())
    for (const Settlement& st : s.settlements) {
      const std::string& party = w.catalog.provider(st.party).code;
      put(r, "revenue." + party + ".cycle" + std::to_string(s.cycle), st.total.to_string());
      revenue[party] += st.total;
    }
  for (const auto& [party, amount] : revenue) put(r, "revenue." + party, amount.to_string());
  for (std::size_t p = 0; p < w.records().rated_log().revenue.size(); ++p)
    if (w.records().rated_log().earned[p])
      put(r, "revenue_rated." + w.catalog.provider(ProviderId(static_cast<ProviderId::rep>(p))).code,
          w.records().rated_log().revenue[p].to_string());
  put_count(r, "rating.refunds", static_cast<std::uint64_t>(c.refunds));
  put_count(r, "rating.backlog_peak", w.platform().rating_backlog().peak);
  put_count(r, "rating.backlog_end", w.platform().rating_backlog().count);
}

// Per pool and overall: capacity, use, blocking next to the Engset
// prediction for the pool's bound population, over-allocation activity, and
// the server's invariants.
void addresses(Results& r, const World& w) {
  const AddressServer& server = w.platform().addresses();
  std::uint64_t attempts = 0, blocked = 0;
  const double mean_holding = w.options.addresses.sessions.mean_duration;
  const double per_day = w.options.addresses.sessions.per_day;
  const double beta = per_day > 0 ? mean_holding / (86400.0 / per_day - mean_holding) : 0.0;
  const double span = simgrid::s4u::Engine::get_clock();
  reports::Table& pools = r.table("pools", {"pool", "isp", "region", "capacity", "own_capacity", "bound", "ratio",
                                           "leased", "peak_leased", "attempts", "blocked", "blocking",
                                           "engset_blocking", "erlang_b_blocking", "offered_erlangs",
                                           "mean_leased", "utilisation", "waited", "mean_wait_s", "borrowed",
                                           "returned", "preempted", "grown_addresses", "expiries",
                                           "low_water_crossings", "high_water_crossings"});
  for (std::size_t i = 0; i < server.pool_count(); ++i) {
    const AddressPool& pool = server.pool(PoolId(static_cast<PoolId::rep>(i)));
    const PoolStats& s = pool.stats();
    const std::string isp = w.catalog.provider(pool.owner()).code;
    const std::string name = "ip." + isp + (pool.region().empty() ? "" : "." + pool.region()) + ".";
    // Engset: the pool's bound subscribers as the sources, each idle one
    // offering beta. Erlang B: the infinite-population limit with the same
    // arrival rate from an all-idle population, A = bound x beta erlangs
    // (close to Engset when bound >> capacity).
    const double engset = theory::engset_call_congestion(s.bound, s.capacity, beta);
    const double offered = s.bound * beta;
    const double erlang = theory::erlang_b(s.capacity, offered);
    // Time averages over the run (the pool's capacity may change: loans, blocks).
    const SessionDriver::PoolUse use = w.platform().sessions().pool_use(PoolId(static_cast<PoolId::rep>(i)), span);
    const double mean_leased = span > 0 ? use.leased / span : 0.0;
    const double utilisation = use.capacity > 0 ? use.leased / use.capacity : 0.0;
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
    put(r, name + "erlang_b_blocking", erlang);
    put(r, name + "offered_erlangs", offered);
    put(r, name + "mean_leased", mean_leased);
    put(r, name + "utilisation", utilisation);
    put_count(r, name + "loan_requests", s.loan_requests);
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
               erlang, offered, mean_leased, utilisation, static_cast<std::int64_t>(s.waited), s.mean_wait(), static_cast<std::int64_t>(s.borrowed_total),
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
  put_count(r, "ip.sessions_started", w.platform().sessions().sessions_started());
}

void time_series(Results& r, const World& w) {
  std::vector<std::string> columns = {"time_s"};
  for (const Series& s : w.records().series()) columns.push_back(s.name);
  reports::Table& t = r.table("metrics", columns);
  for (const auto& row : w.records().samples()) {
    std::vector<Value> cells;
    for (double v : row) cells.emplace_back(v);
    t.add(std::move(cells));
  }
}

// pool_events.csv: per metrics interval and pool, the addresses borrowed,
// returned and added in blocks and the session attempts blocked (see
// PoolEventLog in sim/pool_event_log.hpp). Over the run each kind adds up to
// the pool's summary metric (borrowed, returned, grown_addresses, blocked).
void pool_events_table(Results& r, const World& w) {
  reports::Table& t = r.table("pool_events", {"time_s", "pool", "isp", "region", "event", "count"});
  for (const PoolEvent& e : w.records().pool_events().rows()) {
    const AddressPool& pool = w.platform().addresses().pool(PoolId(static_cast<PoolId::rep>(e.pool)));
    t.add({e.time_s, static_cast<std::int64_t>(e.pool), w.catalog.provider(pool.owner()).code, pool.region(),
           std::string(e.event), static_cast<std::int64_t>(e.count)});
  }
}

// Disconnects and changes: counts and latency per kind.
void lifecycle_metrics(Results& r, const World& w) {
  std::map<std::string, std::uint64_t> counts;
  std::map<std::string, std::vector<double>> latencies;
  for (const OrderResult& o : w.records().finished_orders()) {
    if (o.kind == OrderKind::kNew) continue;
    const std::string kind = o.kind == OrderKind::kDisconnect ? "disconnect" : "change." + std::string(to_string(o.change));
    ++counts["orders." + kind + "." + std::string(to_string(o.state))];
    if (o.state == OrderState::kCompleted) latencies[kind].push_back(o.finished_at - o.started_at);
  }
  for (const char* kind : {"disconnect", "change.add_bsp", "change.remove_bsp", "change.change_tier"})
    for (const char* state : {"completed", "failed"}) counts.try_emplace(std::string("orders.") + kind + "." + state, 0);
  for (const auto& [key, n] : counts) put_count(r, key, n);
  for (const auto& [kind, v] : latencies) latency_metrics(r, "latency." + kind + ".", v);
  put_count(r, "lifecycle.orders_submitted", w.platform().lifecycle().submitted());
  put_count(r, "lifecycle.changes_skipped", w.platform().lifecycle().skipped());
  put_count(r, "lifecycle.lines_freed", w.platform().lifecycle().lines_freed());
  std::uint64_t incomplete = 0;
  for (const OrderResult& o : w.records().finished_orders()) incomplete += o.cleanup_incomplete;
  put_count(r, "orders.cleanup_incomplete", incomplete);
}

// Little's law over the run: L, the time average of orders in the workflow
// engine (measured as the area under its count), against lambda W, the
// throughput (orders that reached a terminal state per second) times their
// mean time in the system. Orders still in progress at the end make the two
// differ a little; on a steady run the gap is a few percent at most.
void littles_law(Results& r, const World& w) {
  const double now = simgrid::s4u::Engine::get_clock();
  StepArea area = w.records().orders_in_system();
  area.update(now, area.last_value);
  double total = 0;
  for (const OrderResult& o : w.records().finished_orders()) total += o.finished_at - o.started_at;
  const double n = static_cast<double>(w.records().finished_orders().size());
  const double L = now > 0 ? area.area / now : 0;
  const double lambda = now > 0 ? n / now : 0;
  const double W = n > 0 ? total / n : 0;
  put(r, "littles_law.L", L);
  put(r, "littles_law.lambda", lambda);
  put(r, "littles_law.W", W);
  put(r, "littles_law.relative_error", L > 0 ? std::abs(L - lambda * W) / L : 0.0);
}

void fault_metrics(Results& r, const World& w) {
  const FaultCounts& f = w.faults().counts;
  put_count(r, "faults.lost_requests", f.lost_requests);
  put_count(r, "faults.lost_replies", f.lost_replies);
  put_count(r, "faults.refused", f.refused);
  put_count(r, "faults.dropped_by_outage", f.dropped_by_outage);
  put_count(r, "faults.outages", f.outages);
  put_count(r, "orders.late_responses", w.platform().workflow().counts().late_responses);
}

// audit.csv: every order and task transition kept (audit.enabled).
void audit_table(Results& r, const World& w) {
  if (!w.options.audit.enabled) return;
  reports::Table& t = r.table("audit", {"time_s", "order", "task", "adapter", "action", "offering", "previous",
                                        "from", "to", "attempt", "detail"});
  auto offering = [&w](OfferingId o) { return o.valid() ? Value(w.catalog.offering(o).code) : Value(std::string()); };
  for (const AuditRecord& a : w.records().audit_rows()) {
    const bool order_level = a.task == AuditRecord::kOrderLevel;
    t.add({a.time, static_cast<std::int64_t>(a.order.value()),
           order_level ? Value(std::string()) : Value(static_cast<std::int64_t>(a.task)),
           order_level ? std::string() : std::string(to_string(a.adapter)),
           order_level ? std::string() : std::string(to_string(a.action)), offering(a.offering), offering(a.previous),
           std::string(a.from), std::string(a.to), static_cast<std::int64_t>(a.attempt), a.detail});
  }
  put_count(r, "audit.written", w.records().audit_rows().size());
  put_count(r, "audit.not_written", w.records().audit_not_kept());
}

// Per CSR call centre in use: calls offered, answered, abandoned, the share
// that waited, the mean wait, agent utilisation; and Erlang C's values for
// the load measured (arrival rate over the run times the mean time an agent
// spent per answered call), a reference that holds exactly only for
// stationary Poisson arrivals, exponential holding and no abandonment.
void call_centre_metrics(Results& r, const World& w) {
  const double now = simgrid::s4u::Engine::get_clock();
  for (const auto& centre : w.channels().call_centres()) {
    if (!centre->in_use()) continue;
    const CallCentre& m = centre->model();
    const CallCentreStats s = m.stats(now);
    const std::string k = "call_centre." + centre->name() + ".";
    put_count(r, k + "agents", m.agents());
    put_count(r, k + "offered", s.offered);
    put_count(r, k + "answered", s.answered);
    put_count(r, k + "abandoned", s.abandoned);
    put_count(r, k + "waited", s.waited);
    put_count(r, k + "in_queue", m.queue_length());
    put_count(r, k + "peak_queue", s.peak_queue);
    put(r, k + "p_wait", s.probability_of_waiting());
    put(r, k + "mean_wait_s", s.mean_wait());
    put(r, k + "abandonment", s.abandonment());
    put(r, k + "utilisation", m.utilisation(now));
    const double holding = s.answered ? s.busy_agent_time / static_cast<double>(s.answered) : 0.0;
    const double erlangs = now > 0 ? static_cast<double>(s.offered) / now * holding : 0.0;
    put(r, k + "offered_erlangs", erlangs);
    put(r, k + "erlang_c_p_wait", theory::erlang_c(m.agents(), erlangs));
    if (erlangs < m.agents())  // else the queue grows without bound: no finite mean wait
      put(r, k + "erlang_c_mean_wait_s", theory::erlang_c_mean_wait(m.agents(), erlangs, holding));
  }
}

Value time_or_empty(double t) { return t >= 0 ? Value(t) : Value(std::string()); }

// Large tables (a row per prospect, per sampled rated event, per invoice
// line) are never held as cells: `rows(source, sink)` makes each row when
// the file is written, from `source`, which the table then owns (moved out
// of the World, so its memory is not held twice at the end of a run).
template <class Source, class MakeRows>
void generate_rows(reports::Table& t, Source source, std::uint64_t count, MakeRows rows) {
  auto held = std::make_shared<const Source>(std::move(source));
  t.generated_rows = count;
  t.generate = [held, rows](const reports::Table::RowSink& sink) { rows(*held, sink); };
}

// Catalog codes by dense id, copied for the table generators (which run
// after the World is gone).
struct Codes {
  std::vector<std::string> providers, offerings, plans;
  explicit Codes(const Catalog& c) {
    for (const auto& p : c.providers()) providers.push_back(p.code);
    for (const auto& o : c.offerings()) offerings.push_back(o.code);
    for (const auto& p : c.plans()) plans.push_back(p.code);
  }
};

// orders.csv's rows: the prospects, moved out of the World as they are, and
// beside each what its order's run adds. A national month has a couple of
// million prospects, and the table is written after the World is gone.
struct OrderRows {
  struct Added {
    std::string line;       // the line's code
    double latency_s = -1;  // -1: no order ran
    std::int64_t attempts = 0;
  };
  std::deque<ProspectRecord> prospects;
  std::vector<Added> added;  // one per prospect
};

// Moves the prospects out of the World: call it after everything that reads them.
void order_table(Results& r, World& w, std::shared_ptr<const Codes> codes) {
  // Finished orders by id; of two with one id (a system under test may
  // finish an order twice), the later.
  using ById = std::pair<std::uint32_t, const OrderResult*>;
  std::vector<ById> results;
  results.reserve(w.records().finished_orders().size());
  for (const OrderResult& o : w.records().finished_orders()) results.emplace_back(o.order.value(), &o);
  std::stable_sort(results.begin(), results.end(), [](const ById& a, const ById& b) { return a.first < b.first; });
  const auto result_of = [&](OrderId id) -> const OrderResult* {
    if (!id.valid()) return nullptr;
    auto it = std::upper_bound(results.begin(), results.end(), id.value(),
                               [](std::uint32_t v, const ById& e) { return v < e.first; });
    return it != results.begin() && std::prev(it)->first == id.value() ? std::prev(it)->second : nullptr;
  };
  OrderRows rows;
  rows.prospects = std::move(w.channels().prospects());
  w.channels().prospects().clear();
  rows.added.reserve(rows.prospects.size());
  for (const ProspectRecord& p : rows.prospects) {
    OrderRows::Added added{w.scenario.network.line_code(p.line)};
    if (const OrderResult* o = result_of(p.order)) {
      added.latency_s = o->finished_at - o->started_at;
      added.attempts = o->attempts;
    }
    rows.added.push_back(std::move(added));
  }
  reports::Table& t = r.table("orders", {"prospect", "order", "subscriber", "channel", "isp", "line", "arrived_s",
                                         "qualified_s", "registered_s", "submitted_s", "finished_s", "outcome",
                                         "reason", "latency_s", "attempts"});
  const std::uint64_t count = rows.prospects.size();
  generate_rows(t, std::move(rows), count, [codes](const OrderRows& all, const auto& sink) {
    std::vector<Value> v;
    for (std::size_t i = 0; i < all.prospects.size(); ++i) {
      const ProspectRecord& p = all.prospects[i];
      const OrderRows::Added& row = all.added[i];
      v = {static_cast<std::int64_t>(p.index),
           p.order.valid() ? Value(static_cast<std::int64_t>(p.order.value())) : Value(std::string()),
           p.subscriber.valid() ? Value(static_cast<std::int64_t>(p.subscriber.value())) : Value(std::string()),
           std::string(kChannelNames[static_cast<int>(p.channel)]), codes->providers[p.isp.value()], row.line,
           time_or_empty(p.arrived), time_or_empty(p.qualified), time_or_empty(p.registered),
           time_or_empty(p.submitted), time_or_empty(p.finished), std::string(to_string(p.stage)), p.reason,
           row.latency_s >= 0 ? Value(row.latency_s) : Value(std::string()), row.attempts};
      sink(v);
    }
  });
}

// A million subscribers' invoice lines come back from the spool (on disk
// since their cycle closed) when the file is written.
void invoice_rows(reports::Table& invoices, World& w, std::shared_ptr<const Codes> codes) {
  const std::uint64_t count = w.records().invoice_spool().lines();
  generate_rows(invoices, w.records().take_invoice_spool(), count,
                [codes](const std::shared_ptr<InvoiceSpool>& spool, const auto& sink) {
                  static const char* kKinds[] = {"recurring", "purchase", "usage"};
                  std::vector<Value> row;
                  spool->read([&](const SpooledLine& s) {
                    const InvoiceLine& line = s.line;
                    row = {static_cast<std::int64_t>(s.cycle), static_cast<std::int64_t>(s.subscriber.value()),
                           codes->offerings[line.offering.value()], std::string(kKinds[static_cast<int>(line.kind)]),
                           line.late, line.events, line.quantity.to_string(), line.amount.to_string()};
                    sink(row);
                  });
                });
}

void rated_rows(reports::Table& rated, World& w, std::shared_ptr<const Codes> codes) {
  const std::uint64_t count = w.records().rated_log().rows.size();
  generate_rows(rated, std::move(w.records().rated_log().rows), count,
                [codes](const std::vector<RatedEventLog::Row>& all, const auto& sink) {
                  std::vector<Value> v;
                  for (const auto& row : all) {
                    v = {static_cast<std::int64_t>(row.event), codes->providers[row.bsp],
                         static_cast<std::int64_t>(row.user), codes->offerings[row.offering], codes->plans[row.plan],
                         row.time, Quantity::from_millis(row.quantity_millis).to_string(), row.charge.to_string(),
                         row.late, row.from_suspense};
                    sink(v);
                  }
                });
}

// Moves the rating records out of the World: call it last.
void rating_tables(Results& r, World& w, std::shared_ptr<const Codes> codes) {
  reports::Table& rated = r.table("rated_events", {"event", "bsp", "user", "offering", "plan", "time_s",
                                                   "quantity", "charge", "late", "from_suspense"});
  put_count(r, "rating.rated_not_written", w.records().rated_log().rated - w.records().rated_log().rows.size());
  put_count(r, "rating.rated_sample_stride", w.records().rated_log().stride);
  rated_rows(rated, w, codes);

  reports::Table& invoices = r.table("invoices", {"cycle", "subscriber", "offering", "kind", "late", "events",
                                                  "quantity", "amount"});
  reports::Table& settlement = r.table("settlement", {"cycle", "party", "recurring", "purchase", "usage", "shares",
                                                      "total"});
  for (const CycleStatement& s : w.records().statements()) {
    for (const Settlement& st : s.settlements)
      settlement.add({static_cast<std::int64_t>(s.cycle), codes->providers[st.party.value()],
                      st.by_kind[0].to_string(), st.by_kind[1].to_string(), st.by_kind[2].to_string(), st.shares,
                      st.total.to_string()});
  }
  reports::Table& suspense = r.table("suspense", {"event", "bsp", "user", "offering", "time_s", "reason"});
  std::map<std::string, std::uint64_t> by_reason;
  for (const auto& [e, reason] : w.records().rated_log().suspended) {
    ++by_reason[std::string(to_string(reason))];
    suspense.add({static_cast<std::int64_t>(e.id), codes->providers[e.bsp.value()],
                  static_cast<std::int64_t>(e.user.value()),
                  e.offering.value() < codes->offerings.size() ? codes->offerings[e.offering.value()] : "?",
                  e.start, std::string(to_string(reason))});
  }
  for (const auto& [reason, n] : by_reason) put_count(r, "suspense." + reason, n);
  invoice_rows(invoices, w, codes);
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
  r.info.huge_pages = heap_on_huge_pages();
  r.info.events = w.records().events();
  r.compression = w.options.compression;
  funnel(r, w);
  call_centre_metrics(r, w);
  orders(r, w);
  lifecycle_metrics(r, w);
  littles_law(r, w);
  fault_metrics(r, w);
  recovery_metrics(r, w);
  audit_table(r, w);
  parties(r, w);
  rating(r, w);
  addresses(r, w);
  put_count(r, "sim.events", w.records().events());
  time_series(r, w);
  pool_events_table(r, w);
  const auto codes = std::make_shared<const Codes>(w.catalog);
  order_table(r, w, codes);    // moves the prospects out of the world
  rating_tables(r, w, codes);  // last: it moves the rating records out of the world
  return r;
}

std::vector<std::string> metric_families(const World& w) {
  std::vector<std::string> out;
  for (const char* channel : kChannelNames) {
    for (const char* field : {"arrived", "qualified", "registered", "submitted", "provisioned", "failed", "abandoned",
                              "rejected"})
      out.push_back(std::string("funnel.") + channel + "." + field);
  }
  out.push_back("prospects.*");  // prospects.<stage> and prospects.<stage>.<reason>
  out.push_back("orders.failed.*");
  out.push_back("suspense.*");  // rated events held in suspense, by reason
  for (const char* p : {"p50_s", "p95_s", "p99_s"}) out.push_back(std::string("latency.*.") + p);
  for (const Provider& party : w.catalog.providers()) {
    out.push_back("revenue." + party.code);
    out.push_back("revenue." + party.code + ".cycle*");
    out.push_back("revenue_rated." + party.code);
  }
  out.push_back("parties.first_mismatch");
  return out;
}

bool metric_matches(const std::string& pattern, const std::string& name) {
  const auto star = pattern.find('*');
  if (star == std::string::npos) return pattern == name;
  const std::string head = pattern.substr(0, star);
  const std::string tail = pattern.substr(star + 1);
  if (name.size() <= head.size() + tail.size() || name.compare(0, head.size(), head) != 0 ||
      name.compare(name.size() - tail.size(), tail.size(), tail) != 0)
    return false;
  for (std::size_t i = head.size(); i < name.size() - tail.size(); ++i) {
    const char c = name[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
  }
  return true;
}

}  // namespace provsim::sim
