#include "reports/writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace provsim::reports {
namespace {

namespace fs = std::filesystem;

Results sample() {
  Results r;
  r.info = RunInfo{"baseline", "ab12cd", 42, "0.1.0", 172800.0, 2.5, 1000};
  r.metrics["orders.completed"] = std::int64_t{950};
  r.metrics["money.conserved"] = true;
  r.metrics["funnel.web.arrived"] = std::int64_t{100};
  r.metrics["revenue.isp1"] = std::string("12.30");
  auto& m = r.table("metrics", {"time_s", "orders.in_flight"});
  for (int i = 0; i < 5; ++i) m.add({i * 60.0, std::int64_t{i}});
  auto& o = r.table("orders", {"order_id", "channel", "outcome"});
  o.add({std::int64_t{1}, std::string("isp_web"), std::string("done")});
  o.add({std::int64_t{2}, std::string("np_csr"), std::string("failed: \"no port\", retried")});
  r.verdicts.push_back({"orders.completed >= 900", "950", true});
  return r;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("provsim_writer_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(WriterTest, WritesSummaryTablesAndReport) {
  write_all(sample(), dir_ / "a", ReportAssets{});
  EXPECT_TRUE(fs::exists(dir_ / "a" / "summary.json"));
  EXPECT_TRUE(fs::exists(dir_ / "a" / "report.html"));
  EXPECT_EQ(slurp(dir_ / "a" / "metrics.csv"), "time_s,orders.in_flight\n0.0,0\n60.0,1\n120.0,2\n180.0,3\n240.0,4\n");
  EXPECT_EQ(slurp(dir_ / "a" / "orders.csv"),
            "order_id,channel,outcome\n1,isp_web,done\n2,np_csr,\"failed: \"\"no port\"\", retried\"\n");
}

TEST_F(WriterTest, SameResultsSameBytes) {
  ReportAssets assets = load_assets(default_asset_dir());
  write_all(sample(), dir_ / "one", assets);
  write_all(sample(), dir_ / "two", assets);
  for (const char* name : {"summary.json", "metrics.csv", "orders.csv", "report.html"}) {
    std::string a = slurp(dir_ / "one" / name);
    EXPECT_FALSE(a.empty()) << name;
    EXPECT_EQ(a, slurp(dir_ / "two" / name)) << name;
  }
}

TEST_F(WriterTest, OnlyWallTimeDiffersBetweenRuns) {
  Results a = sample();
  Results b = sample();
  b.info.wall_seconds = 99.0;
  write_all(a, dir_ / "a", ReportAssets{});
  write_all(b, dir_ / "b", ReportAssets{});
  std::string ja = slurp(dir_ / "a" / "summary.json");
  std::string jb = slurp(dir_ / "b" / "summary.json");
  ASSERT_NE(ja, jb);
  auto without_wall = [](std::string s) {
    auto start = s.find("\"wall\"");
    auto end = s.find('}', start);
    return s.erase(start, end - start);
  };
  EXPECT_EQ(without_wall(ja), without_wall(jb));
}

TEST_F(WriterTest, MalformedTablesRejectedBeforeAnyFile) {
  Results r = sample();
  r.tables[1].add({std::int64_t{3}});
  EXPECT_THROW(write_all(r, dir_ / "x", ReportAssets{}), std::invalid_argument);
  EXPECT_FALSE(fs::exists(dir_ / "x"));

  Results bad_name = sample();
  bad_name.table("../evil", {"a"});
  EXPECT_THROW(write_all(bad_name, dir_ / "y", ReportAssets{}), std::invalid_argument);

  Results twice = sample();
  twice.table("orders", {"a"});
  EXPECT_THROW(write_all(twice, dir_ / "z", ReportAssets{}), std::invalid_argument);
}

}  // namespace
}  // namespace provsim::reports
