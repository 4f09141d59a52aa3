#pragma once
// The catalog the rating fixtures are written against, shared by the rating
// loaders' tests and the rating tables fuzzer (so no GoogleTest here).

#include "model/catalog/catalog.hpp"
#include "model/money/money.hpp"

namespace provsim::sim {

// The catalog the rating fixtures (scenarios/_fixtures/rating*/good) are
// written against: an NP, one ISP with two plans, two BSPs.
inline Catalog rating_fixture_catalog() {
  Catalog c;
  const auto np = c.add_provider("np", ProviderKind::kNetworkProvider, "NP");
  const auto isp = c.add_provider("isp1", ProviderKind::kIsp, "ISP");
  const auto video = c.add_provider("video", ProviderKind::kBsp, "Video");
  const auto voice = c.add_provider("voice", ProviderKind::kBsp, "Voice");
  const auto dsl = c.add_offering("dsl", np, OfferingKind::kAccessTier, "month", "DSL");
  const auto film = c.add_offering("film", video, OfferingKind::kBspPurchase, "item", "Film");
  const auto calls = c.add_offering("calls", voice, OfferingKind::kBspUsage, "second", "Calls");
  const auto data = c.add_offering("data", voice, OfferingKind::kBspUsage, "mb", "Data");
  const auto games = c.add_offering("games", video, OfferingKind::kBspUsage, "minute", "Games");
  const auto basic = c.add_plan("basic", isp, "m1", "Basic");
  const auto premium = c.add_plan("premium", isp, "m1", "Premium");
  for (auto o : {dsl, film, calls, data}) c.add_plan_item(basic, {o, o == dsl ? Money::parse("30") : Money{}});
  for (auto o : {dsl, film, calls, data, games})
    c.add_plan_item(premium, {o, o == dsl ? Money::parse("50") : Money{}});
  return c;
}

}  // namespace provsim::sim
