#include "reports/csv_writer.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <sstream>
#include <stdexcept>

#include "reports/value_text.hpp"

namespace provsim::reports {
namespace {

std::string csv(const Table& t) {
  std::ostringstream out;
  write_csv(t, out);
  return out.str();
}

TEST(CsvWriter, QuotesOnlyWhatRfc4180Needs) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csv_cell(" padded"), "\" padded\"");
  EXPECT_EQ(csv_cell(""), "");
}

TEST(CsvWriter, HeaderThenRows) {
  Table t{"orders", {"order_id", "channel", "latency_s", "ok", "charge"}, {}, {}, 0};
  t.add({std::int64_t{1}, std::string("isp_web"), 12.5, true, std::string("19.99")});
  t.add({std::int64_t{-2}, std::string("np,csr"), 0.1, false, std::string("-0.50")});
  EXPECT_EQ(csv(t),
            "order_id,channel,latency_s,ok,charge\n"
            "1,isp_web,12.5,true,19.99\n"
            "-2,\"np,csr\",0.1,false,-0.50\n");
}

TEST(CsvWriter, HeaderIsQuotedToo) {
  Table t{"x", {"a,b", "c"}, {}, {}, 0};
  EXPECT_EQ(csv(t), "\"a,b\",c\n");
}

TEST(CsvWriter, NumbersRoundTripAndStayTyped) {
  EXPECT_EQ(value_text(Value{std::int64_t{42}}), "42");
  EXPECT_EQ(value_text(Value{std::numeric_limits<std::int64_t>::min()}), "-9223372036854775808");
  EXPECT_EQ(value_text(Value{2.0}), "2.0");  // stays a float column in pandas and R
  EXPECT_EQ(value_text(Value{0.1}), "0.1");
  EXPECT_EQ(value_text(Value{1.0 / 3.0}), "0.3333333333333333");
  EXPECT_EQ(value_text(Value{-0.0}), "-0.0");
  EXPECT_EQ(value_text(Value{1e21}), "1e+21");
  EXPECT_EQ(value_text(Value{5e-324}), "5e-324");
  EXPECT_EQ(value_text(Value{std::numeric_limits<double>::quiet_NaN()}), "NaN");
  EXPECT_EQ(value_text(Value{std::numeric_limits<double>::infinity()}), "Inf");
  EXPECT_EQ(value_text(Value{-std::numeric_limits<double>::infinity()}), "-Inf");
  EXPECT_EQ(value_text(Value{true}), "true");
  EXPECT_EQ(value_text(Value{false}), "false");
  // Shortest form reads back to the very same double.
  for (double d : {0.1 + 0.2, 123456.789e-7, 6.02214076e23, 1.0 / 7.0})
    EXPECT_EQ(std::stod(value_text(Value{d})), d);
}

TEST(CsvWriter, RaggedRowIsRejected) {
  Table t{"bad", {"a", "b"}, {}, {}, 0};
  t.add({std::int64_t{1}});
  EXPECT_THROW(csv(t), std::invalid_argument);
}

}  // namespace
}  // namespace provsim::reports
