// `provsim size` refuses bad input with one line and exit 2 before anything
// runs: no search folder appears and nothing of the user's changes.

#include "reports/results_marker.hpp"
#include "tests/hostile/hostile_sandbox.hpp"

namespace provsim::testing {
namespace {

struct SizeInputCase {
  std::string name;
  std::string options;  // replaces the good ones they are named after
  std::string says;
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const SizeInputCase& c, std::ostream* os) { *os << c.name; }

const char* const kKey = "--key channel.isp_csr.agents";
const char* const kRange = "--range 1:6";
const char* const kTarget = "--target 'call_centre.isp_csr.isp1.p_wait <= 0.2'";

std::string with(const std::string& key, const std::string& range, const std::string& target,
                 const std::string& more = "") {
  return key + " " + range + " " + target + " " + more;
}

const SizeInputCase kCases[] = {
    {"UnknownKey", with("--key channel.isp_csr.agent", kRange, kTarget), "--key: channel.isp_csr.agent: unknown key"},
    {"EmptyRange", with(kKey, "--range 6:1", kTarget), "--range: the range is empty (LO is above HI), got '6:1'"},
    {"RangeWithoutColon", with(kKey, "--range 6", kTarget), "--range: expected LO:HI, got '6'"},
    {"RangeOfWords", with(kKey, "--range few:many", kTarget), "--range: LO and HI must be plain numbers"},
    {"RangeTwoColons", with(kKey, "--range 1:2:3", kTarget), "--range: expected LO:HI"},
    {"RangeBelowTheKeysMinimum", with(kKey, "--range=-2:6", kTarget), "--range: channel.isp_csr.agents: "},
    {"RealRangeWithoutTolerance", with(kKey, "--range 1.5:6", kTarget), "--range: a range of real values needs --tolerance"},
    {"RealStepsOfAnIntegerKey", with(kKey, kRange, kTarget, "--tolerance 0.5"), "--range: channel.isp_csr.agents: "},
    {"ZeroTolerance", with(kKey, kRange, kTarget, "--tolerance 0"), "--tolerance: expected a plain number above 0"},
    {"UnknownMetric", with(kKey, kRange, "--target 'call_centre.isp_csr.isp9.p_wait <= 0.2'"),
     "--target: call_centre.isp_csr.isp9.p_wait: unknown metric"},
    {"TargetWithoutOperator", with(kKey, kRange, "--target 'call_centre.isp_csr.isp1.p_wait'"),
     "expected 'METRIC OP VALUE' with OP one of < <= > >="},
    {"EqualityTarget", with(kKey, kRange, "--target 'orders.completed == 9'"), "an interval can show < <= > >=, not =="},
    {"TargetValueNotANumber", with(kKey, kRange, "--target 'orders.completed >= lots'"),
     "the value must be a plain number, got 'lots'"},
    {"OneGoodOneUnknownTarget", with(kKey, kRange, std::string(kTarget) + " --target 'orders.complete >= 1'"),
     "--target: orders.complete: unknown metric"},
    {"ConfidenceAboveOne", with(kKey, kRange, kTarget, "--confidence 1.5"), "--confidence: expected a level"},
    {"ConfidenceNotANumber", with(kKey, kRange, kTarget, "--confidence high"), "the argument ('high') for option '--confidence' is invalid"},
    {"TooFewReplications", with(kKey, kRange, kTarget, "--max-replications 2"), "--max-replications: expected 3 to 10000"},
    {"TheSizedKeySetToo", with(kKey, kRange, kTarget, "--set channel.isp_csr.agents=3"),
     "--set: channel.isp_csr.agents: is the key being sized"},
    {"UnknownSetKey", with(kKey, kRange, kTarget, "--set no.such=1"), "--set: no.such: unknown key"},
    {"ControlCharacterInKey", with("--key \"$(printf 'channel.isp_csr\\001agents')\"", kRange, kTarget), "--key: "},
    {"BadSimGridOption", with(kKey, kRange, kTarget, "--cfg=no/such:option"), "command line: --cfg=no/such:option: "},
    {"NoTarget", with(kKey, kRange, ""), "at least one --target"},
    {"SmallestAndLargest", with(kKey, kRange, kTarget, "--smallest --largest"), "choose one of --smallest and --largest"},
};

class HostileSizeInput : public ::testing::TestWithParam<SizeInputCase> {};

TEST_P(HostileSizeInput, IsRefusedWithOneLineBeforeAnythingRuns) {
  const Sandbox s("size-input");
  const SizeInputCase& c = GetParam();
  const Snapshot whole = snapshot(s.root);
  const ProcessResult r = s.provsim("size " + s.q(s.scenario) + " --out " + s.q(s.root / "size") + " " + c.options);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  // Bad values are one line; a command line that does not parse adds the pointer to --help.
  EXPECT_LE(line_count(r.err), r.err.find("--help") == std::string::npos ? 1u : 2u) << r.err;
  EXPECT_EQ(snapshot(s.root), whole) << "nothing is written";
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileSizeInput, ::testing::ValuesIn(kCases),
                         [](const auto& test) { return test.param.name; });

// The search's folder is held to the output rules of sweeps.
TEST(HostileSizeOut, AUserFolderIsRefused) {
  const Sandbox s("size-out");
  const Snapshot whole = snapshot(s.root);
  const ProcessResult r =
      s.provsim("size " + s.q(s.scenario) + " --out ../docs " + with(kKey, kRange, kTarget));
  expect_refusal(r, (s.home / "docs").string(), "folder provsim did not create");
  EXPECT_EQ(snapshot(s.root), whole);
}

TEST(HostileSizeOut, AnotherSweepsFolderIsRefused) {
  const Sandbox s("size-sweep");
  const fs::path out = s.root / "sw";
  fs::create_directories(out);
  write_file(out / "sweep.json",
             "{\"sweep\":\"other\",\"scenario\":\"" + s.scenario.string() +
                 "\",\"base_seed\":1,\"replications\":1,\"set\":[],\"grid\":[],\"points\":[],\"runs\":[]}\n");
  reports::write_marker(out, reports::FolderKind::sweep);
  const Snapshot whole = snapshot(s.root);
  const ProcessResult r = s.provsim("size " + s.q(s.scenario) + " --out " + s.q(out) + " " + with(kKey, kRange, kTarget));
  expect_refusal(r, out.string(), "holds a sweep, or a search of another scenario or key");
  EXPECT_EQ(snapshot(s.root), whole);
}

}  // namespace
}  // namespace provsim::testing
