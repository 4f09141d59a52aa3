// Bad input: every case gives exactly one clear line naming the file, the
// line (where it can be known) and the field, and exit code 2; nothing runs.

#include <gtest/gtest.h>

#include <functional>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

struct BadInput {
  std::string name;
  std::function<void(const std::filesystem::path&)> mutate;
  std::string expected;  // a piece of the error line, e.g. "offerings.csv:4: owner: unknown provider"
  friend void PrintTo(const BadInput& c, std::ostream* os) { *os << c.name; }
};

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, ValidateNamesFileLineFieldAndExitsTwo) {
  const BadInput& c = GetParam();
  const auto dir = copy_scenario("baseline", "bad");
  c.mutate(dir);
  const ProcessResult r = run_provsim("validate '" + dir.string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(c.expected), std::string::npos) << "stderr was: " << r.err;
  // One line, not a cascade.
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  std::filesystem::remove_all(dir.parent_path());
}

TEST_P(BadInputTest, RunRefusesTooAndWritesNothing) {
  const BadInput& c = GetParam();
  const auto dir = copy_scenario("baseline", "badrun");
  c.mutate(dir);
  const auto out = dir.parent_path() / "results";
  const ProcessResult r = run_provsim("run '" + dir.string() + "' --quiet --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  std::filesystem::remove_all(dir.parent_path());
}

auto in(const std::string& file, const std::string& from, const std::string& to) {
  return [=](const std::filesystem::path& dir) { replace_in(dir / file, from, to); };
}

const BadInput kCases[] = {
    {"UnknownKey", in("scenario.ini", "[rating]\n", "[rating]\ncylce = 2d\n"),
     "scenario.ini:69: rating.cylce: unknown key"},
    {"BadNumber", in("scenario.ini", "workers = 16", "workers = sixteen"),
     "provisioning.workers: expected a number, got 'sixteen'"},
    {"NegativeRate", in("scenario.ini", "arrival_rate = 400/d", "arrival_rate = -400/d"),
     "workload.arrival_rate: must not be negative"},
    {"ZeroWorkers", in("scenario.ini", "workers = 16", "workers = 0"),
     "provisioning.workers: must be between 1 and"},
    {"BadDuration", in("scenario.ini", "duration = 3d", "duration = 3 days"),
     "scenario.ini:11: run.duration: expected a duration like 90s"},
    {"ProbabilityOutOfRange", in("scenario.ini", "conversion = 0.85", "conversion = 1.5"),
     "workload.conversion: must be a probability between 0 and 1"},
    {"BadChoice", in("scenario.ini", "policy = borrow", "policy = pray"),
     "ip.policy: 'pray' is not one of: reject, borrow, preempt, queue, grow"},
    {"UnknownProviderInOfferings", in("offerings.csv", "game,games,", "game,gamez,"),
     "offerings.csv:7: owner: unknown provider 'gamez'"},
    {"MissingColumn", in("plans.csv", "id,isp,market,name", "id,isp,name"),
     "plans.csv:1: market: missing column"},
    {"UnknownColumn", in("providers.csv", "id,kind,name", "id,kind,name,colour"),
     "providers.csv:1: colour: unknown column"},
    {"DuplicateId", in("providers.csv", "isp2,isp,Beta Broadband", "isp1,isp,Beta Broadband"),
     "providers.csv:4: id: duplicate provider id 'isp1'"},
    {"NegativeFee", in("plan_offerings.csv", "alpha-north,dsl-4m,29.90", "alpha-north,dsl-4m,-29.90"),
     "plan_offerings.csv:3: monthly_fee: must not be negative"},
    {"OverlappingBlocks", in("address_blocks.csv", "100.64.8.0/27,isp2,", "100.64.0.32/27,isp2,"),
     "address_blocks.csv:3: block"},
    {"EmptyRequiredTable",
     [](const std::filesystem::path& dir) { write_file(dir / "plans.csv", "id,isp,market,name\n"); },
     "plans.csv: table is empty"},
    {"UnknownOfficeInLines", in("lines.csv", "L00001,dsl,north,5393,north-b", "L00001,dsl,north,5393,north-z"),
     "lines.csv:2: office"},
    {"BadLoopLength", in("lines.csv", "L00001,dsl,north,5393,", "L00001,dsl,north,-5,"),
     "lines.csv:2: loop_length_m"},
    {"TooFewCells", in("hosts.csv", "beta-1,isp,isp2,2Gf,1Gbps,8ms", "beta-1,isp,isp2,2Gf"),
     "hosts.csv:5: too few cells"},
    {"BadSpeed", in("hosts.csv", "beta-1,isp,isp2,2Gf", "beta-1,isp,isp2,fast"),
     "hosts.csv:5: speed: expected a speed like 500Mf"},
    {"MissingFile", [](const std::filesystem::path& dir) { std::filesystem::remove(dir / "offerings.csv"); },
     "offerings.csv: file not found"},
    {"ChannelSharesDoNotAddUp", in("scenario.ini", "share = 0.45", "share = 0.5"),
     "channel.web.share: channel shares (web, client, isp_csr, np_csr) must add up to 1"},
};

INSTANTIATE_TEST_SUITE_P(Cases, BadInputTest, ::testing::ValuesIn(kCases),
                         [](const auto& test) { return test.param.name; });

TEST(BadOverride, UnknownSetKeyIsRejected) {
  const ProcessResult r =
      run_provsim("validate '" + source_path("scenarios/baseline").string() + "' --set ip.polcy=borrow");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--set: ip.polcy: unknown key"), std::string::npos) << r.err;
}

TEST(BadOverride, BadSetValueIsRejected) {
  const ProcessResult r =
      run_provsim("validate '" + source_path("scenarios/baseline").string() + "' --set run.duration=forever");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--set: run.duration: expected a duration"), std::string::npos) << r.err;
}

TEST(BadUsage, UnknownOptionExitsTwo) {
  const ProcessResult r = run_provsim("run --frobnicate");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown option"), std::string::npos) << r.err;
}

TEST(BadUsage, NotAScenarioFolder) {
  const ProcessResult r = run_provsim("validate /nonexistent/scenario");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/scenario: not a scenario folder"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace provsim::testing
