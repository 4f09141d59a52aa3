#include "tools/provsim/run_one.hpp"

#include <unistd.h>

#include <iostream>

#include "reports/expectation.hpp"
#include "reports/output_folder.hpp"
#include "reports/writer.hpp"
#include "sim/setup_check.hpp"
#include "sim/world.hpp"
#include "tools/provsim/disk_check.hpp"

namespace provsim::cli {

namespace fs = std::filesystem;

void write_results_atomically(const reports::Results& results, const fs::path& out,
                              const reports::OutputRules& rules) {
  const fs::path partial = reports::make_partial_folder(out);
  try {
    reports::write_all(results, partial);
    reports::replace_with(partial, out, rules);
  } catch (...) {
    fs::remove_all(partial);  // the hidden folder made above, nothing else
    throw;
  }
}

std::vector<std::string> check_run_setup(const sim::Scenario& scenario, const RunOptions& options,
                                         bool with_population) {
  sim::SimOptions sim_options;
  sim_options.simgrid_args = options.simgrid_args;
  sim_options.version = PROVSIM_VERSION;  // spool_dir stays empty: the system's temporary folder
  // A run loads the initial population itself before anything else, and
  // fails on it with validate's line; `run` need not load it twice.
  return sim::check_setup(scenario, sim_options, with_population);
}

reports::Results run_one(const sim::Scenario& scenario, const RunOptions& options) {
  check_disk(scenario, options.out, options.quiet);
  sim::SimOptions sim_options;
  sim_options.simgrid_args = options.simgrid_args;
  sim_options.progress = !options.quiet && ::isatty(STDERR_FILENO);
  sim_options.version = PROVSIM_VERSION;
  sim_options.spool_dir = fs::absolute(options.out).parent_path();
  sim_options.rating_backend = options.rating_harness;
  sim_options.address_backend = options.address_harness;
  sim_options.provisioning_backend = options.provisioning_harness;
  sim_options.threads = options.threads;
  reports::Results results = sim::run_simulation(scenario, sim_options);
  if (options.rating_harness != nullptr) options.rating_harness->divergences().add_to(results, "rating");
  if (options.address_harness != nullptr) options.address_harness->divergences().add_to(results, "address");
  if (options.provisioning_harness != nullptr)
    options.provisioning_harness->divergences().add_to(results, "provisioning");
  std::vector<reports::Expectation> expectations;
  for (const auto& e : scenario.config.expectations())
    expectations.push_back(reports::Expectation{e.metric, e.op, e.value, static_cast<int>(e.line)});
  results.verdicts = reports::evaluate(expectations, results.metrics);
  write_results_atomically(results, options.out, options.rules);
  return results;
}

namespace {

std::string show(const reports::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", *d);
    return text;
  }
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return std::get<std::string>(v);
}

std::string metric(const reports::Results& r, const std::string& key) {
  auto it = r.metrics.find(key);
  return it == r.metrics.end() ? "-" : show(it->second);
}

}  // namespace

void print_summary(const reports::Results& r, const fs::path& out) {
  std::cout << "scenario " << r.info.scenario << " (seed " << r.info.seed << ", hash " << r.info.scenario_hash
            << "): " << r.info.simulated_seconds / 86400.0 << " simulated days in " << r.info.wall_seconds << " s\n"
            << "  prospects " << metric(r, "prospects.arrived") << ", orders completed "
            << metric(r, "orders.completed") << ", failed " << metric(r, "orders.failed") << ", latency p95 "
            << metric(r, "orders.latency_p95_s") << " s\n"
            << "  ip blocking " << metric(r, "ip.blocking") << ", events rated " << metric(r, "rating.rated")
            << ", conserved: orders " << metric(r, "orders.conserved") << ", money " << metric(r, "money.conserved")
            << ", addresses " << metric(r, "ip.conserved") << "\n";
  for (const auto& v : r.verdicts)
    std::cout << "  " << (v.passed ? "PASS " : "FAIL ") << v.expectation << " (actual " << v.actual << ")\n";
  std::cout << "report: " << (fs::absolute(out) / "report.html").string() << "\n";
}

}  // namespace provsim::cli
