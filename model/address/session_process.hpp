#pragma once
// One subscriber population's on/off life, as the simulation draws it: idle
// periods are exponential (each idle subscriber is a Poisson source, as in
// the Engset model) with mean 86400 / per_day - mean_duration, thinned by an
// hourly profile when one is given; sessions last an exponential or
// log-normal time; a share of sessions end with the device vanishing instead
// of releasing its lease. Plain numbers in, draws out: no clock, no events.
//
// The draws are the ones the simulation's session actor makes (the same
// distributions, the same formulas), so a driver outside the simulation (the
// DHCP driver in sut/dhcp) offers a real server the same workload. The
// caller passes the random stream: one for a whole population, or one per
// subscriber so that a subscriber's draws do not depend on the order in
// which real-time answers arrive.

#include <vector>

#include "model/core/random.hpp"

namespace provsim {

struct SessionSettings {
  double per_day = 3;          // sessions per subscriber per day
  double mean_duration = 3600; // seconds
  bool lognormal = false;
  double holding_cv = 2;       // of a log-normal session length
  double vanish = 0;           // share of sessions whose device goes away
  std::vector<double> profile; // 24 hourly weights with mean 1; empty: flat
};

class SessionProcess {
 public:
  explicit SessionProcess(SessionSettings settings);

  // Time from `now` (seconds since the run began) to the next session start.
  double idle_time(double now, Rng& rng) const;
  double holding_time(Rng& rng) const;
  bool vanishes(Rng& rng) const { return rng.bernoulli(s_.vanish); }

  double mean_idle() const { return mean_idle_; }
  // Traffic offered by one idle subscriber: mean session / mean idle time
  // (Engset's beta).
  double beta() const { return s_.mean_duration / mean_idle_; }

 private:
  SessionSettings s_;
  double mean_idle_;
  double peak_ = 0;
};

}  // namespace provsim
