#include "model/address/address_pool.hpp"

#include <limits>
#include <stdexcept>

#include "model/core/check.hpp"

namespace provsim {

AddressPool::AddressPool(PoolId id, ProviderId owner, std::string region, PoolConfig config,
                         std::unique_ptr<Allocator> allocator)
    : id_(id), owner_(owner), region_(std::move(region)), config_(std::move(config)),
      allocator_(std::move(allocator)) {
  PROVSIM_CHECK(allocator_ != nullptr, "a pool needs an allocator");
}

void AddressPool::add_block(std::uint32_t block, UsableRange range) {
  const std::uint64_t total = slots_.size() + range.count;
  if (total >= kNoSlot || range.first + range.count > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("address pool too large: at most 4 billion addresses per pool");
  const Slot first = slot_count();
  const Slot n = static_cast<Slot>(total);
  slots_.resize(n);
  allocator_->resize(n);
  expiries_.resize(n);
  for (Slot s = first; s < n; ++s) {
    slots_[s] = SlotInfo{block, static_cast<std::uint32_t>(range.first + (s - first)), UINT32_MAX, kNoSlot,
                         SlotState::kFree};
    allocator_->on_free(s);
  }
  blocks_.push_back(block);
  stats_.own_capacity += static_cast<std::uint32_t>(range.count);
  refresh_capacity();
}

Slot AddressPool::new_slot() {
  if (!retired_.empty()) {
    const Slot s = retired_.back();
    retired_.pop_back();
    return s;
  }
  PROVSIM_CHECK(slots_.size() + 1 < kNoSlot, "address pool slot space exhausted");
  slots_.emplace_back();
  const Slot n = slot_count();
  allocator_->resize(n);
  expiries_.resize(n);
  return n - 1;
}

Slot AddressPool::add_loan(std::uint32_t block, std::uint32_t offset, Slot reserve_slot) {
  const Slot s = new_slot();
  slots_[s] = SlotInfo{block, offset, UINT32_MAX, reserve_slot, SlotState::kFree};
  loans_.push_back(s);
  allocator_->on_free(s);
  ++stats_.borrowed;
  refresh_capacity();
  return s;
}

std::uint32_t AddressPool::free_loan_count() const {
  std::uint32_t n = 0;
  for (Slot s : loans_) n += slots_[s].state == SlotState::kFree;
  return n;
}

std::vector<Slot> AddressPool::take_back_loans(std::uint32_t max) {
  std::vector<Slot> reserve_slots;
  for (std::size_t i = 0; i < loans_.size() && reserve_slots.size() < max;) {
    const Slot s = loans_[i];
    if (slots_[s].state != SlotState::kFree) {
      ++i;
      continue;
    }
    allocator_->on_taken(s);
    reserve_slots.push_back(slots_[s].loan);
    slots_[s] = SlotInfo{};  // retired
    retired_.push_back(s);
    loans_[i] = loans_.back();
    loans_.pop_back();
  }
  stats_.borrowed -= static_cast<std::uint32_t>(reserve_slots.size());
  refresh_capacity();
  return reserve_slots;
}

Slot AddressPool::allocate(const AllocationRequest& request, Rng& rng, std::uint32_t holder, SlotState as) {
  const Slot s = allocator_->allocate(request, rng);
  if (s == kNoSlot) return kNoSlot;
  SlotInfo& info = slots_[s];
  PROVSIM_CHECK(info.state == SlotState::kFree, "allocator chose a slot that is not free");
  info.state = as;
  info.holder = holder;
  if (as == SlotState::kLeased) {
    ++stats_.leased;
    if (stats_.leased > stats_.peak_leased) stats_.peak_leased = stats_.leased;
  }
  return s;
}

void AddressPool::free(Slot s) {
  SlotInfo& info = slots_[s];
  PROVSIM_CHECK(info.state == SlotState::kLeased || info.state == SlotState::kLent, "freeing a slot not in use");
  if (info.state == SlotState::kLeased) --stats_.leased;
  info.state = SlotState::kFree;
  info.holder = UINT32_MAX;
  expiries_.erase(s);
  allocator_->on_free(s);
}

void AddressPool::start_probation(Slot s, SimTime until) {
  SlotInfo& info = slots_[s];
  PROVSIM_CHECK(info.state == SlotState::kLeased, "only a leased address can be declined");
  --stats_.leased;
  info.state = SlotState::kProbation;
  info.holder = UINT32_MAX;
  expiries_.erase(s);
  probation_.emplace_back(s, until);
  ++stats_.probation;
}

SimTime AddressPool::next_probation_end() const {
  return probation_.empty() ? std::numeric_limits<SimTime>::infinity() : probation_.front().second;
}

Slot AddressPool::end_probation(SimTime now) {
  if (probation_.empty() || probation_.front().second > now) return kNoSlot;
  const Slot s = probation_.front().first;
  probation_.pop_front();
  --stats_.probation;
  slots_[s].state = SlotState::kFree;
  allocator_->on_free(s);
  return s;
}

void AddressPool::refresh_capacity() { stats_.capacity = stats_.own_capacity + stats_.borrowed; }

bool AddressPool::update_marks(SimTime now) {
  const double capacity = stats_.capacity;
  const bool low = config_.low_water > 0 && capacity > 0 && free_count() < config_.low_water * capacity;
  const bool crossed_low = low && !below_low_;
  if (crossed_low) ++stats_.low_water_crossings;
  below_low_ = low;
  const bool high = capacity > 0 && stats_.leased > config_.high_water * capacity;
  if (high && !above_high_) ++stats_.high_water_crossings;
  if (!high && above_high_) below_high_since_ = now;
  above_high_ = high;
  return crossed_low;
}

SimTime AddressPool::loan_return_due() const {
  if (stats_.borrowed == 0 || above_high_) return std::numeric_limits<SimTime>::infinity();
  return below_high_since_ + config_.loan_hold;
}

void AddressPool::loan_asked(std::uint32_t count) {
  PROVSIM_CHECK(count > 0, "a loan request asks for at least one address");
  PROVSIM_CHECK(!loan_in_flight(), "a second loan request while one is in flight");
  loan_requested_ = count;
}

std::optional<std::uint32_t> AddressPool::take_spare_block() {
  if (spare_blocks_.empty()) return std::nullopt;
  const std::uint32_t block = spare_blocks_.front();
  spare_blocks_.pop_front();
  return block;
}

}  // namespace provsim
