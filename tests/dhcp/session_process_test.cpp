// The session generator the DHCP driver shares with the model: idle and
// session times with the means the scenario asks for, a daily profile that
// moves session starts into its heavy hours, vanishing at its rate.

#include <gtest/gtest.h>

#include <cmath>

#include "model/address/session_process.hpp"

namespace provsim {
namespace {

TEST(SessionProcess, MeansFollowTheScenario) {
  SessionSettings s;
  s.per_day = 30;
  s.mean_duration = 1200;
  s.vanish = 0.1;
  const SessionProcess p(s);
  EXPECT_DOUBLE_EQ(p.mean_idle(), 86400.0 / 30 - 1200);
  EXPECT_DOUBLE_EQ(p.beta(), 1200.0 / 1680.0);
  Rng rng = Rng::stream(1, "test");
  double idle = 0, hold = 0;
  int vanished = 0;
  constexpr int kDraws = 200000;
  for (int i = 0; i < kDraws; ++i) {
    idle += p.idle_time(0, rng);
    hold += p.holding_time(rng);
    vanished += p.vanishes(rng);
  }
  EXPECT_NEAR(idle / kDraws, 1680, 1680 * 0.01);
  EXPECT_NEAR(hold / kDraws, 1200, 1200 * 0.01);
  EXPECT_NEAR(vanished / double(kDraws), 0.1, 0.003);
}

TEST(SessionProcess, AProfileMovesStartsIntoItsHeavyHours) {
  SessionSettings s;
  s.per_day = 30;
  s.mean_duration = 1200;
  s.profile.assign(24, 0.5);
  for (int h = 18; h < 24; ++h) s.profile[static_cast<std::size_t>(h)] = 2.5;  // mean 1
  const SessionProcess p(s);
  Rng rng = Rng::stream(2, "test");
  int evening = 0, total = 0;
  for (double t = 0; t < 86400.0 * 200; t += p.idle_time(t, rng), ++total)
    if (std::fmod(t, 86400.0) >= 18 * 3600.0) ++evening;
  // Evening hours carry 6 x 2.5 / 24 = 62.5 % of the weight.
  EXPECT_NEAR(evening / double(total), 0.625, 0.02);
}

}  // namespace
}  // namespace provsim
