#include "sim/scenario/session_settings.hpp"

#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/units.hpp"

namespace provsim::sim {
namespace {

std::string plain(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

}  // namespace

std::vector<double> hourly_profile(const std::string& text) {
  if (text == "flat") return {};
  std::vector<double> w;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) w.push_back(parse_number(part));
  double mean = 0;
  for (double x : w) mean += x / static_cast<double>(w.size());
  for (double& x : w) x = mean > 0 ? x / mean : 0;
  return w;
}

SessionSettings session_settings(const Config& c) {
  SessionSettings s;
  s.per_day = c.number("sessions.per_day");
  s.mean_duration = c.seconds("sessions.mean_duration");
  // The idle time between sessions is what the day leaves after them: none
  // left would mean sessions starting before the last one ended.
  if (s.per_day * s.mean_duration >= 86400)
    c.fail("sessions.per_day", "sessions.per_day × sessions.mean_duration must stay under a day (" + plain(s.per_day) +
                                   " sessions of " + plain(s.mean_duration) + " s leave no idle time)");
  s.lognormal = c.text("sessions.holding") == "lognormal";
  s.holding_cv = c.number("sessions.holding_cv");
  s.vanish = c.number("sessions.vanish");
  s.profile = hourly_profile(c.text("sessions.daily_profile"));
  return s;
}

}  // namespace provsim::sim
