#include "model/qualification/qualification_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace provsim {
namespace {

// One NP, two ISPs, one BSP. isp1 sells in "north" only, isp2 in "south".
// DSL tiers: dsl-1m reaches 5000 m, dsl-8m 3000 m, dsl-20m 1000 m.
class QualificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ProviderId np = catalog.add_provider("np", ProviderKind::kNetworkProvider, "NP");
    isp1 = catalog.add_provider("isp1", ProviderKind::kIsp, "ISP 1");
    isp2 = catalog.add_provider("isp2", ProviderKind::kIsp, "ISP 2");
    const ProviderId bsp = catalog.add_provider("bsp", ProviderKind::kBsp, "BSP");
    dsl1 = catalog.add_offering("dsl-1m", np, OfferingKind::kAccessTier, "month", "");
    dsl8 = catalog.add_offering("dsl-8m", np, OfferingKind::kAccessTier, "month", "");
    dsl20 = catalog.add_offering("dsl-20m", np, OfferingKind::kAccessTier, "month", "");
    cable50 = catalog.add_offering("cable-50m", np, OfferingKind::kAccessTier, "month", "");
    mail = catalog.add_offering("mail", isp1, OfferingKind::kIspService, "month", "");
    game = catalog.add_offering("game", bsp, OfferingKind::kBspUsage, "session", "");
    north = catalog.add_plan("isp1-north", isp1, "north", "");
    for (OfferingId o : {dsl1, dsl8, dsl20, cable50, mail, game})
      catalog.add_plan_item(north, PlanItem{o, Money::units(1)});
    south = catalog.add_plan("isp2-south", isp2, "south", "");
    catalog.add_plan_item(south, PlanItem{dsl1, Money::units(2)});

    tiers.add(AccessTier{dsl1, Technology::kDsl, 5000, 1000});
    tiers.add(AccessTier{dsl8, Technology::kDsl, 3000, 8000});
    tiers.add(AccessTier{dsl20, Technology::kDsl, 1000, 20000});
    tiers.add(AccessTier{cable50, Technology::kCable, 0, 50000});

    const MarketId n = db.market_id("north");
    const MarketId s = db.market_id("south");
    office_a = db.add_office("A", 2);
    const OfficeId office_b = db.add_office("B", 0);
    const CableNodeId node1 = db.add_node("N1", 0, 10);
    const CableNodeId node2 = db.add_node("N2", 5, 5);
    near = dsl(n, 800, office_a);
    mid = dsl(n, 2500, office_a);
    far = dsl(n, 6000, office_a);
    no_port = dsl(n, 500, office_b);
    cable_ok = cable(n, true, true, node1);
    not_passing = cable(n, false, true, node1);
    one_way = cable(n, true, false, node1);
    node_full = cable(n, true, true, node2);
    southern = dsl(s, 500, office_a);
  }

  LineId dsl(MarketId m, std::uint32_t loop, OfficeId office) {
    LineRecord r;
    r.technology = Technology::kDsl;
    r.market = m;
    r.loop_length_m = loop;
    r.office = office;
    return db.add_line(r);
  }
  LineId cable(MarketId m, bool passes, bool two_way, CableNodeId node) {
    LineRecord r;
    r.technology = Technology::kCable;
    r.market = m;
    r.passes_home = passes;
    r.two_way = two_way;
    r.node = node;
    return db.add_line(r);
  }
  static std::vector<OfferingId> offered(const QualificationResult& r) {
    std::vector<OfferingId> out;
    for (const PlanItem& i : r.offer.items) out.push_back(i.offering);
    return out;
  }
  // Qualifies from what the NP's database tells about the line now, as its
  // serviceability worker answers.
  QualificationResult qualify(LineId line, ProviderId isp, SimTime now, bool np_answered = true) {
    return service.qualify(line, isp, now, db.facts(line), np_answered);
  }
  QualificationReason reason(LineId line, ProviderId isp, bool np_answered = true) {
    return qualify(line, isp, 0, np_answered).reason;
  }

  Catalog catalog;
  AccessTierTable tiers;
  ServiceabilityDb db;
  QualificationService service{catalog, tiers, 3600};
  ProviderId isp1, isp2;
  OfferingId dsl1, dsl8, dsl20, cable50, mail, game;
  PlanId north, south;
  OfficeId office_a;
  LineId near, mid, far, no_port, cable_ok, not_passing, one_way, node_full, southern;
};

TEST_F(QualificationTest, ShortLoopGetsEveryDslTierAndKeepsServicesButNoCableTier) {
  const QualificationResult r = qualify(near, isp1, 100);
  EXPECT_EQ(r.status, QualificationStatus::kQualified);
  EXPECT_EQ(r.reason, QualificationReason::kNone);
  EXPECT_EQ(r.offer.plan, north);
  EXPECT_EQ(offered(r), (std::vector<OfferingId>{dsl1, dsl8, dsl20, mail, game}));
  EXPECT_EQ(r.offer.items[0].monthly_fee, Money::units(1));
}

TEST_F(QualificationTest, LongerLoopLosesTheFastestTiers) {
  // 2500 m: within dsl-1m (5000) and dsl-8m (3000), beyond dsl-20m (1000).
  EXPECT_EQ(offered(qualify(mid, isp1, 0)), (std::vector<OfferingId>{dsl1, dsl8, mail, game}));
}

TEST_F(QualificationTest, LoopAtExactlyTheTierLimitQualifies) {
  LineRecord r = *db.line(near);
  r.loop_length_m = 1000;  // dsl-20m's limit
  const LineId edge = db.add_line(r);
  const auto items = offered(qualify(edge, isp1, 0));
  EXPECT_NE(std::find(items.begin(), items.end(), dsl20), items.end());
}

TEST_F(QualificationTest, CableLineGetsOnlyTheCableTier) {
  const QualificationResult r = qualify(cable_ok, isp1, 0);
  EXPECT_EQ(r.status, QualificationStatus::kQualified);
  EXPECT_EQ(offered(r), (std::vector<OfferingId>{cable50, mail, game}));
}

TEST_F(QualificationTest, EveryRefusalHasItsReason) {
  EXPECT_EQ(reason(LineId(999), isp1), QualificationReason::kUnknownLine);
  EXPECT_EQ(reason(far, isp1), QualificationReason::kTooFar);
  EXPECT_EQ(reason(no_port, isp1), QualificationReason::kNoFreePort);
  EXPECT_EQ(reason(not_passing, isp1), QualificationReason::kPlantNotReady);
  EXPECT_EQ(reason(one_way, isp1), QualificationReason::kPlantNotReady);
  EXPECT_EQ(reason(node_full, isp1), QualificationReason::kNodeFull);
  EXPECT_EQ(reason(southern, isp1), QualificationReason::kIspNotInMarket);
  EXPECT_EQ(reason(near, isp2), QualificationReason::kIspNotInMarket);
  EXPECT_EQ(reason(cable_ok, isp1, false), QualificationReason::kNpUnavailable);
}

TEST_F(QualificationTest, StatusIsUnknownOnlyWhenTheNpDidNotAnswer) {
  const QualificationResult down = qualify(near, isp1, 0, false);
  EXPECT_EQ(down.status, QualificationStatus::kUnknown);
  EXPECT_FALSE(down.token.has_value());
  const QualificationResult far_result = qualify(far, isp1, 0);
  EXPECT_EQ(far_result.status, QualificationStatus::kNotQualified);
  EXPECT_TRUE(far_result.offer.items.empty());
  EXPECT_FALSE(far_result.token.has_value());
}

TEST_F(QualificationTest, PlanWithoutATierForTheTechnology) {
  // isp2's plan in the south sells DSL only; a southern cable line has no tier.
  LineRecord r;
  r.technology = Technology::kCable;
  r.market = db.market_id("south");
  r.passes_home = r.two_way = true;
  r.node = CableNodeId(0);
  const LineId southern_cable = db.add_line(r);
  EXPECT_EQ(reason(southern_cable, isp2), QualificationReason::kNoTierForLine);
}

TEST_F(QualificationTest, PortsTakenAtProvisioningAndFreedAtDeprovisioning) {
  ASSERT_TRUE(db.reserve(near));
  ASSERT_TRUE(db.reserve(mid));  // office A had 2 ports
  EXPECT_FALSE(db.reserve(near));
  EXPECT_EQ(reason(near, isp1), QualificationReason::kNoFreePort);
  db.release(mid);
  EXPECT_EQ(db.office(office_a).free_ports, 1u);
  EXPECT_EQ(qualify(near, isp1, 0).status, QualificationStatus::kQualified);
}

TEST_F(QualificationTest, DecidesFromWhatTheNpToldWhenItAnswered) {
  const std::optional<LineFacts> told = db.facts(near);
  ASSERT_TRUE(told.has_value());
  EXPECT_EQ(told->technology, Technology::kDsl);
  EXPECT_EQ(told->market, "north");
  EXPECT_EQ(told->loop_length_m, 800u);
  EXPECT_TRUE(told->has_room);
  ASSERT_TRUE(db.reserve(near));
  ASSERT_TRUE(db.reserve(mid));  // office A is full since the NP answered
  EXPECT_EQ(service.qualify(near, isp1, 0, told).status, QualificationStatus::kQualified);
  EXPECT_EQ(service.qualify(near, isp1, 0, db.facts(near)).reason, QualificationReason::kNoFreePort);
  EXPECT_FALSE(db.facts(LineId(999)).has_value());
}

TEST_F(QualificationTest, CableNodeFillsUpToItsCap) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(db.reserve(cable_ok));
  EXPECT_FALSE(db.reserve(cable_ok));
  EXPECT_EQ(reason(cable_ok, isp1), QualificationReason::kNodeFull);
  db.release(cable_ok);
  EXPECT_EQ(reason(cable_ok, isp1), QualificationReason::kNone);
}

TEST_F(QualificationTest, ReleasingMoreThanTakenIsABug) {
  EXPECT_THROW(db.release(near), std::logic_error);
}

TEST_F(QualificationTest, TokenIsValidUntilItsExpiry) {
  const QualificationResult r = qualify(near, isp1, 100);
  ASSERT_TRUE(r.token.has_value());
  const QualificationToken& token = *r.token;
  EXPECT_DOUBLE_EQ(token.issued_at, 100);
  EXPECT_DOUBLE_EQ(token.expires_at, 3700);
  EXPECT_EQ(service.check_token(token, near, isp1, 3699.9), TokenCheck::kValid);
  EXPECT_EQ(service.check_token(token, near, isp1, 3700), TokenCheck::kExpired);
  EXPECT_EQ(service.check_token(token, mid, isp1, 200), TokenCheck::kWrongLineOrIsp);
  EXPECT_EQ(service.check_token(token, near, isp2, 200), TokenCheck::kWrongLineOrIsp);
}

TEST_F(QualificationTest, EachTokenIsNew) {
  const auto a = qualify(near, isp1, 0).token;
  const auto b = qualify(near, isp1, 0).token;
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->id, b->id);
}

}  // namespace
}  // namespace provsim
