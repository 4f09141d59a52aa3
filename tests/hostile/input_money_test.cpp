// Money and quantities a run would add up past 64 bits: prices times the
// most events the feeds can send, or scripted quantities times prices, are
// refused by validate and run alike (exit 2, one line naming file, line and
// field) before the run starts, instead of stopping it with an overflow.
// Large but safe volumes and prices still pass.

#include "tests/hostile/input_cases.hpp"

namespace provsim::testing {
namespace {

constexpr const char* kUsageBase = "conformance/bsp-usage";

class InputMoney : public ::testing::TestWithParam<HostileCase> {};

TEST_P(InputMoney, RefusedByValidateAndRunWithOneLine) { expect_refused(GetParam()); }

const HostileCase kCases[] = {
    // The largest price, ten purchases a day per line: this one used to stop
    // the run with an uncaught overflow (exit 134).
    {"PurchasePriceTimesVolume",
     both(replace("rating_rules.csv", "game,one_time,4.99", "game,one_time,9000000000000"),
          replace("scenario.ini", "purchases_per_day = 0", "purchases_per_day = 10")),
     "rating_rules.csv:2: price: plan 'alpha-north', offering 'game': up to "},
    {"PurchaseMinimumTimesVolume",
     both(replace("rating_rules.csv", "model,price", "model,price,minimum"),
          both(both(replace("rating_rules.csv", "game,one_time,4.99", "game,one_time,4.99,900000000000"),
                    replace("rating_rules.csv", "film,one_time,3.99", "film,one_time,3.99,")),
               replace("scenario.ini", "purchases_per_day = 0", "purchases_per_day = 10"))),
     "rating_rules.csv:2: price: plan 'alpha-north', offering 'game': up to "},
    // Refunds count as many again: this price fits without them (see below).
    {"PurchasesWithRefundsDoubleTheCount",
     both(replace("rating_rules.csv", "game,one_time,4.99", "game,one_time,150000"),
          replace("scenario.ini", "purchases_per_day = 0\nusage_per_day = 0\nrefund_share = 0",
                  "purchases_per_day = 100000\nusage_per_day = 0\nrefund_share = 0.5")),
     "purchases and refunds in run.duration"},
    {"ScriptedQuantityTimesPrice", replace("events.csv", "1,2h,0,game,1,,", "1,2h,0,game,9000000000000,,"),
     "events.csv:2: quantity: the events of events.csv could charge up to more than 9223372036854.775807"},
    // Free items, but 600 rows of the largest quantity overflow the quantity sums.
    {"ScriptedQuantitiesAddUp",
     both(replace("rating_rules.csv", "game,one_time,4.99", "game,one_time,0"),
          [](const std::filesystem::path& dir) {
            std::string rows;
            for (int i = 0; i < 600; ++i) rows += std::to_string(100 + i) + ",9h,0,game,9000000000000,,\n";
            append("events.csv", rows)(dir);
          }),
     "events.csv:12: quantity: the quantities of events.csv add up to more than"},
    {"UsageRateTimesVolume",
     both(replace("rating_rules.csv", "calls,per_unit,0.10,0.06,", "calls,per_unit,0.10,900000,"),
          replace("scenario.ini", "usage_per_day = 0", "usage_per_day = 1000")),
     "rating_rules.csv:2: rate: plan 'alpha-north', offering 'calls': up to ", "", kUsageBase},
    {"UsageAllowanceOverageTimesVolume",
     both(replace("rating_rules.csv", "half_up,,100,0.01", "half_up,,100,9000000000000"),
          replace("scenario.ini", "usage_per_day = 0", "usage_per_day = 1")),
     "rating_rules.csv:3: overage_price: plan 'alpha-north', offering 'storage': up to ", "", kUsageBase},
    {"UsageQuantityMeanTooLarge",
     replace("scenario.ini", "usage_per_day = 0", "usage_per_day = 1000\nusage_quantity = 1000000000000"),
     "scenario.ini:41: bsp.usage_quantity: up to ", "", kUsageBase},
    {"UsageQuantityFromTheCommandLine", nothing(), "--set: bsp.usage_quantity: up to ",
     "--set bsp.usage_per_day=1000 --set bsp.usage_quantity=1000000000000", kUsageBase},
    {"UsageScriptedQuantityTimesRate",
     both(replace("rating_rules.csv", "calls,per_unit,0.10,0.06,", "calls,per_unit,0.10,900000,"),
          replace("events.csv", "1,1h,750s,0,calls,12.5,", "1,1h,750s,0,calls,9000000000,")),
     "events.csv:2: quantity: the events of events.csv could charge up to", "", kUsageBase},
};

INSTANTIATE_TEST_SUITE_P(Hostile, InputMoney, ::testing::ValuesIn(kCases),
                         [](const auto& c) { return c.param.name; });

// Volumes and prices far above any study's that still fit: validate passes.
struct SafeCase {
  std::string name;
  std::string base;
  std::function<void(const std::filesystem::path&)> mutate;
  friend void PrintTo(const SafeCase& c, std::ostream* os) { *os << c.name; }
};

class InputMoneySafe : public ::testing::TestWithParam<SafeCase> {};

TEST_P(InputMoneySafe, StillValid) {
  const SafeCase& c = GetParam();
  const auto scenario = copy_base("hostile-money-safe", c.base);
  c.mutate(scenario);
  const ProcessResult v = run_limited("validate " + quoted(scenario));
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_EQ(v.err, "");
  std::filesystem::remove_all(scenario.parent_path());
}

const SafeCase kSafe[] = {
    {"DearPurchasesOftenOverAMonth", kHostileBase,
     both(replace("rating_rules.csv", "game,one_time,4.99", "game,one_time,100000"),
          replace("scenario.ini", "purchases_per_day = 0\nusage_per_day = 0\nrefund_share = 0",
                  "purchases_per_day = 100\nusage_per_day = 0\nrefund_share = 0.5"))},
    {"DearPurchasesWithoutRefunds", kHostileBase,
     both(replace("rating_rules.csv", "game,one_time,4.99", "game,one_time,150000"),
          replace("scenario.ini", "purchases_per_day = 0", "purchases_per_day = 100000"))},
    {"LongScriptedEvents", kHostileBase, replace("events.csv", "1,2h,0,game,1,,", "1,2h,0,game,1000000000,,")},
    {"HeavyUsageOverAYear", kUsageBase,
     both(replace("scenario.ini", "duration = 60h", "duration = 365d"),
          replace("scenario.ini", "usage_per_day = 0", "usage_per_day = 1000\nusage_quantity = 10000"))},
    {"ShippedBaseline", "baseline", nothing()},
};

INSTANTIATE_TEST_SUITE_P(Hostile, InputMoneySafe, ::testing::ValuesIn(kSafe),
                         [](const auto& c) { return c.param.name; });

}  // namespace
}  // namespace provsim::testing
