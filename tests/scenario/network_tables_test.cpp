// Loading lines.csv, offices.csv, cable_nodes.csv and access_tiers.csv: a
// good folder gives the serviceability database and tier table, and bad
// input names file, line and field.
#include "sim/scenario/network_tables.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "sim/scenario/catalog_tables.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_source.hpp"

namespace provsim::sim {
namespace {

namespace fs = std::filesystem;
const fs::path kGood = fs::path(PROVSIM_SOURCE_DIR) / "scenarios/_fixtures/network/good";

Catalog make_catalog() {
  Catalog c;
  const auto np = c.add_provider("np", ProviderKind::kNetworkProvider, "NP");
  const auto isp = c.add_provider("isp1", ProviderKind::kIsp, "ISP");
  const auto dsl1 = c.add_offering("dsl-1m", np, OfferingKind::kAccessTier, "month", "");
  const auto dsl8 = c.add_offering("dsl-8m", np, OfferingKind::kAccessTier, "month", "");
  const auto cable = c.add_offering("cable-50m", np, OfferingKind::kAccessTier, "month", "");
  c.add_offering("mail", isp, OfferingKind::kIspService, "month", "");
  const auto north = c.add_plan("north", isp, "north", "");
  const auto south = c.add_plan("south", isp, "south", "");
  for (auto o : {dsl1, dsl8, cable}) c.add_plan_item(north, {o, Money::units(10)});
  c.add_plan_item(south, {dsl1, Money::units(10)});
  return c;
}

// A copy of the good folder with one file replaced.
class NetworkTablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::path(::testing::TempDir()) /
          ("network_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& f : fs::directory_iterator(kGood)) fs::copy_file(f.path(), dir / f.path().filename());
  }
  void TearDown() override { fs::remove_all(dir); }
  void write(const char* file, const char* text) { std::ofstream(dir / file) << text; }

  // The error's file name, line and field, and that its text mentions `what`.
  void expect_error(const char* file, unsigned line, const char* field, const char* what) {
    try {
      load_network_tables(FolderSource(dir), catalog);
      ADD_FAILURE() << "no error for " << file;
    } catch (const InputError& e) {
      EXPECT_EQ(fs::path(e.file()).filename(), file) << e.what();
      EXPECT_EQ(e.line(), line) << e.what();
      EXPECT_EQ(e.field(), field) << e.what();
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
  }

  Catalog catalog = make_catalog();
  fs::path dir;
};

TEST_F(NetworkTablesTest, GoodFolderLoads) {
  const NetworkData n = load_network_tables(FolderSource(dir), catalog);
  ASSERT_EQ(n.serviceability.line_count(), 4u);
  EXPECT_EQ(n.line_code(LineId(2)), "12 Elm Street");
  EXPECT_EQ(n.find_line("555-0002"), LineId(1));
  EXPECT_FALSE(n.find_line("555-9999").has_value());

  const LineRecord* dsl = n.serviceability.line(LineId(0));
  EXPECT_EQ(dsl->technology, Technology::kDsl);
  EXPECT_EQ(dsl->loop_length_m, 800u);
  EXPECT_EQ(n.serviceability.office(dsl->office).code, "north-a");
  EXPECT_EQ(n.serviceability.office(dsl->office).free_ports, 2u);
  EXPECT_EQ(n.serviceability.market(dsl->market), "north");

  const LineRecord* cable = n.serviceability.line(LineId(3));
  EXPECT_EQ(cable->technology, Technology::kCable);
  EXPECT_FALSE(cable->passes_home);
  EXPECT_TRUE(cable->two_way);
  EXPECT_EQ(n.serviceability.node(cable->node).load, 8u);
  EXPECT_TRUE(n.serviceability.node(cable->node).full());

  const AccessTier* t = n.tiers.find(*catalog.find_offering("dsl-8m"));
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->max_loop_m, 3000u);
  EXPECT_EQ(t->speed_kbps, 8000u);
  EXPECT_EQ(n.tiers.find(*catalog.find_offering("cable-50m"))->technology, Technology::kCable);
}

TEST_F(NetworkTablesTest, CableNodesMayBeLeftOutWithoutCableLines) {
  fs::remove(dir / "cable_nodes.csv");
  write("lines.csv", "line,technology,market,loop_length_m,office\nL1,dsl,north,100,north-a\n");
  EXPECT_EQ(load_network_tables(FolderSource(dir), catalog).serviceability.line_count(), 1u);
}

TEST_F(NetworkTablesTest, UnknownOffice) {
  write("lines.csv", "line,technology,market,loop_length_m,office\nL1,dsl,north,100,north-a\nL2,dsl,north,100,nowhere\n");
  expect_error("lines.csv", 3, "office", "unknown office 'nowhere'");
}

TEST_F(NetworkTablesTest, UnknownNode) {
  write("lines.csv", "line,technology,market,passes_home,two_way,node\nL1,cable,north,yes,yes,n9\n");
  expect_error("lines.csv", 2, "node", "unknown node 'n9'");
}

TEST_F(NetworkTablesTest, DslLineWithoutLoopLength) {
  write("lines.csv", "line,technology,market,loop_length_m,office\nL1,dsl,north,,north-a\n");
  expect_error("lines.csv", 2, "loop_length_m", "required when technology is dsl");
}

TEST_F(NetworkTablesTest, CableLineWithADslField) {
  write("lines.csv", "line,technology,market,loop_length_m,office,passes_home,two_way,node\n"
                     "L1,cable,north,300,,yes,yes,n1\n");
  expect_error("lines.csv", 2, "loop_length_m", "not used when technology is cable");
}

TEST_F(NetworkTablesTest, UnknownTechnology) {
  write("lines.csv", "line,technology,market,loop_length_m,office\nL1,fibre,north,100,north-a\n");
  expect_error("lines.csv", 2, "technology", "'fibre' is not one of: dsl, cable");
}

TEST_F(NetworkTablesTest, MarketWithoutAPlan) {
  write("lines.csv", "line,technology,market,loop_length_m,office\nL1,dsl,east,100,north-a\n");
  expect_error("lines.csv", 2, "market", "no plan in the catalog sells in market 'east'");
}

TEST_F(NetworkTablesTest, DuplicateLine) {
  write("lines.csv", "line,technology,market,loop_length_m,office\nL1,dsl,north,100,north-a\nL1,dsl,north,200,north-a\n");
  expect_error("lines.csv", 3, "line", "duplicate line 'L1'");
}

TEST_F(NetworkTablesTest, NegativeLoopLength) {
  write("lines.csv", "line,technology,market,loop_length_m,office\nL1,dsl,north,-5,north-a\n");
  expect_error("lines.csv", 2, "loop_length_m", "must be at least 0");
}

TEST_F(NetworkTablesTest, TierThatIsNotAnAccessTier) {
  write("access_tiers.csv", "offering,technology,max_loop_m,speed_kbps\nmail,dsl,3000,1000\n");
  expect_error("access_tiers.csv", 2, "offering", "'mail' is not an access_tier offering");
}

TEST_F(NetworkTablesTest, TierNotInTheCatalog) {
  write("access_tiers.csv", "offering,technology,max_loop_m,speed_kbps\ndsl-99m,dsl,300,99000\n");
  expect_error("access_tiers.csv", 2, "offering", "unknown offering 'dsl-99m'");
}

TEST_F(NetworkTablesTest, DslTierWithoutMaxLoop) {
  write("access_tiers.csv", "offering,technology,max_loop_m,speed_kbps\ndsl-1m,dsl,,1000\n");
  expect_error("access_tiers.csv", 2, "max_loop_m", "required when technology is dsl");
}

TEST_F(NetworkTablesTest, TierWithZeroSpeed) {
  write("access_tiers.csv", "offering,technology,max_loop_m,speed_kbps\ndsl-1m,dsl,5000,0\n");
  expect_error("access_tiers.csv", 2, "speed_kbps", "must be at least 1");
}

TEST_F(NetworkTablesTest, NodeLoadAboveItsCap) {
  write("cable_nodes.csv", "node,load,load_cap\nn1,11,10\n");
  expect_error("cable_nodes.csv", 2, "load", "must be at most 10");
}

TEST_F(NetworkTablesTest, DuplicateOffice) {
  write("offices.csv", "office,ports\nnorth-a,2\nnorth-a,3\n");
  expect_error("offices.csv", 3, "office", "duplicate office 'north-a'");
}

TEST_F(NetworkTablesTest, MissingLinesFile) {
  fs::remove(dir / "lines.csv");
  expect_error("lines.csv", 0, "", "file not found");
}

TEST_F(NetworkTablesTest, LinePlantAddsNumberedLinesAfterTheListedOnes) {
  write("line_plant.csv",
        "prefix,count,technology,market,office,loop_min_m,loop_max_m,node\n"
        "N-,1000,dsl,north,north-a,500,5500,\n"
        "C-,12,cable,north,,,,n1\n");
  const NetworkData n = load_network_tables(FolderSource(dir), catalog);
  ASSERT_EQ(n.serviceability.line_count(), 4u + 1000u + 12u);
  EXPECT_EQ(n.line_code(LineId(3)), "14 Elm Street");
  EXPECT_EQ(n.line_code(LineId(4)), "N-000");
  EXPECT_EQ(n.line_code(LineId(1003)), "N-999");
  EXPECT_EQ(n.line_code(LineId(1004)), "C-00");
  EXPECT_EQ(n.find_line("N-042"), LineId(46));
  EXPECT_EQ(n.find_line("C-11"), LineId(1015));
  EXPECT_FALSE(n.find_line("C-12").has_value());
  EXPECT_FALSE(n.find_line("N-42").has_value());
  // Loop lengths cover the range evenly: each fifth of it holds about a
  // fifth of the lines.
  std::vector<int> fifths(5, 0);
  for (std::uint32_t i = 4; i < 1004; ++i) {
    const std::uint32_t loop = n.serviceability.line(LineId(i))->loop_length_m;
    ASSERT_GE(loop, 500u);
    ASSERT_LE(loop, 5500u);
    ++fifths[std::min<std::uint32_t>((loop - 500) / 1000, 4)];
  }
  for (int f : fifths) EXPECT_NEAR(f, 200, 5);
  const LineRecord& cable = *n.serviceability.line(LineId(1010));
  EXPECT_EQ(cable.technology, Technology::kCable);
  EXPECT_TRUE(cable.passes_home && cable.two_way);
}

TEST_F(NetworkTablesTest, LinePlantAloneNeedsNoLinesFile) {
  fs::remove(dir / "lines.csv");
  write("line_plant.csv", "prefix,count,technology,market,office,loop_min_m,loop_max_m\nN-,5,dsl,north,north-a,100,200\n");
  EXPECT_EQ(load_network_tables(FolderSource(dir), catalog).serviceability.line_count(), 5u);
}

TEST_F(NetworkTablesTest, LinePlantWithAnInvertedLoopRange) {
  write("line_plant.csv", "prefix,count,technology,market,office,loop_min_m,loop_max_m\nN-,5,dsl,north,north-a,300,200\n");
  expect_error("line_plant.csv", 2, "loop_max_m", "at least 300");
}

TEST_F(NetworkTablesTest, LinePlantWithADuplicatePrefix) {
  write("line_plant.csv",
        "prefix,count,technology,market,office,loop_min_m,loop_max_m\nN-,5,dsl,north,north-a,1,2\n"
        "N-,5,dsl,north,north-a,1,2\n");
  expect_error("line_plant.csv", 3, "prefix", "duplicate prefix 'N-'");
}

TEST_F(NetworkTablesTest, LinePlantCableRangeWithALoop) {
  write("line_plant.csv", "prefix,count,technology,market,office,loop_min_m,loop_max_m,node\nC-,5,cable,north,,1,,n1\n");
  expect_error("line_plant.csv", 2, "loop_min_m", "not used when technology is cable");
}

TEST_F(NetworkTablesTest, BaselineScenarioLoads) {
  const fs::path baseline = fs::path(PROVSIM_SOURCE_DIR) / "scenarios/baseline";
  if (!fs::exists(baseline / "lines.csv")) GTEST_SKIP() << "baseline has no lines.csv yet";
  const Catalog c = load_catalog(FolderSource(baseline));
  const NetworkData n = load_network_tables(FolderSource(baseline), c);
  EXPECT_GT(n.serviceability.line_count(), 0u);
  EXPECT_FALSE(n.tiers.tiers().empty());
}

}  // namespace
}  // namespace provsim::sim
