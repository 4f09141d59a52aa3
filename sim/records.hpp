#pragma once
// The records of one run: what the observers keep for the results and
// nothing in the run reads back to decide anything. Finished orders, cycle
// statements (their invoice lines wait in the spool), the rated-event log,
// the metrics series and their samples, the pool events, the audit rows and
// the run's counters.
//
// Owned by the World (sim/world.hpp). Written by the actor that sees the
// thing happen: the provisioning manager (finished orders, the audit, the
// orders waiting and in the system), the billing actor (statements), the
// rating engine through its observer (the rated-event log), the metrics
// actor (samples, pool events), every worker (events handled). Read by the
// results builder (sim/results_builder.cpp) once the run is over.

#include <cstdint>
#include <memory>
#include <vector>

#include "model/provisioning/workflow_engine.hpp"
#include "model/rating/billing_statement.hpp"
#include "sim/invoice_spool.hpp"
#include "sim/pool_event_log.hpp"
#include "sim/rated_event_log.hpp"
#include "sim/scenario/run_options.hpp"
#include "sim/series.hpp"
#include "sim/step_area.hpp"

namespace provsim::sim {

struct Records {
  explicit Records(const RunOptions& options)
      : rated_log(options.rated_events_limit), audit_limit_(options.audit.enabled ? options.audit.limit : 0) {}

  std::vector<OrderResult> finished_orders;
  std::vector<CycleStatement> statements;  // one per closed billing cycle, its invoices in the spool
  std::shared_ptr<InvoiceSpool> invoice_spool;
  RatedEventLog rated_log;
  std::vector<Series> series;                // the columns of metrics.csv
  std::vector<std::vector<double>> samples;  // one row per metrics interval
  PoolEventLog pool_events;                  // pool_events.csv, taken with each sample

  // The audit log (audit.enabled): the first audit.limit transitions.
  void audit(const AuditRecord& r) {
    if (audit_rows.size() < audit_limit_)
      audit_rows.push_back(r);
    else
      ++audit_not_kept;
  }
  std::vector<AuditRecord> audit_rows;
  std::uint64_t audit_not_kept = 0;

  std::uint64_t events = 0;  // simulated events handled
  std::uint64_t arrivals_on_served_lines = 0;
  std::uint64_t orders_waiting = 0;  // accepted orders waiting for a provisioning worker
  std::uint64_t orders_queued_peak = 0;
  std::uint64_t internal_orders = 0;  // submitted by platform-internal processes (churn, changes)
  StepArea orders_in_system;          // orders the workflow engine holds, over time (Little's law)

 private:
  std::size_t audit_limit_;
};

}  // namespace provsim::sim
