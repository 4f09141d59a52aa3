#include "sim/rated_event_log.hpp"

#include <vector>

namespace provsim::sim {

void RatedEventLog::on_rated(const RatedEvent& r) {
  const std::uint64_t sequence = rated++;
  for (const PartyAmount& share : r.shares) {
    const std::size_t p = share.party.value();
    if (p >= revenue.size()) {
      revenue.resize(p + 1);
      earned.resize(p + 1, 0);
    }
    revenue[p] += share.amount;
    earned[p] = 1;
  }
  if (limit_ == 0 || sequence % stride != 0) return;
  if (rows.size() >= limit_) {  // thin the sample out: keep every other row
    stride *= 2;
    std::erase_if(rows, [this](const Row& row) { return row.sequence % stride != 0; });
    if (sequence % stride != 0) return;
  }
  rows.push_back(Row{r.event.id, r.event.bsp.value(), r.event.user.value(), r.event.offering.value(), r.plan.value(),
                     r.event.start, r.event.quantity.millis(), r.charge, r.late, r.from_suspense, sequence});
}

void RatedEventLog::on_suspended(const RatingEvent& event, SuspenseReason reason) {
  suspended.emplace_back(event, reason);
}

}  // namespace provsim::sim
