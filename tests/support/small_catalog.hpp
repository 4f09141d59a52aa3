#pragma once
// A small catalog for unit tests: the NP with two access tiers, isp1 with a
// mail service and a plan (isp1-north, no items: a test adds the ones it
// needs), a BSP with three offerings.

#include "model/catalog/catalog.hpp"

namespace provsim::test_support {

struct SmallCatalog {
  Catalog catalog;
  ProviderId np, isp, bsp;
  OfferingId dsl1, dsl8, mail, game, film, music;
  PlanId plan;
  SmallCatalog() {
    np = catalog.add_provider("np", ProviderKind::kNetworkProvider, "");
    isp = catalog.add_provider("isp1", ProviderKind::kIsp, "");
    bsp = catalog.add_provider("bsp1", ProviderKind::kBsp, "");
    dsl1 = catalog.add_offering("dsl-1m", np, OfferingKind::kAccessTier, "month", "");
    dsl8 = catalog.add_offering("dsl-8m", np, OfferingKind::kAccessTier, "month", "");
    mail = catalog.add_offering("mail", isp, OfferingKind::kIspService, "month", "");
    game = catalog.add_offering("game", bsp, OfferingKind::kBspUsage, "session", "");
    film = catalog.add_offering("film", bsp, OfferingKind::kBspPurchase, "item", "");
    music = catalog.add_offering("music", bsp, OfferingKind::kBspUsage, "minute", "");
    plan = catalog.add_plan("isp1-north", isp, "north", "");
  }
};

}  // namespace provsim::test_support
