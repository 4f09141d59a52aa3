// provsim dhcp: a scenario's subscribers driven against a real DHCPv4
// server (docs/dhcp.md). A subcommand beside `run`, not a mode of it: the
// simulation's address server stays in-process, this drives a real one.

#include <unistd.h>

#include <fstream>
#include <iomanip>
#include <iostream>

#include "reports/csv_writer.hpp"
#include "reports/expectation.hpp"
#include "reports/summary_json.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"
#include "sut/dhcp/dhcp_run.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace provsim::cli {
namespace {

// --sut address=VALUE (the harness's spelling) is the same as --server VALUE.
std::string server_of_sut(const std::string& sut) {
  const std::string prefix = "address=";
  if (sut.rfind(prefix, 0) != 0) throw UsageError("--sut takes address=kea or address=dhcp://HOST:PORT");
  return sut.substr(prefix.size());
}

void write_folder(const reports::Results& results, const fs::path& dir) {
  {
    std::ofstream out(dir / "summary.json", std::ios::binary);
    out << reports::summary_text(results);
    if (!out) throw std::runtime_error("cannot write " + (dir / "summary.json").string());
  }
  for (const reports::Table& t : results.tables) {
    std::ofstream out(dir / (t.name + ".csv"), std::ios::binary);
    reports::write_csv(t, out);
    if (!out) throw std::runtime_error("cannot write " + (dir / (t.name + ".csv")).string());
  }
}

std::string text_of(const reports::Value& v) {
  std::ostringstream s;
  std::visit([&](const auto& x) {
    if constexpr (std::is_same_v<std::decay_t<decltype(x)>, bool>)
      s << (x ? "true" : "false");
    else if constexpr (std::is_same_v<std::decay_t<decltype(x)>, double>)
      s << std::setprecision(4) << x;
    else
      s << x;
  }, v);
  return s.str();
}

void print_dhcp_summary(const reports::Results& r, const fs::path& out) {
  auto get = [&](const std::string& k) {
    const auto it = r.metrics.find(k);
    return it == r.metrics.end() ? std::string("-") : text_of(it->second);
  };
  std::cout << "attempts " << get("dhcp.attempts") << ", blocked " << get("dhcp.blocked") << " (no offer "
            << get("dhcp.no_offer") << ", nak " << get("dhcp.nak") << ")\n"
            << "blocking " << get("dhcp.blocking_batch_mean") << " +- " << get("dhcp.blocking_ci95")
            << " (batch means), Engset " << get("engset.call_congestion") << ", reference "
            << get("reference.blocking") << " +- " << get("reference.blocking_ci95") << "\n"
            << "DORA p50 " << get("dhcp.dora_p50_ms") << " ms, p95 " << get("dhcp.dora_p95_ms") << " ms; pacing lag p95 "
            << get("pacing.p95_lag_s") << " s, worst " << get("pacing.worst_lag_s") << " s (tolerance "
            << get("pacing.tolerance_s") << " s)\n";
  for (const std::string& k : dhcp::verdict_keys())
    std::cout << (r.metrics.count(k) ? (get(k) == "true" ? "PASS " : "FAIL ") : "n/a  ") << k << "\n";
  for (const reports::Verdict& v : r.verdicts)
    std::cout << (v.passed ? "PASS " : "FAIL ") << v.expectation << " (actual " << v.actual << ")\n";
  std::cout << out.string() << "\n";
}

}  // namespace

int dhcp_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim dhcp SCENARIO_DIR [options]\n\n"
      "Drives a real DHCPv4 server with the scenario's subscribers in real time\n"
      "(a DORA per session start, renewals at T1, a RELEASE at session end) through\n"
      "a relay agent on a loopback address, then judges it: no address held twice,\n"
      "every address in its pool, silence when the pool is full and reuse after a\n"
      "release, the server's counters against what was seen, blocking against\n"
      "Engset and against 'provsim run' with ip.policy=reject. Needs to bind port 67\n"
      "(root). Exit code 1 if a verdict or an [expect] line fails.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("scenario", po::value<std::string>(), "the scenario folder")
      ("server", po::value<std::string>(), "kea (started and stopped by provsim) or dhcp://HOST:PORT (overrides dhcp.server)")
      ("sut", po::value<std::string>(), "address=kea or address=dhcp://HOST:PORT: the same as --server")
      ("relay", po::value<std::string>(), "relay agent address to bind and send as giaddr (overrides dhcp.relay)")
      ("kea-socket", po::value<std::string>(), "with your own Kea: its control socket, for the counter checks")
      ("seed", po::value<std::string>(), "root random seed (overrides run.seed)")
      ("set", po::value<std::vector<std::string>>()->composing(), "override a scenario key (repeatable)")
      ("out", po::value<std::string>(), "results folder (default results/<scenario name>-dhcp)")
      ("quiet,q", "no progress line and no summary");
  const Parsed p = parse(args, options, "scenario", 1);
  if (p.vm.count("help")) {
    std::cout << options;
    return 0;
  }
  if (!p.simgrid_args.empty()) throw UsageError("SimGrid options do not apply to provsim dhcp");
  if (!p.vm.count("scenario")) throw UsageError("a scenario folder is required");
  if (p.vm.count("server") && p.vm.count("sut")) throw UsageError("give --server or --sut, not both");
  const std::vector<std::string> overrides = overrides_from(p.vm);
  const auto loaded = sim::load_scenario(p.vm["scenario"].as<std::string>(), {overrides});
  const sim::Scenario& scenario = *loaded;

  dhcp::DhcpRunOptions o;
  if (p.vm.count("server")) o.server = p.vm["server"].as<std::string>();
  if (p.vm.count("sut")) o.server = server_of_sut(p.vm["sut"].as<std::string>());
  if (p.vm.count("relay")) o.relay = p.vm["relay"].as<std::string>();
  if (p.vm.count("kea-socket")) o.control_socket = p.vm["kea-socket"].as<std::string>();
  o.overrides = overrides;
  o.provsim_binary = fs::read_symlink("/proc/self/exe");
  o.version = PROVSIM_VERSION;
  const bool quiet = p.vm.count("quiet") > 0;
  o.progress = !quiet && ::isatty(STDERR_FILENO);

  const fs::path target = fs::absolute(p.vm.count("out") ? fs::path(p.vm["out"].as<std::string>())
                                                         : fs::path("results") / (scenario.name + "-dhcp"));
  fs::create_directories(target.parent_path());
  const fs::path partial =
      target.parent_path() / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()));
  fs::remove_all(partial);
  fs::create_directories(partial);
  o.work_dir = partial;
  reports::Results results;
  try {
    results = dhcp::run_dhcp(scenario, o);
    std::vector<reports::Expectation> expectations;
    for (const auto& e : scenario.config.expectations())
      expectations.push_back(reports::Expectation{e.metric, e.op, e.value, static_cast<int>(e.line)});
    results.verdicts = reports::evaluate(expectations, results.metrics);
    write_folder(results, partial);
  } catch (...) {
    fs::remove_all(partial);
    throw;
  }
  fs::remove_all(target);
  fs::rename(partial, target);
  if (!quiet) print_dhcp_summary(results, target);
  bool passed = std::get<bool>(results.metrics.at("dhcp.passed"));
  for (const reports::Verdict& v : results.verdicts) passed = passed && v.passed;
  return passed ? 0 : 1;
}

}  // namespace provsim::cli
