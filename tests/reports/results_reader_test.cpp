#include "reports/results_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "reports/csv_reader.hpp"
#include "reports/writer.hpp"

namespace provsim::reports {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Results sample() {
  Results r;
  r.info = RunInfo{"baseline", "ab12cd", 18446744073709551615ull, "0.1.0", 172800.5, 2.25, 1000, true};
  r.metrics["orders.completed"] = std::int64_t{950};
  r.metrics["orders.latency_p95_s"] = 12.0;
  r.metrics["ip.blocking"] = 0.1;
  r.metrics["money.conserved"] = true;
  r.metrics["revenue.isp1"] = std::string("12.300000");
  r.metrics["latency.web.p50"] = std::numeric_limits<double>::quiet_NaN();
  auto& m = r.table("metrics", {"time_s", "orders.in_flight", "ip.isp1.leased"});
  for (int i = 0; i < 5; ++i) m.add({i * 60.0, std::int64_t{i}, i * 0.5});
  auto& o = r.table("orders", {"order", "channel", "outcome", "latency_s", "note"});
  o.add({std::int64_t{1}, std::string("isp_web"), std::string("done"), 3.5, std::string("")});
  o.add({std::string(""), std::string("np_csr"), std::string("failed: \"no port\",\nretried"), std::string(""),
         std::string(" padded ")});
  auto& money = r.table("settlement", {"cycle", "party", "total", "late"});
  money.add({std::int64_t{0}, std::string("isp1"), std::string("0.123457"), false});  // shortest-double-looking money
  money.add({std::int64_t{1}, std::string("isp1"), std::string("10.500000"), true});
  r.table("suspense", {"event", "reason"});  // empty table
  r.verdicts.push_back({"orders.completed >= 900", "950", true});
  return r;
}

TEST(CsvReader, QuotesCommasAndLineBreaks) {
  const auto rows = parse_csv("a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\r\n,\n", "t.csv");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x, \"y\"", "two\nlines"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", ""}));
  EXPECT_THROW(parse_csv("a\n\"open", "t.csv"), std::invalid_argument);
}

TEST(ResultsReader, CellsGetTheTypeTheWriterPrinted) {
  const auto v = typed_column({"1", "-7", "2.0", "0.1", "1e+21", "NaN", "-Inf", "true", "x", "", "007"});
  EXPECT_EQ(std::get<std::int64_t>(v[0]), 1);
  EXPECT_EQ(std::get<std::int64_t>(v[1]), -7);
  EXPECT_EQ(std::get<double>(v[2]), 2.0);
  EXPECT_EQ(std::get<double>(v[3]), 0.1);
  EXPECT_EQ(std::get<double>(v[4]), 1e21);
  EXPECT_TRUE(std::isnan(std::get<double>(v[5])));
  EXPECT_EQ(std::get<double>(v[6]), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(std::get<bool>(v[7]), true);
  EXPECT_EQ(std::get<std::string>(v[8]), "x");
  EXPECT_EQ(std::get<std::string>(v[9]), "");
  EXPECT_EQ(std::get<std::string>(v[10]), "007");  // not how an integer is printed
  // "1.500000" is no double's shortest text: a decimal-text (money) column, so "2.0" stays text too.
  const auto money = typed_column({"1.500000", "2.0", "", "3"});
  EXPECT_EQ(std::get<std::string>(money[0]), "1.500000");
  EXPECT_EQ(std::get<std::string>(money[1]), "2.0");
  EXPECT_EQ(std::get<std::int64_t>(money[3]), 3);
}

TEST(ResultsReader, WritingWhatWasReadGivesTheSameBytes) {
  const fs::path dir = fs::temp_directory_path() / ("provsim_reader_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const ReportAssets none;  // no chart libraries: the test is about data, not charts
  write_all(sample(), dir / "a", none);
  const Results back = read_results(dir / "a");
  EXPECT_EQ(back.info.seed, 18446744073709551615ull);
  EXPECT_EQ(back.info.wall_seconds, 2.25);
  EXPECT_TRUE(back.info.huge_pages);
  EXPECT_EQ(std::get<std::string>(back.metrics.at("revenue.isp1")), "12.300000");  // money stays text
  EXPECT_EQ(std::get<double>(back.metrics.at("orders.latency_p95_s")), 12.0);
  EXPECT_EQ(std::get<std::int64_t>(back.metrics.at("orders.completed")), 950);
  ASSERT_EQ(back.tables.size(), 4u);
  EXPECT_EQ(back.tables[2].name, "settlement");  // the order the run added them, from report.html
  EXPECT_EQ(std::get<std::string>(back.tables[2].rows[0][2]), "0.123457");
  write_all(back, dir / "b", none);
  for (const char* file : {"summary.json", "report.html", "metrics.csv", "orders.csv", "settlement.csv", "suspense.csv"})
    EXPECT_EQ(slurp(dir / "b" / file), slurp(dir / "a" / file)) << file;
  fs::remove_all(dir);
}

TEST(ResultsReader, MissingSummaryIsAClearError) {
  const fs::path dir = fs::temp_directory_path() / ("provsim_reader_empty_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  try {
    read_results(dir);
    ADD_FAILURE() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("summary.json: cannot read"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::reports
