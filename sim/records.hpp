#pragma once
// The records of one run: what the observers keep for the results and
// nothing in the run reads back to decide anything. Finished orders, cycle
// statements (their invoice lines wait in the spool), the rated-event log,
// the metrics series and their samples, the pool events, the audit rows and
// the run's counters.
//
// Owned by the World (sim/world.hpp). The actor that sees a thing happen
// says so through one of the methods below, each named after what
// happened: the provisioning manager (an order finished, orders waiting
// and in the system), the billing actor (a cycle closed), the rating
// engine through its observer (the rated-event log), the metrics actor (a
// sample), every worker (events handled). The results builder
// (sim/results_builder.cpp) reads them through the const accessors once
// the run is over.

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "model/core/sim_time.hpp"
#include "model/provisioning/workflow_engine.hpp"
#include "model/rating/billing_statement.hpp"
#include "sim/invoice_spool.hpp"
#include "sim/pool_event_log.hpp"
#include "sim/rated_event_log.hpp"
#include "sim/scenario/run_options.hpp"
#include "sim/series.hpp"
#include "sim/step_area.hpp"

namespace provsim::sim {

class Records {
 public:
  explicit Records(const RunOptions& options)
      : rated_log_(options.rated_events_limit), audit_limit_(options.audit.enabled ? options.audit.limit : 0) {}
  Records(const Records&) = delete;
  Records& operator=(const Records&) = delete;

  // --- what happened, told by the actor that saw it ----------------------
  // `n` simulated events were handled (messages taken, timers, rated events).
  void count_event(std::uint64_t n = 1) { events_ += n; }
  // A prospect came for a line already in service: an existing customer, not a prospect.
  void arrival_on_served_line() { ++arrivals_on_served_lines_; }
  // An order reached its terminal state. Its steps are kept only as the
  // step latencies below: a national month finishes a million and a half
  // orders of about eight steps each (32 bytes a step).
  void order_finished(OrderResult result);
  // `waiting` accepted orders now wait for a provisioning worker.
  void waiting_for_worker(std::size_t waiting) {
    orders_waiting_ = waiting;
    orders_queued_peak_ = std::max<std::uint64_t>(orders_queued_peak_, waiting);
  }
  // The workflow engine holds `orders` orders from `now` on.
  void orders_in_system(SimTime now, std::size_t orders) { orders_in_system_.update(now, static_cast<double>(orders)); }
  // A platform-internal order (churn, a change) was sent to the manager, or
  // never reached it (the platform crashed first).
  void internal_order_sent() { ++internal_orders_; }
  void internal_order_lost() { --internal_orders_; }
  // Billing: the number the next closed cycle's statement takes; each
  // invoice of that cycle is written to the spool as it is made, then the
  // cycle's statement is kept.
  std::uint32_t next_cycle() const { return static_cast<std::uint32_t>(statements_.size()); }
  void invoice_made(std::uint32_t cycle, const Invoice& invoice) { invoice_spool_->append(cycle, invoice); }
  void cycle_closed(CycleStatement statement) { statements_.push_back(std::move(statement)); }
  // A transition of the workflow's audit log (audit.enabled): the first audit.limit are kept.
  void audit(const AuditRecord& r) {
    if (audit_rows_.size() < audit_limit_)
      audit_rows_.push_back(r);
    else
      ++audit_not_kept_;
  }
  // A row of every series at `now`, and the pools' events of the interval up to it.
  void take_sample(SimTime now, const AddressServer& addresses);

  // --- set up before the run ----------------------------------------------
  void set_invoice_spool(std::shared_ptr<InvoiceSpool> spool) { invoice_spool_ = std::move(spool); }
  void add_series(Series series) { series_.push_back(std::move(series)); }
  // The rating engine's observer writes what it rated here.
  RatedEventLog& rated_log() { return rated_log_; }

  // --- for the results ----------------------------------------------------
  // Finished orders, in the order they finished, without their steps.
  const std::vector<OrderResult>& finished_orders() const { return finished_orders_; }
  // The time from each step's stage opening to its end, for the completed
  // new orders' steps that ran, by adapter (AdapterKind), in the order the
  // orders finished.
  const std::array<std::vector<double>, kAdapterKindCount>& step_latencies() const { return step_latencies_; }
  const std::vector<CycleStatement>& statements() const { return statements_; }  // invoices in the spool
  const InvoiceSpool& invoice_spool() const { return *invoice_spool_; }
  // The spool, handed over to the writer of invoices.csv (once, at the end).
  std::shared_ptr<InvoiceSpool> take_invoice_spool() { return std::move(invoice_spool_); }
  const RatedEventLog& rated_log() const { return rated_log_; }
  // The columns of metrics.csv, a row of them per interval, and pool_events.csv.
  const std::vector<Series>& series() const { return series_; }
  const std::vector<std::vector<double>>& samples() const { return samples_; }
  const PoolEventLog& pool_events() const { return pool_events_; }
  const std::vector<AuditRecord>& audit_rows() const { return audit_rows_; }
  std::uint64_t audit_not_kept() const { return audit_not_kept_; }
  std::uint64_t arrivals_on_served_lines() const { return arrivals_on_served_lines_; }
  std::uint64_t orders_waiting() const { return orders_waiting_; }
  std::uint64_t orders_queued_peak() const { return orders_queued_peak_; }
  // Submitted by platform-internal processes (churn, changes).
  std::uint64_t internal_orders() const { return internal_orders_; }
  // Orders the workflow engine held, over time (Little's law).
  const StepArea& orders_in_system() const { return orders_in_system_; }

  // Simulated events handled. A reference, so the progress line can read
  // the count as it grows.
  const std::uint64_t& events() const { return events_; }

 private:
  std::uint64_t events_ = 0;
  std::vector<OrderResult> finished_orders_;
  std::array<std::vector<double>, kAdapterKindCount> step_latencies_;
  std::vector<CycleStatement> statements_;
  std::shared_ptr<InvoiceSpool> invoice_spool_;
  RatedEventLog rated_log_;
  std::vector<Series> series_;
  std::vector<std::vector<double>> samples_;
  PoolEventLog pool_events_;
  std::vector<AuditRecord> audit_rows_;
  std::uint64_t audit_not_kept_ = 0;
  std::size_t audit_limit_;
  std::uint64_t arrivals_on_served_lines_ = 0;
  std::uint64_t orders_waiting_ = 0;
  std::uint64_t orders_queued_peak_ = 0;
  std::uint64_t internal_orders_ = 0;
  StepArea orders_in_system_;
};

}  // namespace provsim::sim
