// Documented input never crashes: an outage of any host named in hosts.csv,
// at any time and for any length, is ridden through. The run finishes (exit
// 0), its conservation checks hold, and prospects whose channel's host was
// down are counted with the reason channel_down (in the funnel metrics and
// in orders.csv).

#include <nlohmann/json.hpp>

#include "tests/hostile/input_cases.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

struct OutageCase {
  std::string name;
  std::string host;      // in the base scenario's hosts.csv
  std::string start;     // outages.csv start and duration
  std::string duration;
  friend void PrintTo(const OutageCase& c, std::ostream* os) { *os << c.name; }
};

struct RunOutput {
  int exit_code;
  std::string err;
  nlohmann::json summary;
  std::string orders;  // orders.csv
};

// The base scenario with prospects arriving (it has none of its own) and one outage.
RunOutput run_with_outage(const std::string& host, const std::string& start, const std::string& duration) {
  const auto scenario = copy_base("hostile-outage");
  write_file(scenario / "outages.csv", "target,kind,start,duration\n" + host + ",host," + start + "," + duration + "\n");
  const auto out = scenario.parent_path() / "results";
  const ProcessResult r = run_limited("run " + quoted(scenario) + " --quiet --out " + quoted(out) +
                                      " --set workload.arrival_rate=400/d");
  RunOutput o{r.exit_code, r.err, nlohmann::json::object(), ""};
  if (fs::exists(out / "summary.json")) o.summary = nlohmann::json::parse(read_file(out / "summary.json"));
  o.orders = read_file(out / "orders.csv");
  fs::remove_all(scenario.parent_path());
  return o;
}

bool metric_true(const nlohmann::json& summary, const std::string& key) {
  const auto& m = summary.at("metrics");
  return m.contains(key) && m.at(key) == true;
}

class InputOutage : public ::testing::TestWithParam<OutageCase> {};

TEST_P(InputOutage, RiddenThroughWithConservation) {
  const OutageCase& c = GetParam();
  const RunOutput o = run_with_outage(c.host, c.start, c.duration);
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_TRUE(o.err.empty()) << o.err;
  for (const char* key : {"orders.conserved", "money.conserved", "rating.conserved", "ip.conserved"})
    EXPECT_TRUE(metric_true(o.summary, key)) << key;
}

// Every host but the platform's (which outages.csv may not take down), at
// the start, in the middle and at the very end of the 60-hour run, for an
// hour, for a second, and past the end of the run.
std::vector<OutageCase> outage_cases() {
  std::vector<OutageCase> cases;
  for (const char* host : {"netco-1", "alpha-1", "games-1", "video-1"}) {
    const std::string h = host;
    std::string id = h.substr(0, h.find('-'));
    cases.push_back({id + "AtStartForAnHour", h, "0s", "1h"});
    cases.push_back({id + "MidRunForAnHour", h, "30h", "1h"});
    cases.push_back({id + "ForOneMillisecond", h, "12h", "1ms"});
    cases.push_back({id + "PastTheEnd", h, "215940s", "1000d"});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Hostile, InputOutage, ::testing::ValuesIn(outage_cases()),
                         [](const auto& test) { return test.param.name; });

// The ISP's host carries its web, client and CSR channels: prospects who
// arrive while it is down, or are talking to it when it goes down, are
// counted as abandoned with the reason channel_down.
TEST(InputOutageReason, ChannelHostDownCountsChannelDown) {
  const RunOutput o = run_with_outage("alpha-1", "1h", "24h");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const auto& m = o.summary.at("metrics");
  ASSERT_TRUE(m.contains("prospects.abandoned.channel_down")) << m.dump();
  EXPECT_GT(m.at("prospects.abandoned.channel_down").get<std::int64_t>(), 0);
  EXPECT_NE(o.orders.find(",channel_down,"), std::string::npos);
  EXPECT_TRUE(metric_true(o.summary, "orders.conserved"));
  EXPECT_TRUE(metric_true(o.summary, "money.conserved"));
}

}  // namespace
}  // namespace provsim::testing
