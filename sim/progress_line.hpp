#pragma once
// A progress line on stderr while a run goes (provsim run --progress):
// simulated days, share done, wall time, events per second and the time
// left, at most once a second of wall time, and not in the first two
// seconds. Owned by run_simulation; it reads the run's event count.

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace provsim::sim {

class ProgressLine {
 public:
  // `events` is the run's count of events handled, read at each line.
  ProgressLine(double end_time, const std::uint64_t& events, bool enabled)
      : end_time_(end_time), events_(events), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  void tick(double simulated) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    const double wall = std::chrono::duration<double>(now - start_).count();
    if (wall < 2.0 || wall - last_ < 1.0) return;
    last_ = wall;
    const double share = simulated / end_time_;
    const double eta = share > 0 ? wall * (1 - share) / share : 0;
    std::fprintf(stderr, "\r  simulated %.2f d (%3.0f%%)  wall %.0f s  %.0f events/s  eta %.0f s   ", simulated / 86400,
                 share * 100, wall, static_cast<double>(events_) / wall, eta);
    printed_ = true;
  }
  ~ProgressLine() {
    if (printed_) std::fprintf(stderr, "\n");
  }

 private:
  double end_time_;
  const std::uint64_t& events_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  double last_ = 0;
  bool printed_ = false;
};

}  // namespace provsim::sim
