// Invoice lines spooled to disk at each cycle close come back, in order and
// exactly, when invoices.csv is written, and leave no file behind.

#include "sim/invoice_spool.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

namespace provsim::sim {
namespace {

namespace fs = std::filesystem;

Invoice invoice(std::uint32_t subscriber, std::vector<InvoiceLine> lines) {
  return Invoice{SubscriberId(subscriber), std::move(lines), Money{}};
}

TEST(InvoiceSpool, GivesBackEveryLineInOrderExactlyAndLeavesNoFile) {
  const fs::path dir = fs::temp_directory_path() / ("provsim-spool-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    InvoiceSpool spool(dir);
    const InvoiceLine fee{OfferingId(3), ChargeKind::kRecurring, false, 0, Quantity::from_millis(516), Money::parse("12.345678"), PlanId(0)};
    const InvoiceLine usage{OfferingId(7), ChargeKind::kUsage, true, 41, Quantity::from_millis(123456789), Money::parse("-0.000001"), PlanId()};
    spool.append(0, invoice(1'000'000, {fee, usage}));
    spool.append(0, invoice(2, {}));  // no lines: nothing spooled
    spool.append(1, invoice(5, {usage}));
    EXPECT_EQ(spool.lines(), 3u);
    // Nothing named in the folder: the lines vanish with the process.
    EXPECT_TRUE(fs::is_empty(dir));

    std::vector<SpooledLine> back;
    spool.read([&](const SpooledLine& l) { back.push_back(l); });
    ASSERT_EQ(back.size(), 3u);
    EXPECT_EQ(back[0].cycle, 0u);
    EXPECT_EQ(back[0].subscriber, SubscriberId(1'000'000));
    EXPECT_EQ(back[0].line.offering, OfferingId(3));
    EXPECT_EQ(back[0].line.kind, ChargeKind::kRecurring);
    EXPECT_EQ(back[0].line.plan, PlanId(0));
    EXPECT_EQ(back[0].line.quantity, Quantity::from_millis(516));
    EXPECT_EQ(back[0].line.amount, Money::parse("12.345678"));
    EXPECT_EQ(back[1].line.kind, ChargeKind::kUsage);
    EXPECT_TRUE(back[1].line.late);
    EXPECT_EQ(back[1].line.events, 41);
    EXPECT_FALSE(back[1].line.plan.valid());
    EXPECT_EQ(back[1].line.amount, Money::parse("-0.000001"));
    EXPECT_EQ(back[2].cycle, 1u);
    EXPECT_EQ(back[2].subscriber, SubscriberId(5));

    // A second read (a second writer of the table) sees the same lines.
    std::size_t again = 0;
    spool.read([&](const SpooledLine&) { ++again; });
    EXPECT_EQ(again, 3u);
  }
  EXPECT_TRUE(fs::is_empty(dir));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::sim
