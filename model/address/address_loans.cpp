// The address server's requests for more addresses: loans from the network
// provider's reserve (borrowed addresses go back once the pool has stayed
// below its high-water mark for loan_hold) and spare blocks from the pool's
// ISP. A policy asks for them in its decision; the server turns that into a
// request effect and adds the addresses when the simulation calls
// complete() after the other party's delay.

#include <algorithm>
#include <cmath>

#include "model/address/address_server.hpp"
#include "model/core/check.hpp"

namespace provsim {

// Addresses an ISP has on loan or has asked for, over all its pools.
std::uint32_t AddressServer::isp_loans(ProviderId isp) const {
  std::uint32_t n = 0;
  for (const auto& p : pools_)
    if (p->owner() == isp) n += p->stats().borrowed + p->loan_requested();
  return n;
}

std::uint32_t AddressServer::borrow_room(const AddressPool& pool) const {
  const std::uint32_t loans = isp_loans(pool.owner());
  return pool.config().borrow_cap > loans ? pool.config().borrow_cap - loans : 0;
}

RequestId AddressServer::open_request(AddressEffect::Kind kind, const AddressPool& pool, std::uint32_t count) {
  const RequestId id(static_cast<RequestId::rep>(requests_.size()));
  requests_.push_back({kind, pool.id(), count, true});
  emit({kind, {}, pool.id(), kNoSlot, id, count, 0});
  return id;
}

// `view` is what the policy decided on; nothing has changed since.
void AddressServer::carry_out(AddressPool& pool, const PolicyDecision& decision, const PoolView& view) {
  if (decision.borrow > 0 && !pool.loan_in_flight()) {
    const std::uint32_t n = std::min(decision.borrow, view.borrow_room);
    if (n > 0) {
      pool.loan_asked(n);
      ++pool.stats().loan_requests;
      open_request(AddressEffect::Kind::kRequestLoan, pool, n);
    }
  }
  if (decision.grow && !pool.grow_in_flight() && pool.spare_block_count() > 0) {
    pool.grow_asked();
    ++pool.stats().grow_requests;
    open_request(AddressEffect::Kind::kRequestBlock, pool, 1);
  }
}

void AddressServer::complete(RequestId id, SimTime now) {
  PROVSIM_CHECK(id.valid() && id.value() < requests_.size(), "unknown address request");
  Request& req = requests_[id.value()];
  PROVSIM_CHECK(req.open, "address request completed twice");
  req.open = false;
  AddressPool& pool = pool_mut(req.pool);
  if (req.kind == AddressEffect::Kind::kRequestLoan)
    receive_loan(pool, id, req.count, now);
  else
    receive_block(pool, id);
  serve_waiters(pool, now);
  after_change(pool, now);
}

// The reserve lends what the ISP's cap and its own free addresses allow now.
void AddressServer::receive_loan(AddressPool& pool, RequestId id, std::uint32_t asked, SimTime now) {
  pool.loan_answered();
  const std::uint32_t n = std::min({asked, borrow_room(pool), reserve_->free_count()});
  for (std::uint32_t i = 0; i < n; ++i) {
    const Slot r = reserve_->allocate({}, rng_, pool.id().value(), SlotState::kLent);
    pool.add_loan(reserve_->slot(r).block, reserve_->slot(r).offset, r);
  }
  reserve_lent_ += n;
  pool.stats().borrowed_total += n;
  emit({AddressEffect::Kind::kLoanGranted, {}, pool.id(), kNoSlot, id, n, 0});
  pool.restart_hold(now);
}

void AddressServer::receive_block(AddressPool& pool, RequestId id) {
  pool.grow_answered();
  std::uint32_t added = 0;
  if (const std::optional<std::uint32_t> block = pool.take_spare_block()) {
    const UsableRange range = usable_range(plan_.blocks[*block].prefix, plan_.v6_slice);
    pool.add_block(*block, range);
    added = static_cast<std::uint32_t>(range.count);
    PoolStats& st = pool.stats();
    ++st.grown_blocks;
    st.grown_addresses += added;
  }
  emit({AddressEffect::Kind::kBlockAdded, {}, pool.id(), kNoSlot, id, added, 0});
}

void AddressServer::return_loans(AddressPool& pool, SimTime now) {
  const PoolStats& st = pool.stats();
  const double high = pool.config().high_water;
  // Hand back as many free borrowed addresses as keep utilisation at or
  // below the high-water mark.
  const double keep = high > 0 ? std::ceil(st.leased / high) : st.leased;
  const std::uint32_t allowed = st.capacity > keep ? static_cast<std::uint32_t>(st.capacity - keep) : 0;
  const std::vector<Slot> back = pool.take_back_loans(std::min(allowed, st.borrowed));
  for (Slot r : back) reserve_->free(r);
  reserve_lent_ -= static_cast<std::uint32_t>(back.size());
  pool.stats().returned_total += back.size();
  if (!back.empty())
    emit({AddressEffect::Kind::kLoanReturned, {}, pool.id(), kNoSlot, {}, static_cast<std::uint32_t>(back.size()), 0});
  pool.restart_hold(now);
  after_change(pool, now);
}

}  // namespace provsim
