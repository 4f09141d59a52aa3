#include "sim/pool_event_log.hpp"

namespace provsim::sim {

void PoolEventLog::sample(const AddressServer& server, double now) {
  last_.resize(server.pool_count());
  for (std::size_t p = 0; p < server.pool_count(); ++p) {
    const PoolStats& s = server.pool(PoolId(static_cast<PoolId::rep>(p))).stats();
    const Counters current{s.borrowed_total, s.returned_total, s.grown_addresses, s.blocked};
    Counters& last = last_[p];
    const auto add = [&](const char* event, std::uint64_t was, std::uint64_t is) {
      if (is > was) rows_.push_back({now, static_cast<std::uint32_t>(p), event, is - was});
    };
    add("borrow", last.borrowed, current.borrowed);
    add("return", last.returned, current.returned);
    add("block_added", last.grown, current.grown);
    add("lease_blocked", last.blocked, current.blocked);
    last = current;
  }
}

}  // namespace provsim::sim
