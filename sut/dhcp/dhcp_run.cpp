#include "sut/dhcp/dhcp_run.hpp"

#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "model/theory/confidence.hpp"
#include "model/theory/engset.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/session_settings.hpp"
#include "sim/scenario/units.hpp"
#include "sut/dhcp/control_socket.hpp"
#include "sut/dhcp/kea_server.hpp"
#include "sut/dhcp/session_driver.hpp"

namespace provsim::dhcp {
namespace {

using nlohmann::json;
using reports::Value;

// --- settings from the scenario -------------------------------------------

// What the driver can take: one ISP pool, a population loaded in bulk and
// nothing that adds or removes subscribers during the run.
DhcpPool the_pool(const sim::Scenario& sc) {
  const std::vector<DhcpPool> pools = dhcp_pools(sc.addresses, sc.catalog);
  if (pools.size() != 1)
    sc.config.fail("dhcp.server", "provsim dhcp drives one ISP's IPv4 pool; the scenario has " +
                                      std::to_string(pools.size()));
  if (sc.config.integer("population.initial") <= 0)
    sc.config.fail("population.initial", "provsim dhcp drives the population loaded at the start: set it above 0");
  if (sc.config.per_second("workload.arrival_rate") > 0)
    sc.config.fail("workload.arrival_rate", "provsim dhcp drives the bulk-loaded population only: set it to 0/d");
  if (sc.config.per_second("lifecycle.churn_rate") > 0)
    sc.config.fail("lifecycle.churn_rate", "provsim dhcp keeps the population fixed: set it to 0/d");
  if (sc.config.number("sessions.per_day") <= 0 ||
      86400.0 / sc.config.number("sessions.per_day") <= sc.config.seconds("sessions.mean_duration"))
    sc.config.fail("sessions.per_day", "sessions must leave idle time: per_day x mean_duration below a day");
  return pools.front();
}

// --- Kea's side --------------------------------------------------------------

// Kea's leases that are in the default state and not yet expired.
std::map<Ipv4, std::string> active_leases(const json& arguments) {
  std::map<Ipv4, std::string> out;
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  for (const json& lease : arguments.value("leases", json::array())) {
    if (lease.value("state", 0) != 0) continue;
    if (lease.value("cltt", std::int64_t{0}) + lease.value("valid-lft", std::int64_t{0}) <= now) continue;
    if (const auto a = parse_ipv4(lease.value("ip-address", ""))) out[*a] = lease.value("client-id", "");
  }
  return out;
}

struct ServerCheck {
  bool available = false;
  std::map<std::string, std::int64_t> stats;        // at the end of the schedule
  std::map<std::string, std::int64_t> final_stats;  // after every lease was released or expired
  std::uint64_t kea_active = 0, driver_held = 0, lease_mismatches = 0;
  std::vector<std::string> mismatches;
};

void compare_leases(const json& kea_leases, const std::vector<HeldLease>& held, ServerCheck& check) {
  const std::map<Ipv4, std::string> kea = active_leases(kea_leases);
  check.kea_active = kea.size();
  std::set<Ipv4> ours;
  for (const HeldLease& h : held) {
    ours.insert(h.address);
    if (h.uncertain) continue;  // either answer is right
    const auto it = kea.find(h.address);
    if (it == kea.end() || it->second != h.client_id_hex) {
      ++check.lease_mismatches;
      check.mismatches.push_back(format_ipv4(h.address) + " held by " + h.client_id_hex + " per the driver, " +
                                 (it == kea.end() ? "no active lease" : "client " + it->second) + " at the server");
    }
  }
  check.driver_held = held.size();
  // A lease the server holds that the driver does not know of.
  for (const auto& [address, client] : kea)
    if (!ours.count(address)) check.mismatches.push_back(format_ipv4(address) + " active at the server for " + client);
}

// --- the reference runs ----------------------------------------------------

struct Reference {
  std::vector<double> blocking;
  std::uint64_t attempts = 0;
  theory::ConfidenceInterval ci;
};

int spawn_quietly(const std::vector<std::string>& args, const std::filesystem::path& log) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const std::string log_path = log.string();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Reference reference_runs(const sim::Scenario& sc, const DhcpRunOptions& o, const std::string& isp) {
  Reference ref;
  const auto replications = static_cast<std::uint64_t>(sc.config.integer("dhcp.reference_replications"));
  const std::filesystem::path dir = o.work_dir / "reference";
  for (std::uint64_t r = 0; r < replications; ++r) {
    const std::filesystem::path out = dir / ("rep-" + std::to_string(r));
    std::vector<std::string> args = {o.provsim_binary.string(), "run", sc.dir.string()};
    for (const std::string& s : o.overrides) args.insert(args.end(), {"--set", s});
    args.insert(args.end(), {"--set", "ip.policy=reject", "--seed", std::to_string(sc.seed + 1 + r), "--out",
                             out.string(), "--quiet"});
    const std::filesystem::path log = dir / ("rep-" + std::to_string(r) + ".log");
    std::filesystem::create_directories(dir);
    if (spawn_quietly(args, log) != 0)
      throw std::runtime_error("reference run " + std::to_string(r) + " failed (see " + log.string() + ")");
    std::ifstream in(out / "summary.json");
    const json summary = json::parse(in);
    const json& m = summary.at("metrics");
    ref.blocking.push_back(m.at("ip." + isp + ".blocking").get<double>());
    ref.attempts += m.at("ip." + isp + ".attempts").get<std::uint64_t>();
    std::filesystem::remove_all(out);  // only the figures are kept
    std::filesystem::remove(log);
  }
  std::filesystem::remove(dir);
  if (ref.blocking.size() >= 2) ref.ci = theory::confidence_interval_95(ref.blocking);
  return ref;
}

// --- figures -----------------------------------------------------------------

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) ;
  return v[std::min(v.size() - 1, k == 0 ? 0 : k - 1)];
}

// Batch means: each batch's blocked / attempts; the 95 % interval of their
// mean (Student t over the batches). Batches with no attempt are left out.
theory::ConfidenceInterval batch_means(const DriverReport& r) {
  std::vector<double> values;
  for (std::size_t b = 0; b < r.batch_attempts.size(); ++b)
    if (r.batch_attempts[b] > 0)
      values.push_back(static_cast<double>(r.batch_blocked[b]) / static_cast<double>(r.batch_attempts[b]));
  if (values.size() < 2) return {};
  return theory::confidence_interval_95(values);
}

void wait_for(std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }

}  // namespace

std::optional<ServerTarget> parse_server(const std::string& text) {
  if (text == "kea") return ServerTarget{};
  const std::string scheme = "dhcp://";
  if (text.rfind(scheme, 0) != 0) return std::nullopt;
  std::string rest = text.substr(scheme.size());
  std::uint16_t port = 67;
  if (const auto colon = rest.find(':'); colon != std::string::npos) {
    const std::string digits = rest.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    const unsigned long p = std::stoul(digits);
    if (p == 0 || p > 65535) return std::nullopt;
    port = static_cast<std::uint16_t>(p);
    rest.resize(colon);
  }
  const auto address = parse_ipv4(rest);
  if (!address) return std::nullopt;
  return ServerTarget{false, Endpoint{*address, port}};
}

std::vector<std::string> verdict_keys() {
  return {"verdict.no_double_allocation", "verdict.inside_pool",        "verdict.exhaustion_gives_no_lease",
          "verdict.release_gives_reuse",  "verdict.counters_agree",     "verdict.engset_within_ci",
          "verdict.reference_within_ci",  "verdict.pacing_trusted"};
}

reports::Results run_dhcp(const sim::Scenario& sc, const DhcpRunOptions& o) {
  const sim::Config& c = sc.config;
  const std::string server_text = o.server.value_or(c.text("dhcp.server"));
  const std::optional<ServerTarget> target = parse_server(server_text);
  if (!target) {
    if (o.server) throw sim::InputError("--server", 0, "", "expected 'kea' or 'dhcp://HOST:PORT': " + server_text);
    c.fail("dhcp.server", "expected 'kea' or 'dhcp://HOST:PORT': " + server_text);
  }
  const std::string relay_text = o.relay.value_or(c.text("dhcp.relay"));
  const std::optional<Ipv4> relay = parse_ipv4(relay_text);
  if (!relay) {
    if (o.relay) throw sim::InputError("--relay", 0, "", "expected an IPv4 address: " + relay_text);
    c.fail("dhcp.relay", "expected an IPv4 address: " + relay_text);
  }
  const DhcpPool pool = the_pool(sc);
  const double speed = c.number("dhcp.speed");
  const LeaseTimes lease = scaled_lease_times(c.seconds("ip.lease_time"), speed);

  DriverSettings ds;
  ds.server = target->endpoint;
  ds.relay = *relay;
  ds.speed = speed;
  ds.duration = c.seconds("run.duration");
  ds.timeout = std::chrono::microseconds(static_cast<std::int64_t>(c.seconds("dhcp.timeout") * 1e6));
  ds.subscribers = static_cast<std::uint32_t>(c.integer("population.initial"));
  ds.pool = pool;
  ds.sessions = sim::session_settings(c);
  ds.seed = sc.seed;
  ds.batches = static_cast<std::size_t>(c.integer("dhcp.batches"));
  ds.progress = o.progress;

  // The server: ours (started here, stopped when `kea` goes out of scope,
  // on every path) or the user's.
  std::optional<KeaServer> kea;
  std::filesystem::path socket = o.control_socket;
  if (target->managed_kea) {
    std::string why_not;
    const KeaInstall install = find_kea(why_not);
    if (!why_not.empty()) throw std::runtime_error(why_not);
    KeaSettings ks;
    ks.run_dir = std::filesystem::absolute(o.work_dir);
    if (control_socket_path(ks.run_dir).string().size() > 100)
      throw std::runtime_error("the results folder's path is too long for Kea's control socket (a unix socket path "
                               "holds 107 bytes): choose a shorter --out");
    ks.relay = *relay;
    ks.pools = {pool};
    ks.lease = lease;
    ks.hooks_dir = install.hooks_dir;
    kea.emplace(install, ks);
    socket = control_socket_path(ks.run_dir);
  }

  SessionDriver driver(ds);
  driver.run();

  ServerCheck check;
  if (!socket.empty()) {
    check.available = true;
    driver.renew_all();
    compare_leases(control_arguments(control_command(socket, "lease4-get-all"), "lease4-get-all"),
                   driver.held_leases(), check);
    check.stats = latest_statistics(control_arguments(control_command(socket, "statistic-get-all"), "statistic-get-all"));
    // Release what is online, let every vanished lease expire and be
    // reclaimed, then the server must hold nothing.
    driver.release_all();
    wait_for(std::chrono::milliseconds(1000 * (lease.valid + 3)));
    driver.settle();
    check.final_stats =
        latest_statistics(control_arguments(control_command(socket, "statistic-get-all"), "statistic-get-all"));
  } else {
    driver.release_all();
  }
  if (kea) kea->stop();

  const DriverReport& r = driver.report();
  const RelayCounters relay_counts = driver.relay_counters();
  const Reference ref = reference_runs(sc, o, pool.isp);
  const theory::ConfidenceInterval measured = batch_means(r);
  const double beta = ds.sessions.mean_duration / (86400.0 / ds.sessions.per_day - ds.sessions.mean_duration);
  const double engset = theory::engset_call_congestion(ds.subscribers, pool.capacity(), beta);
  const double blocking = r.attempts ? static_cast<double>(r.blocked()) / static_cast<double>(r.attempts) : 0;

  reports::Results res;
  res.info.scenario = sc.name;
  res.info.scenario_hash = sc.hash;
  res.info.seed = sc.seed;
  res.info.version = o.version;
  res.info.simulated_seconds = ds.duration;
  res.info.wall_seconds = r.wall_seconds;
  res.info.events = r.attempts + r.renewals + r.releases;
  auto& m = res.metrics;
  auto count = [](std::uint64_t v) { return Value(static_cast<std::int64_t>(v)); };
  m["dhcp.server"] = target->managed_kea ? std::string("kea") : server_text;
  m["dhcp.subscribers"] = count(ds.subscribers);
  m["dhcp.capacity"] = count(pool.capacity());
  m["dhcp.speed"] = speed;
  m["dhcp.lease_seconds"] = count(lease.valid);
  m["dhcp.attempts"] = count(r.attempts);
  m["dhcp.acked"] = count(r.acked);
  m["dhcp.blocked"] = count(r.blocked());
  m["dhcp.no_offer"] = count(r.no_offer);
  m["dhcp.nak"] = count(r.nak);
  m["dhcp.no_ack"] = count(r.no_ack);
  m["dhcp.blocking"] = blocking;
  m["dhcp.blocking_batch_mean"] = measured.mean;
  m["dhcp.blocking_ci95"] = measured.half_width;
  m["dhcp.renewals"] = count(r.renewals);
  m["dhcp.renew_failed"] = count(r.renew_failed);
  m["dhcp.releases"] = count(r.releases);
  m["dhcp.vanished"] = count(r.vanished);
  m["dhcp.late_acks"] = count(r.late_acks);
  m["dhcp.deferred"] = count(r.deferred);
  m["dhcp.reuses"] = count(r.reuses);
  m["dhcp.double_allocations"] = count(r.double_allocations);
  m["dhcp.outside_pool"] = count(r.outside_pool);
  m["dhcp.refused_while_free"] = count(r.refused_while_free);
  m["dhcp.dora_p50_ms"] = 1000 * percentile(r.dora_latency, 0.50);
  m["dhcp.dora_p95_ms"] = 1000 * percentile(r.dora_latency, 0.95);
  m["dhcp.dora_p99_ms"] = 1000 * percentile(r.dora_latency, 0.99);
  m["dhcp.dora_max_ms"] = 1000 * percentile(r.dora_latency, 1.0);
  const double exchanges = static_cast<double>(r.attempts + r.renewals + r.renew_failed + r.releases);
  m["dhcp.exchanges_per_second"] = r.wall_seconds > 0 ? exchanges / r.wall_seconds : 0.0;
  const double tolerance = c.seconds("dhcp.pacing_tolerance");
  const double worst = percentile(r.lag, 1.0);
  m["pacing.worst_lag_s"] = worst;
  m["pacing.p95_lag_s"] = percentile(r.lag, 0.95);
  m["pacing.tolerance_s"] = tolerance;
  m["pacing.events"] = count(r.lag.size());
  m["engset.call_congestion"] = engset;
  m["engset.beta"] = beta;
  m["engset.offered_erlangs"] = beta * ds.subscribers;
  m["reference.replications"] = count(ref.blocking.size());
  if (ref.blocking.size() >= 2) {
    m["reference.blocking"] = ref.ci.mean;
    m["reference.blocking_ci95"] = ref.ci.half_width;
    m["reference.attempts"] = count(ref.attempts);
  }

  bool counters_agree = false;
  if (check.available) {
    auto stat = [&](const std::map<std::string, std::int64_t>& s, const std::string& k) {
      const auto it = s.find(k);
      return it == s.end() ? std::int64_t{-1} : it->second;
    };
    auto subnets = [&](const std::map<std::string, std::int64_t>& st, const std::string& k) {
      std::int64_t sum = 0;
      for (std::size_t b = 0; b < pool.ranges.size(); ++b) sum += stat(st, "subnet[" + std::to_string(b + 1) + "]." + k);
      return sum;
    };
    const auto& s = check.stats;
    const std::int64_t alloc_fail = stat(s, "v4-allocation-fail");
    const std::int64_t reclaimed = stat(check.final_stats, "reclaimed-leases");
    const std::int64_t assigned_end = subnets(check.final_stats, "assigned-addresses");
    m["kea.v4_allocation_fail"] = Value(alloc_fail);
    m["kea.assigned_addresses"] = Value(subnets(s, "assigned-addresses"));
    m["kea.assigned_addresses_after_release"] = Value(assigned_end);
    m["kea.reclaimed_leases"] = Value(reclaimed);
    m["kea.active_leases"] = count(check.kea_active);
    m["dhcp.held_leases"] = count(check.driver_held);
    m["dhcp.expected_reclaims"] = count(r.expected_reclaims);
    m["dhcp.ambiguous_reclaims"] = count(r.ambiguous_reclaims);
    m["dhcp.lease_mismatches"] = count(check.mismatches.size());
    struct Pair {
      const char* stat;
      std::uint64_t ours;
    };
    const Pair packets[] = {{"pkt4-discover-received", relay_counts.sent[1]},
                            {"pkt4-request-received", relay_counts.sent[3]},
                            {"pkt4-release-received", relay_counts.sent[7]},
                            {"pkt4-offer-sent", relay_counts.received[2]},
                            {"pkt4-ack-sent", relay_counts.received[5]},
                            {"pkt4-nak-sent", relay_counts.received[6]}};
    bool packets_agree = true;
    for (const Pair& p : packets) {
      // Counted at the end of the schedule, before the final releases.
      const std::int64_t theirs = stat(check.final_stats, p.stat);
      m[std::string("kea.") + p.stat] = Value(theirs);
      if (theirs != static_cast<std::int64_t>(p.ours)) packets_agree = false;
    }
    m["kea.packets_agree"] = packets_agree;
    // Every DISCOVER left unanswered is an allocation failure at the server;
    // a REQUEST that lost a race for the last address may be one too.
    const auto fails_at_least = static_cast<std::int64_t>(r.no_offer);
    const auto fails_at_most = static_cast<std::int64_t>(r.no_offer + r.nak + r.no_ack);
    const auto expected_reclaimed = static_cast<std::int64_t>(r.expected_reclaims);
    const auto slack = static_cast<std::int64_t>(r.ambiguous_reclaims);
    counters_agree = packets_agree && check.mismatches.empty() && alloc_fail >= fails_at_least &&
                     alloc_fail <= fails_at_most && assigned_end == 0 &&
                     std::llabs(reclaimed - expected_reclaimed) <= slack &&
                     subnets(s, "assigned-addresses") == static_cast<std::int64_t>(check.kea_active);
  }

  m["verdict.no_double_allocation"] = r.double_allocations == 0;
  m["verdict.inside_pool"] = r.outside_pool == 0;
  m["verdict.exhaustion_gives_no_lease"] = r.no_offer > 0 && r.refused_while_free == 0 && r.double_allocations == 0;
  m["verdict.release_gives_reuse"] = r.releases > 0 && r.reuses > 0;
  if (check.available) m["verdict.counters_agree"] = counters_agree;
  m["verdict.engset_within_ci"] = measured.samples >= 2 && std::fabs(measured.mean - engset) <= measured.half_width;
  if (ref.blocking.size() >= 2)
    m["verdict.reference_within_ci"] =
        measured.samples >= 2 && std::fabs(measured.mean - ref.ci.mean) <=
                                     std::sqrt(measured.half_width * measured.half_width +
                                               ref.ci.half_width * ref.ci.half_width);
  m["verdict.pacing_trusted"] = worst <= tolerance && r.renew_failed == 0;
  bool passed = true;
  for (const std::string& k : verdict_keys()) {
    const auto it = m.find(k);
    if (it != m.end() && !std::get<bool>(it->second)) passed = false;
  }
  m["dhcp.passed"] = passed;

  std::string subnets;
  for (const DhcpRange& range : pool.ranges) subnets += (subnets.empty() ? "" : " ") + range.subnet;
  reports::Table& pools = res.table("pools", {"pool", "subnets", "capacity", "subscribers", "ratio", "attempts",
                                              "blocked", "blocking", "blocking_ci95", "engset_blocking",
                                              "reference_blocking", "reference_ci95", "offered_erlangs"});
  pools.add({pool.isp, subnets, count(pool.capacity()), count(ds.subscribers),
             static_cast<double>(ds.subscribers) / static_cast<double>(pool.capacity()), count(r.attempts),
             count(r.blocked()), measured.mean, measured.half_width, engset,
             ref.blocking.size() >= 2 ? Value(ref.ci.mean) : Value(std::string()),
             ref.blocking.size() >= 2 ? Value(ref.ci.half_width) : Value(std::string()), beta * ds.subscribers});
  reports::Table& batches = res.table("dhcp_batches", {"batch", "from_s", "to_s", "attempts", "blocked", "blocking"});
  for (std::size_t b = 0; b < r.batch_attempts.size(); ++b) {
    const double width = ds.duration / static_cast<double>(ds.batches);
    batches.add({count(b), width * static_cast<double>(b), width * static_cast<double>(b + 1),
                 count(r.batch_attempts[b]), count(r.batch_blocked[b]),
                 r.batch_attempts[b] ? static_cast<double>(r.batch_blocked[b]) / static_cast<double>(r.batch_attempts[b])
                                     : 0.0});
  }
  reports::Table& latency = res.table("dhcp_latency", {"percentile", "dora_ms"});
  for (double p : {0.5, 0.9, 0.95, 0.99, 1.0}) latency.add({p, 1000 * percentile(r.dora_latency, p)});
  reports::Table& violations = res.table("dhcp_violations", {"what"});
  for (const std::string& v : r.violations) violations.add({v});
  for (const std::string& v : check.mismatches) violations.add({"lease check: " + v});
  return res;
}

}  // namespace provsim::dhcp
