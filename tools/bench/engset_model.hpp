#pragma once
// The model that tools/bench/engines runs on every engine: an address pool
// of C addresses shared by N subscribers (Engset's loss system, what
// provsim's SessionDriver does with the reject policy). Each subscriber
// alternates exponential idle periods (mean `mean_idle`) and sessions
// (exponential, mean `mean_holding`); an attempt that finds all C addresses
// taken is blocked and the subscriber goes back to idle. A run stops at the
// `arrivals`-th attempt.
//
// Only the event scheduler differs between bare_loop.cpp and ns3_loop.cpp:
// both use this pool, provsim's Rng and this output, so the ratio of their
// events per second is the ratio of their schedulers.

#include <chrono>
#include <cstdint>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace provsim::bench {

struct Params {
  std::uint64_t sources = 2000;
  std::uint64_t servers = 254;
  double mean_idle = 2520;
  double mean_holding = 360;
  std::uint64_t arrivals = 1'000'000;
  std::uint64_t seed = 1;
  std::uint64_t batches = 20;  // for the batch-means confidence interval
  std::string scheduler;       // bare loop: heap or wheel; ns-3: an ns3::Scheduler type name
};

[[noreturn]] inline void usage(const char* program, const char* problem) {
  std::fprintf(stderr,
               "%s: %s\nusage: %s [--sources N] [--servers C] [--mean-idle S] [--mean-holding S]"
               " [--arrivals A] [--seed X] [--batches K] [--scheduler heap|wheel|ns3::HeapScheduler]\n",
               program, problem, program);
  std::exit(2);
}

inline Params parse_params(int argc, char** argv) {
  Params p;
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (i + 1 >= argc) usage(argv[0], ("no value after " + name).c_str());
    const char* value = argv[++i];
    char* end = nullptr;
    if (name == "--scheduler") {
      p.scheduler = value;
      continue;
    }
    const double x = std::strtod(value, &end);
    if (end == value || *end != '\0' || !(x >= 0)) usage(argv[0], ("bad value for " + name).c_str());
    if (name == "--sources") p.sources = static_cast<std::uint64_t>(x);
    else if (name == "--servers") p.servers = static_cast<std::uint64_t>(x);
    else if (name == "--mean-idle") p.mean_idle = x;
    else if (name == "--mean-holding") p.mean_holding = x;
    else if (name == "--arrivals") p.arrivals = static_cast<std::uint64_t>(x);
    else if (name == "--seed") p.seed = static_cast<std::uint64_t>(x);
    else if (name == "--batches") p.batches = static_cast<std::uint64_t>(x);
    else usage(argv[0], ("unknown option " + name).c_str());
  }
  if (p.sources == 0 || p.batches == 0 || p.arrivals < p.batches || !(p.mean_idle > 0) || !(p.mean_holding > 0))
    usage(argv[0], "need sources > 0, arrivals >= batches > 0 and positive means");
  return p;
}

// The C addresses and the counts, in equal batches of attempts (batch k
// holds attempts k * A / K ... (k + 1) * A / K - 1).
class Pool {
 public:
  explicit Pool(const Params& p) : p_(p), blocked_in_batch_(p.batches, 0) {}

  // An attempt: true if it got an address.
  bool attempt() {
    const std::uint64_t batch = attempts_ * p_.batches / p_.arrivals;
    ++attempts_;
    if (busy_ < p_.servers) {
      ++busy_;
      return true;
    }
    ++blocked_;
    ++blocked_in_batch_[batch];
    return false;
  }
  void release() { --busy_; }
  bool done() const { return attempts_ >= p_.arrivals; }

  std::uint64_t attempts() const { return attempts_; }
  std::uint64_t blocked() const { return blocked_; }
  std::uint64_t batch_attempts(std::uint64_t k) const {
    return (k + 1) * p_.arrivals / p_.batches - k * p_.arrivals / p_.batches;
  }
  std::uint64_t batch_blocked(std::uint64_t k) const { return blocked_in_batch_[k]; }

 private:
  const Params& p_;
  std::uint64_t busy_ = 0;
  std::uint64_t attempts_ = 0;
  std::uint64_t blocked_ = 0;
  std::vector<std::uint64_t> blocked_in_batch_;
};

// Wall and CPU time of the simulation (the machines are shared: CPU time
// is the steadier of the two).
class Stopwatch {
 public:
  double wall_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count();
  }
  double cpu_seconds() const { return static_cast<double>(std::clock() - cpu_) / CLOCKS_PER_SEC; }

 private:
  std::chrono::steady_clock::time_point wall_ = std::chrono::steady_clock::now();
  std::clock_t cpu_ = std::clock();
};

// One JSON line on stdout, read by tools/bench/engines.
inline void print_result(const char* engine, const char* scheduler, const Params& p, const Pool& pool,
                         std::uint64_t events, const Stopwatch& watch) {
  const double wall_seconds = watch.wall_seconds();
  const double cpu_seconds = watch.cpu_seconds();
  std::printf("{\"engine\": \"%s\", \"scheduler\": \"%s\", \"sources\": %llu, \"servers\": %llu, "
              "\"arrivals\": %llu, \"blocked\": %llu, \"events\": %llu, \"wall_seconds\": %.6f, \"cpu_seconds\": %.6f, \"batches\": [",
              engine, scheduler, static_cast<unsigned long long>(p.sources),
              static_cast<unsigned long long>(p.servers), static_cast<unsigned long long>(pool.attempts()),
              static_cast<unsigned long long>(pool.blocked()), static_cast<unsigned long long>(events),
              wall_seconds, cpu_seconds);
  for (std::uint64_t k = 0; k < p.batches; ++k)
    std::printf("%s[%llu, %llu]", k ? ", " : "", static_cast<unsigned long long>(pool.batch_attempts(k)),
                static_cast<unsigned long long>(pool.batch_blocked(k)));
  std::printf("]}\n");
}

}  // namespace provsim::bench
