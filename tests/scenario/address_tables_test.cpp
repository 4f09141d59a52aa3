#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/scenario/address_tables.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_source.hpp"

namespace provsim::sim {
namespace {

class AddressBlocksTable : public ::testing::Test {
 protected:
  AddressBlocksTable() {
    dir_ = std::filesystem::temp_directory_path() /
           ("provsim_address_" + std::to_string(::getpid()) + "_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
    np_ = catalog_.add_provider("np", ProviderKind::kNetworkProvider, "Network");
    isp1_ = catalog_.add_provider("isp1", ProviderKind::kIsp, "ISP one");
    isp2_ = catalog_.add_provider("isp2", ProviderKind::kIsp, "ISP two");
    catalog_.add_provider("games", ProviderKind::kBsp, "Games");
  }
  ~AddressBlocksTable() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& text) { std::ofstream(dir_ / "address_blocks.csv") << text; }
  AddressPlan load() { return load_address_blocks(FolderSource(dir_), catalog_); }

  // Loads and expects an InputError at `line`, `field`, whose message holds `words`.
  void expect_error(unsigned line, const std::string& field, const std::string& words) {
    try {
      load();
      ADD_FAILURE() << "no error; expected " << words;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), (dir_ / "address_blocks.csv").string());
      EXPECT_EQ(e.line(), line) << e.what();
      EXPECT_EQ(e.field(), field) << e.what();
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  }

  std::filesystem::path dir_;
  Catalog catalog_;
  ProviderId np_, isp1_, isp2_;
};

TEST_F(AddressBlocksTable, LoadsAValidPlan) {
  write(
      "block,owner,region,spare\n"
      "10.0.0.0/16,isp1,north,\n"
      "# a comment line\n"
      "10.1.0.0/16,isp1,,yes\n"
      "2001:db8:1::/48,isp2,,no\n"
      "100.64.0.0/20,np,,\n");
  const AddressPlan plan = load();
  ASSERT_EQ(plan.blocks.size(), 4u);
  EXPECT_EQ(plan.network_provider, np_);
  EXPECT_EQ(plan.blocks[0].prefix.to_string(), "10.0.0.0/16");
  EXPECT_EQ(plan.blocks[0].owner, isp1_);
  EXPECT_EQ(plan.blocks[0].region, "north");
  EXPECT_FALSE(plan.blocks[0].spare);
  EXPECT_TRUE(plan.blocks[1].spare);
  EXPECT_EQ(plan.blocks[2].prefix.family(), IpFamily::kV6);
  EXPECT_EQ(plan.blocks[3].owner, np_);
  EXPECT_EQ(plan.blocks_of(isp1_).size(), 2u);
}

TEST_F(AddressBlocksTable, RegionAndSpareColumnsAreOptional) {
  write("owner,block\nisp1,10.0.0.0/24\nisp2,10.0.1.0/24\n");
  EXPECT_EQ(load().blocks.size(), 2u);
}

TEST_F(AddressBlocksTable, BadCidrSyntax) {
  write("block,owner\n10.0.0.0/24,isp1\n10.0.1/24,isp2\n");
  expect_error(3, "block", "'10.0.1' is not a valid IP address");
}

TEST_F(AddressBlocksTable, HostBitsMustBeZero) {
  write("block,owner\n10.0.0.1/24,isp1\n10.0.1.0/24,isp2\n");
  expect_error(2, "block", "host bits are not zero");
}

TEST_F(AddressBlocksTable, PrefixLengthOutOfRange) {
  write("block,owner\n10.0.0.0/33,isp1\n");
  expect_error(2, "block", "prefix length must be at most 32");
}

TEST_F(AddressBlocksTable, UnknownOwner) {
  write("block,owner\n10.0.0.0/24,isp1\n10.0.1.0/24,isp2\n10.0.2.0/24,isp9\n");
  expect_error(4, "owner", "unknown provider 'isp9'");
}

TEST_F(AddressBlocksTable, OwnerMustBeAnIspOrTheNetworkProvider) {
  write("block,owner\n10.0.0.0/24,isp1\n10.0.1.0/24,games\n");
  expect_error(3, "owner", "'games' is a bsp");
}

TEST_F(AddressBlocksTable, OverlapNamesBothBlocksAndLines) {
  write(
      "block,owner\n"
      "10.0.0.0/16,isp1\n"
      "10.1.0.0/16,isp2\n"
      "100.64.0.0/20,np\n"
      "10.0.128.0/24,isp2\n");
  expect_error(5, "block", "10.0.128.0/24 overlaps 10.0.0.0/16 on line 2");
}

TEST_F(AddressBlocksTable, Ipv6OverlapToo) {
  write("block,owner\n2001:db8::/32,isp1\n2001:db8:ff00::/40,isp2\n");
  expect_error(3, "block", "2001:db8:ff00::/40 overlaps 2001:db8::/32 on line 2");
}

TEST_F(AddressBlocksTable, EveryIspNeedsABlock) {
  write("block,owner,spare\n10.0.0.0/24,isp1,\n10.0.1.0/24,isp2,yes\n");
  expect_error(0, "owner", "ISP 'isp2' has no address block");
}

TEST_F(AddressBlocksTable, OnlyIspsHoldSpares) {
  write("block,owner,spare\n10.0.0.0/24,isp1,\n10.0.1.0/24,isp2,\n100.64.0.0/24,np,yes\n");
  expect_error(4, "spare", "only an ISP holds spare blocks");
}

TEST_F(AddressBlocksTable, BadSpareValue) {
  write("block,owner,spare\n10.0.0.0/24,isp1,maybe\n");
  expect_error(2, "spare", "expected true or false");
}

TEST_F(AddressBlocksTable, EmptyOwner) {
  write("block,owner\n10.0.0.0/24,\n");
  expect_error(2, "owner", "required, but empty");
}

TEST_F(AddressBlocksTable, UnknownColumn) {
  write("block,owner,pool\n10.0.0.0/24,isp1,a\n");
  expect_error(1, "pool", "unknown column");
}

TEST_F(AddressBlocksTable, MissingFileAndEmptyTable) {
  expect_error(0, "", "file not found");
  write("block,owner\n");
  expect_error(0, "", "table is empty");
}

}  // namespace
}  // namespace provsim::sim
