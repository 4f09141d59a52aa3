#include "model/catalog/catalog.hpp"

#include <stdexcept>

namespace provsim {

std::string_view to_string(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::kNetworkProvider: return "np";
    case ProviderKind::kIsp: return "isp";
    case ProviderKind::kBsp: return "bsp";
  }
  return "?";
}

std::string_view to_string(OfferingKind kind) {
  switch (kind) {
    case OfferingKind::kAccessTier: return "access_tier";
    case OfferingKind::kIspService: return "isp_service";
    case OfferingKind::kBspPurchase: return "bsp_purchase";
    case OfferingKind::kBspUsage: return "bsp_usage";
  }
  return "?";
}

const PlanItem* Plan::item(OfferingId offering) const {
  for (const auto& i : items)
    if (i.offering == offering) return &i;
  return nullptr;
}

int Plan::position(OfferingId offering) const {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].offering == offering) return static_cast<int>(i);
  return -1;
}

ProviderId Catalog::add_provider(std::string code, ProviderKind kind, std::string name) {
  if (provider_codes_.count(code)) throw std::invalid_argument("duplicate provider " + code);
  const ProviderId id(static_cast<ProviderId::rep>(providers_.size()));
  provider_codes_[code] = id;
  providers_.push_back(Provider{id, std::move(code), kind, std::move(name)});
  return id;
}

OfferingId Catalog::add_offering(std::string code, ProviderId owner, OfferingKind kind, std::string unit,
                                 std::string name) {
  if (offering_codes_.count(code)) throw std::invalid_argument("duplicate offering " + code);
  const OfferingId id(static_cast<OfferingId::rep>(offerings_.size()));
  offering_codes_[code] = id;
  offerings_.push_back(Offering{id, std::move(code), owner, kind, std::move(unit), std::move(name)});
  return id;
}

PlanId Catalog::add_plan(std::string code, ProviderId isp, std::string market, std::string name) {
  if (plan_codes_.count(code)) throw std::invalid_argument("duplicate plan " + code);
  const PlanId id(static_cast<PlanId::rep>(plans_.size()));
  plan_codes_[code] = id;
  plans_.push_back(Plan{id, std::move(code), isp, std::move(market), std::move(name), {}});
  return id;
}

void Catalog::add_plan_item(PlanId plan, PlanItem item) { plans_[plan.value()].items.push_back(item); }

std::optional<ProviderId> Catalog::find_provider(std::string_view code) const {
  auto it = provider_codes_.find(std::string(code));
  return it == provider_codes_.end() ? std::nullopt : std::optional(it->second);
}
std::optional<OfferingId> Catalog::find_offering(std::string_view code) const {
  auto it = offering_codes_.find(std::string(code));
  return it == offering_codes_.end() ? std::nullopt : std::optional(it->second);
}
std::optional<PlanId> Catalog::find_plan(std::string_view code) const {
  auto it = plan_codes_.find(std::string(code));
  return it == plan_codes_.end() ? std::nullopt : std::optional(it->second);
}

std::optional<PlanId> Catalog::plan_for(ProviderId isp, std::string_view market) const {
  for (const auto& p : plans_)
    if (p.isp == isp && p.market == market) return p.id;
  return std::nullopt;
}

std::vector<ProviderId> Catalog::providers_of(ProviderKind kind) const {
  std::vector<ProviderId> out;
  for (const auto& p : providers_)
    if (p.kind == kind) out.push_back(p.id);
  return out;
}

ProviderId Catalog::network_provider() const {
  for (const auto& p : providers_)
    if (p.kind == ProviderKind::kNetworkProvider) return p.id;
  throw std::logic_error("catalog has no network provider");
}

}  // namespace provsim
