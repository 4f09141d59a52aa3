#include "model/call_centre/call_centre.hpp"

#include <algorithm>
#include <string>

#include "model/core/check.hpp"

namespace provsim {

CallCentre::CallCentre(std::uint32_t agents) : agents_(agents) {}

void CallCentre::advance(SimTime now) {
  PROVSIM_CHECK(now >= last_, "call centre time went back from " + std::to_string(last_) + " to " + std::to_string(now));
  stats_.busy_agent_time += static_cast<double>(talking_.size()) * (now - last_);
  last_ = now;
}

void CallCentre::answer(CallId call, double wait) {
  talking_.insert(call);
  ++stats_.answered;
  interval_waits_.add(wait);
}

CallCentre::Arrival CallCentre::arrive(SimTime now) {
  advance(now);
  const CallId call = next_call_++;
  ++stats_.offered;
  if (talking_.size() < agents_) {
    answer(call, 0.0);
    return {call, true};
  }
  ++stats_.waited;
  waiting_.emplace(call, now);
  line_.push_back(call);
  stats_.peak_queue = std::max(stats_.peak_queue, queue_length());
  return {call, false};
}

std::optional<CallId> CallCentre::finish(CallId call, SimTime now) {
  advance(now);
  PROVSIM_CHECK(talking_.erase(call) == 1, "call " + std::to_string(call) + " ended but no agent had it");
  while (!line_.empty()) {
    const CallId next = line_.front();
    line_.pop_front();
    auto it = waiting_.find(next);
    if (it == waiting_.end()) continue;  // hung up earlier
    const double wait = now - it->second;
    stats_.answered_wait += wait;
    waiting_.erase(it);
    answer(next, wait);
    return next;
  }
  return std::nullopt;
}

bool CallCentre::abandon(CallId call, SimTime now) {
  advance(now);
  auto it = waiting_.find(call);
  if (it == waiting_.end()) return false;
  stats_.abandoned_wait += now - it->second;
  ++stats_.abandoned;
  waiting_.erase(it);
  // Keep the line short when many hang up while the front caller waits.
  if (line_.size() > 2 * waiting_.size() + 16)
    line_.erase(std::remove_if(line_.begin(), line_.end(), [this](CallId c) { return waiting_.count(c) == 0; }),
                line_.end());
  return true;
}

CallCentreStats CallCentre::stats(SimTime now) const {
  CallCentreStats s = stats_;
  s.busy_agent_time += static_cast<double>(talking_.size()) * std::max(0.0, now - last_);
  return s;
}

double CallCentre::utilisation(SimTime now) const {
  const double span = now - stats_.since;
  if (agents_ == 0 || span <= 0) return 0.0;
  return stats(now).busy_agent_time / (span * agents_);
}

void CallCentre::reset_statistics(SimTime now) {
  advance(now);
  stats_ = CallCentreStats{};
  stats_.since = now;
  stats_.peak_queue = queue_length();
}

}  // namespace provsim
