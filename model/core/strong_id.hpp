#pragma once
// Small strong identifiers: an index into the model's compact tables, typed
// so a SubscriberId can never be passed where an OrderId is expected.

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace provsim {

template <typename Tag, typename Rep = std::uint32_t>
class StrongId {
 public:
  using rep = Rep;
  static constexpr Rep kInvalid = std::numeric_limits<Rep>::max();

  constexpr StrongId() = default;
  constexpr explicit StrongId(Rep value) : value_(value) {}

  constexpr Rep value() const { return value_; }
  constexpr bool valid() const { return value_ != kInvalid; }

  friend constexpr auto operator<=>(StrongId, StrongId) = default;

 private:
  Rep value_ = kInvalid;
};

struct SubscriberTag {};
struct OrderTag {};
struct LineTag {};
struct ProviderTag {};
struct OfferingTag {};
struct PlanTag {};

using SubscriberId = StrongId<SubscriberTag>;
using OrderId = StrongId<OrderTag>;
using LineId = StrongId<LineTag>;
using ProviderId = StrongId<ProviderTag, std::uint16_t>;
using OfferingId = StrongId<OfferingTag, std::uint16_t>;
using PlanId = StrongId<PlanTag, std::uint16_t>;

}  // namespace provsim

template <typename Tag, typename Rep>
struct std::hash<provsim::StrongId<Tag, Rep>> {
  std::size_t operator()(provsim::StrongId<Tag, Rep> id) const noexcept { return std::hash<Rep>{}(id.value()); }
};
