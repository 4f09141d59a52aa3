#include "sim/disk_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace provsim::sim {

namespace {

// Bytes per row of the plain CSV, measured on capacity-1m and rounded up.
constexpr double kOrderRow = 170;        // orders.csv: 158
constexpr double kInvoiceLine = 60;      // invoices.csv: 55
constexpr double kInvoiceLines = 5.5;    // lines per subscriber and cycle: 4.9
constexpr double kRatedRow = 75;         // rated_events.csv: 69
constexpr double kAuditRow = 90;         // audit.csv, about ten rows per order
constexpr double kAuditRowsPerOrder = 12;
constexpr double kMetricsRow = 1500;     // metrics.csv with twenty pools: 1,250
constexpr double kSpoolLine = 48;        // the spool's fixed record
constexpr double kFixed = 2e6;           // report.html, summary.json, the small tables

// Compressed size over plain size, rounded up from the worst table of
// capacity-1m (orders.csv, whose times are long decimals: gzip at its
// fastest level 0.45, zstd at level 3 0.43; rated_events.csv 0.33 and 0.30).
double compression_factor(const std::string& compression) {
  if (compression == "gzip") return 0.5;
  if (compression == "zstd") return 0.45;
  return 1.0;
}

std::uint64_t bytes(double x) {
  if (!(x > 0)) return 0;
  return x >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(std::ceil(x));
}

}  // namespace

DiskEstimate estimate_disk(const Scenario& scenario) {
  const Config& c = scenario.config;
  const double duration = c.seconds("run.duration");
  // Prospects arrive on random lines; those on a line already in service
  // are existing customers and leave no row in orders.csv.
  const double initial = static_cast<double>(c.integer("population.initial"));
  const double lines = static_cast<double>(scenario.network.serviceability.line_count());
  const double free_share = lines > initial ? 1 - initial / lines : 1.0;
  const double arrivals = c.per_second("workload.arrival_rate") * duration * free_share;
  const double subscribers = initial + arrivals;
  const double cycles = std::floor(duration / c.seconds("rating.cycle"));
  const double invoice_lines = subscribers * kInvoiceLines * cycles;
  const double factor = compression_factor(c.text("output.compression"));

  DiskEstimate e;
  const auto add = [&](const std::string& table, double plain) {
    const std::uint64_t b = bytes(plain * factor);
    e.tables.emplace_back(table, b);
    e.results += b;
  };
  add("invoices", invoice_lines * kInvoiceLine);
  add("orders", arrivals * kOrderRow);
  add("rated_events", static_cast<double>(c.integer("rating.rated_events_limit")) * kRatedRow);
  if (c.flag("audit.enabled")) add("audit", arrivals * kAuditRowsPerOrder * kAuditRow);
  add("metrics", std::ceil(duration / c.seconds("run.metrics_interval")) * kMetricsRow);
  std::sort(e.tables.begin(), e.tables.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  e.results += bytes(kFixed);
  e.spool = bytes(invoice_lines * kSpoolLine);
  return e;
}

std::string bytes_text(std::uint64_t b) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  double x = static_cast<double>(b);
  int u = 0;
  while (x >= 1000 && u < 6) {
    x /= 1000;
    ++u;
  }
  char text[32];
  std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : "%.1f %s", x, units[u]);
  return text;
}

}  // namespace provsim::sim
