#pragma once
// The catalog: the parties, what each sells (offerings) and the ISPs'
// aggregated plans per market. Ids are dense indexes into the vectors here,
// so lookups on hot paths are array reads; codes are the scenario's names.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/core/strong_id.hpp"
#include "model/money/money.hpp"

namespace provsim {

enum class ProviderKind { kNetworkProvider, kIsp, kBsp };
enum class OfferingKind { kAccessTier, kIspService, kBspPurchase, kBspUsage };

std::string_view to_string(ProviderKind kind);
std::string_view to_string(OfferingKind kind);

struct Provider {
  ProviderId id;
  std::string code;  // "isp1"
  ProviderKind kind;
  std::string name;
};

struct Offering {
  OfferingId id;
  std::string code;  // "dsl-3m", "mail", "film"
  ProviderId owner;
  OfferingKind kind;
  std::string unit;  // month, item, minute, mb, session
  std::string name;
};

struct PlanItem {
  OfferingId offering;
  Money monthly_fee;  // recurring fee while subscribed (may be zero)
};

// An ISP's aggregated plan for one market: the NP's access tiers, the ISP's
// own services and the BSP offerings the ISP has enabled.
struct Plan {
  PlanId id;
  std::string code;
  ProviderId isp;
  std::string market;
  std::string name;
  std::vector<PlanItem> items;

  const PlanItem* item(OfferingId offering) const;
  // The offering's place in `items` (-1: not in the plan). Places are small
  // and stable, so a subscriber's holdings within its plan fit a bit mask.
  int position(OfferingId offering) const;
};
// Plans hold at most this many offerings (checked at load).
constexpr std::size_t kMaxPlanItems = 64;

class Catalog {
 public:
  ProviderId add_provider(std::string code, ProviderKind kind, std::string name);
  OfferingId add_offering(std::string code, ProviderId owner, OfferingKind kind, std::string unit, std::string name);
  PlanId add_plan(std::string code, ProviderId isp, std::string market, std::string name);
  void add_plan_item(PlanId plan, PlanItem item);

  const Provider& provider(ProviderId id) const { return providers_[id.value()]; }
  const Offering& offering(OfferingId id) const { return offerings_[id.value()]; }
  const Plan& plan(PlanId id) const { return plans_[id.value()]; }

  const std::vector<Provider>& providers() const { return providers_; }
  const std::vector<Offering>& offerings() const { return offerings_; }
  const std::vector<Plan>& plans() const { return plans_; }

  std::optional<ProviderId> find_provider(std::string_view code) const;
  std::optional<OfferingId> find_offering(std::string_view code) const;
  std::optional<PlanId> find_plan(std::string_view code) const;

  // The ISP's plan in `market`, or nothing when the ISP does not sell there.
  std::optional<PlanId> plan_for(ProviderId isp, std::string_view market) const;

  std::vector<ProviderId> providers_of(ProviderKind kind) const;
  // The single network provider (the scenario loader guarantees one).
  ProviderId network_provider() const;

 private:
  std::vector<Provider> providers_;
  std::vector<Offering> offerings_;
  std::vector<Plan> plans_;
  std::unordered_map<std::string, ProviderId> provider_codes_;
  std::unordered_map<std::string, OfferingId> offering_codes_;
  std::unordered_map<std::string, PlanId> plan_codes_;
};

}  // namespace provsim
