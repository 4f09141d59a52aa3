// events.csv (scripted BSP events) and the `isp` party placeholder of
// revenue_shares.csv: a good fixture loads as written, bad input names
// file, line and field.
#include <gtest/gtest.h>

#include <fstream>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_source.hpp"
#include "sim/scenario/rating_tables.hpp"
#include "tests/scenario/rating_folder.hpp"

namespace provsim::sim {
namespace {

const std::filesystem::path kGood =
    std::filesystem::path(PROVSIM_SOURCE_DIR) / "scenarios/_fixtures/rating_events/good";

TEST(RatingEventsLoader, LoadsScriptedEventsAndRefunds) {
  const Catalog c = rating_fixture_catalog();
  const RatingTables t = load_rating_tables(FolderSource(kGood), c);
  ASSERT_EQ(t.scripted.size(), 4u);
  const ScriptedEvent& film = t.scripted[0];
  EXPECT_EQ(film.id, 1u);
  EXPECT_EQ(film.offering, *c.find_offering("film"));
  EXPECT_EQ(film.bsp, *c.find_provider("video"));  // the offering's owner
  EXPECT_EQ(film.quantity, Quantity::parse("2"));
  EXPECT_DOUBLE_EQ(film.time, 3600);
  EXPECT_DOUBLE_EQ(film.sent, 3600);  // `sent` defaults to `time`
  const ScriptedEvent& calls = t.scripted[1];
  EXPECT_DOUBLE_EQ(calls.duration, 60);
  // Sorted by `sent`: the film refund (sent at 4h) comes after the calls
  // event of 2h.
  EXPECT_EQ(t.scripted[2].refund_of, 1u);
  EXPECT_DOUBLE_EQ(t.scripted[2].sent, 4 * 3600);
  EXPECT_TRUE(t.scripted[2].quantity.is_negative());
  EXPECT_EQ(t.scripted[3].refund_of, 2u);
}

TEST(RatingEventsLoader, IspPartyIsThePlanIspPlaceholder) {
  const Catalog c = rating_fixture_catalog();
  const RatingTables t = load_rating_tables(FolderSource(kGood), c);
  const ShareRule& film = t.book.shares(*c.find_offering("film"));
  EXPECT_TRUE(film.uses_plan_isp());
  ASSERT_EQ(film.lines().size(), 2u);
  EXPECT_EQ(film.lines()[0].party, kPlanIsp);
  const ShareRule& calls = t.book.shares(*c.find_offering("calls"));
  EXPECT_EQ(calls.residual(), kPlanIsp);  // `isp` may be the residual too
  EXPECT_TRUE(calls.uses_plan_isp());
  // Resolved per event: 20 % of 10 to the ISP passed in, 0.05 to np.
  std::array<PartyAmount, ShareRule::kMaxParties> out{};
  const auto isp1 = *c.find_provider("isp1");
  ASSERT_EQ(film.split(Money::parse("10"), Quantity::parse("1"), out, isp1), 3u);
  EXPECT_EQ(out[0].party, isp1);
  EXPECT_EQ(out[0].amount, Money::parse("2"));
  EXPECT_EQ(out[2].party, *c.find_provider("video"));
  EXPECT_EQ(out[2].amount, Money::parse("7.95"));
}

// A scratch copy of the good fixture, then edited.
class EventsBadInput : public RatingFolder {
 protected:
  EventsBadInput()
      : RatingFolder(kGood, {"rating_rules.csv", "revenue_shares.csv", "Rates.csv", "events.csv"}, rating_fixture_catalog) {}
};

TEST_F(EventsBadInput, UnknownColumn) {
  replace_line("events.csv", 1, "id,time,subscriber,offering,quantity,sent,duration,refund");
  expect(load_error(), "events.csv", 1, "refund", "unknown column");
}

TEST_F(EventsBadInput, MissingColumn) {
  write("events.csv", "id,time,subscriber,offering\n1,1h,0,film\n");
  expect(load_error(), "events.csv", 1, "quantity", "missing column");
}

TEST_F(EventsBadInput, BadQuantity) {
  replace_line("events.csv", 2, "1,1h,0,film,two,,,");
  expect(load_error(), "events.csv", 2, "quantity", "not a quantity");
}

TEST_F(EventsBadInput, QuantityWithTooManyDecimals) {
  replace_line("events.csv", 3, "2,2h,1,calls,1.2345,,60,");
  expect(load_error(), "events.csv", 3, "quantity", "more than 3 decimals");
}

TEST_F(EventsBadInput, BadTime) {
  replace_line("events.csv", 2, "1,soon,0,film,2,,,");
  expect(load_error(), "events.csv", 2, "time", "");
}

TEST_F(EventsBadInput, NegativeSubscriber) {
  replace_line("events.csv", 2, "1,1h,-1,film,2,,,");
  expect(load_error(), "events.csv", 2, "subscriber", "must be at least 0");
}

TEST_F(EventsBadInput, UnknownOffering) {
  replace_line("events.csv", 2, "1,1h,0,flim,2,,,");
  expect(load_error(), "events.csv", 2, "offering", "unknown offering 'flim'");
}

TEST_F(EventsBadInput, NotABspOffering) {
  replace_line("events.csv", 2, "1,1h,0,dsl,2,,,");
  expect(load_error(), "events.csv", 2, "offering", "is not a BSP offering");
}

TEST_F(EventsBadInput, NegativeQuantityThatIsNotARefund) {
  replace_line("events.csv", 2, "1,1h,0,film,-2,,,");
  expect(load_error(), "events.csv", 2, "quantity", "a refund has a negative quantity and a refund_of");
}

TEST_F(EventsBadInput, RefundOfWithAPositiveQuantity) {
  replace_line("events.csv", 4, "3,3h,0,film,1,4h,,1");
  expect(load_error(), "events.csv", 4, "quantity", "a refund has a negative quantity and a refund_of");
}

TEST_F(EventsBadInput, RefundOfAnUnknownEvent) {
  replace_line("events.csv", 4, "3,3h,0,film,-1,4h,,9");
  expect(load_error(), "events.csv", 4, "refund_of", "no earlier-sent event 9");
}

TEST_F(EventsBadInput, RefundOfAnotherOffering) {
  replace_line("events.csv", 5, "4,5h,1,calls,-30,,,1");
  expect(load_error(), "events.csv", 5, "refund_of", "of the same offering");
}

TEST_F(EventsBadInput, RefundSentBeforeItsOriginal) {
  replace_line("events.csv", 4, "3,3h,0,film,-1,30m,,1");
  expect(load_error(), "events.csv", 4, "refund_of", "no earlier-sent event 1");
}

TEST_F(EventsBadInput, DuplicateId) {
  replace_line("events.csv", 3, "1,2h,1,calls,90,,60,");
  expect(load_error(), "events.csv", 3, "id", "a second event with id 1");
}

// A usage reported in parts: the columns session_part and session_offset.
constexpr const char* kPartsHeader = "id,time,subscriber,offering,quantity,sent,duration,refund_of,session_part,session_offset";

TEST_F(EventsBadInput, ALaterPartOfASessionLoads) {
  write("events.csv", std::string(kPartsHeader) + "\n1,2h,1,calls,90,,60,,,\n2,3h,1,calls,30,,60,,2,90\n3,4h,1,calls,30,,60,,2,\n");
  const Catalog c = rating_fixture_catalog();
  const RatingTables t = load_rating_tables(FolderSource(dir_), c);
  ASSERT_EQ(t.scripted.size(), 3u);
  EXPECT_EQ(t.scripted[0].session_part, 1u);
  EXPECT_TRUE(t.scripted[0].session_offset.is_zero());
  EXPECT_EQ(t.scripted[1].session_part, 2u);
  EXPECT_EQ(t.scripted[1].session_offset, Quantity::parse("90"));
  EXPECT_EQ(t.scripted[2].session_part, 2u);  // a later part at offset 0
  EXPECT_TRUE(t.scripted[2].session_offset.is_zero());
}

TEST_F(EventsBadInput, APurchaseIsNotReportedInParts) {
  write("events.csv", std::string(kPartsHeader) + "\n1,1h,0,film,2,,,,2,\n");
  expect(load_error(), "events.csv", 2, "session_part", "only a usage (a bsp_usage offering)");
}

TEST_F(EventsBadInput, TheFirstPartStartsAtOffsetZero) {
  write("events.csv", std::string(kPartsHeader) + "\n1,2h,1,calls,90,,60,,,30\n");
  expect(load_error(), "events.csv", 2, "session_offset", "the first part of a session starts at offset 0");
}

TEST_F(EventsBadInput, ANegativeSessionOffset) {
  write("events.csv", std::string(kPartsHeader) + "\n1,2h,1,calls,90,,60,,2,-30\n");
  expect(load_error(), "events.csv", 2, "session_offset", "cannot be negative");
}

TEST_F(EventsBadInput, SessionPartZero) {
  write("events.csv", std::string(kPartsHeader) + "\n1,2h,1,calls,90,,60,,0,\n");
  expect(load_error(), "events.csv", 2, "session_part", "must be at least 1");
}

TEST_F(EventsBadInput, ARefundIsNotAPart) {
  write("events.csv", std::string(kPartsHeader) + "\n1,2h,1,calls,90,,60,,,\n2,3h,1,calls,-30,,,1,2,\n");
  expect(load_error(), "events.csv", 3, "session_part", "a refund is not a part of a session");
}

TEST_F(EventsBadInput, IspPartyTwice) {
  write("revenue_shares.csv",
        "offering,party,kind,value,residual\nfilm,isp,percent,20,false\nfilm,isp,percent,10,false\nfilm,video,,,true\n");
  expect(load_error(), "revenue_shares.csv", 3, "party", "a second share for the same party");
}

TEST_F(EventsBadInput, IspPartyAndIspResidual) {
  write("revenue_shares.csv", "offering,party,kind,value,residual\nfilm,isp,percent,20,false\nfilm,isp,,,true\n");
  expect(load_error(), "revenue_shares.csv", 3, "party", "a second share for the same party");
}

}  // namespace
}  // namespace provsim::sim
