// CGRateS's own cost expectations (tests/data/cgrates/vectors.csv) through
// whole runs (each in a child process forked from the test's): a scenario
// is built in memory from the vectors, each vector an offering of its own
// rated by a per_unit rule that names a CGRateS tariff-plan folder, with one
// scripted usage event at the vector's week day and time; rated_events.csv
// must show CGRateS's cost for every one. The plans come from plans.csv
// written out as tariff-plan folders of the scenario, and, where a vector
// names one, also from the CGRateS tariff plan it was taken from (tutorial,
// tp_destination_with_any, testData, the engine tests' plan), as copied
// unchanged into tests/data/cgrates.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

#include "tests/model/cgrates_vectors.hpp"
#include "tests/support/in_process_run.hpp"
#include "tests/support/memory_scenario.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;
using namespace cgrates_vectors;

// plans.csv's rows of `plan` as the CGRateS tariff-plan folder `folder` of
// the scenario. Plans that the CGRateS tests define for working days only
// get a zero-rate filler for the other days (no vector falls on them):
// provsim refuses a plan that leaves a moment unrated.
void add_tariff_plan(InMemoryScenario& scenario, const std::string& folder, const std::string& plan) {
  std::string timings = "#ID,Years,Months,MonthDays,WeekDays,Time\n";
  std::string rates = "#ID,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\n";
  std::string drs = "#ID,DestinationsID,RatesID,RoundingMethod,RoundingDecimals,MaxCost,MaxCostStrategy\n";
  std::string rps = "#ID,DestinationRatesID,TimingID,Weight\n";
  std::set<int> covered;
  int i = 0;
  const auto all = plan_rows();
  auto [lo, hi] = all.equal_range(plan);
  for (auto it = lo; it != hi; ++it, ++i) {
    const PlanRow& r = it->second;
    const std::string n = std::to_string(i);
    timings += "T" + n + ",*any,*any,*any," + r.weekdays + "," + r.start + "\n";
    if (r.start == "00:00:00") {
      if (r.weekdays == "*any") {
        for (int d = 0; d < 7; ++d) covered.insert(d);
      } else {
        for (const auto& d : cells(r.weekdays, ';')) covered.insert(std::stoi(d) % 7);
      }
    }
    bool first = true;
    for (const auto& st : cells(r.stages, ';')) {
      const auto at = st.find('@');
      const auto p = cells(st.substr(0, at), '/');
      rates += "R" + n + "," + (first ? r.connect_fee : "0") + "," + p.at(0) + "," + p.at(1) + "," + p.at(2) + "," +
               st.substr(at + 1) + "\n";
      first = false;
    }
    drs += "DR" + n + ",*any,R" + n + "," + r.method + "," + r.decimals + "," + r.max_cost + "," + r.strategy + "\n";
    rps += plan + ",DR" + n + ",T" + n + "," + r.weight + "\n";
  }
  std::string missing;
  for (int d = 0; d < 7; ++d)
    if (!covered.count(d)) missing += (missing.empty() ? "" : ";") + std::to_string(d == 0 ? 7 : d);
  if (!missing.empty()) {
    timings += "FILL,*any,*any,*any," + missing + ",00:00:00\n";
    rates += "RFILL,0,0,1s,1s,0s\n";
    drs += "DRFILL,*any,RFILL,*up,4,0,\n";
    rps += plan + ",DRFILL,FILL,0\n";
  }
  scenario.set(folder + "/Timings.csv", timings)
      .set(folder + "/Rates.csv", rates)
      .set(folder + "/DestinationRates.csv", drs)
      .set(folder + "/RatingPlans.csv", rps);
}

std::string offering_unit(const std::string& dimension) {
  return dimension == "voice" ? "second" : dimension == "data" ? "byte" : "sms";
}

// The usage in the offering's unit: seconds (CGRateS writes durations) or
// whole bytes and items.
std::string quantity_text(const Vector& v, const std::string& cgr_quantity) {
  const UsageUnit unit = unit_of(v.dimension);
  const std::int64_t base = cgr_quantity_to_base(cgr_quantity, unit, false);
  return Quantity::from_millis(base / unit.base_per_milli()).to_string();
}

// A later part of a session is scripted as one: part 2 at the session's offset.
std::string session_columns(const Vector& v) {
  if (v.first_part) return ",";
  return "2," + quantity_text(v, v.session_offset.empty() ? "0" : v.session_offset);
}

// Runs the vectors of one (global decimals, rounding path) group; returns
// offering -> charge from rated_events.csv.
std::map<std::string, std::string> run_group(const std::vector<const Vector*>& group, int decimals,
                                            const std::string& path, std::map<std::string, std::string>& expected) {
  InMemoryScenario scenario = InMemoryScenario::shipped("conformance/bsp-usage");
  scenario.remove("revenue_shares.csv");
  std::string offerings = scenario.text("offerings.csv");
  std::string plan_offerings = scenario.text("plan_offerings.csv");
  std::string rules = "plan,offering,model,allowance,overage_price,rounding,rate,rate_unit,rate_increment,tariff_plan,"
                      "rating_plan,destination\n"
                      "alpha-north,calls,per_unit,,,*up,0.06,1,1,,,\n"
                      "alpha-north,storage,allowance,100,0.01,half_up,,,,,,\n";
  std::string events = "id,time,duration,subscriber,offering,quantity,session_part,session_offset\n";
  std::set<std::string> written;
  int id = 0;
  auto add = [&](const Vector& v, const std::string& code, const std::string& folder, const std::string& plan,
                 const std::string& destination) {
    offerings += code + ",games,bsp_usage," + offering_unit(v.dimension) + "," + v.id + "\n";
    plan_offerings += "alpha-north," + code + ",0\n";
    rules += "alpha-north," + code + ",per_unit,,,,,,," + folder + "," + plan + "," + destination + "\n";
    const double start = static_cast<double>(sim_start_ms(v.start)) / 1000.0;
    std::ostringstream t;
    t << static_cast<long long>(start) << "s";
    events += std::to_string(++id) + "," + t.str() + ",1s,0," + code + "," + quantity_text(v, v.usage) + "," +
              session_columns(v) + "\n";
    expected[code] = v.expected.to_string();
  };
  for (const Vector* v : group) {
    const std::string folder = "tp-" + v->plan;
    if (written.insert(v->plan).second) add_tariff_plan(scenario, folder, v->plan);
    add(*v, "p-" + v->id, folder, v->plan, "");
    // The vector also through the CGRateS tariff plan it comes from, as it
    // is (its files copied unchanged into the scenario).
    if (!v->fixture.empty()) {
      const auto f = cells(v->fixture, ':');
      const std::string fixture = "cgrates-" + f.at(0);
      if (written.insert(fixture).second) scenario.add_folder(fixture, source_path("tests/data/cgrates/" + f.at(0)));
      add(*v, "f-" + v->id, fixture, f.at(1), f.size() > 2 ? f[2] : "");
    }
  }
  scenario.set("offerings.csv", offerings)
      .set("plan_offerings.csv", plan_offerings)
      .set("rating_rules.csv", rules)
      .set("events.csv", events);
  const fs::path dir = temp_dir("cgr-vectors-" + std::to_string(decimals) + path);
  const fs::path out = dir / "results";
  run_in_child(scenario,
               {"run.duration=8d", "rating.rounding_decimals=" + std::to_string(decimals),
                "rating.rounding_path=" + path},
               out);
  std::map<std::string, std::string> charged;
  std::istringstream in(read_file(out / "rated_events.csv"));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto c = cells(line);
    if (c.size() > 7) charged[c[3]] = c[7];
  }
  fs::remove_all(dir);
  return charged;
}

TEST(CgratesVectorsRun, EveryVectorIsChargedWhatCgratesExpectsInAWholeRun) {
  std::map<std::pair<int, std::string>, std::vector<const Vector*>> groups;
  const auto all = vectors();
  std::size_t runnable = 0;
  for (const Vector& v : all) {
    groups[{v.global_decimals, v.path == RoundingPath::kCost ? "cost" : "debit"}].push_back(&v);
    ++runnable;
  }
  EXPECT_GE(runnable, 40U);
  for (const auto& [key, group] : groups) {
    std::map<std::string, std::string> expected;
    const auto charged = run_group(group, key.first, key.second, expected);
    for (const auto& [offering, cost] : expected) {
      if (cost == "0.000000") continue;  // a zero usage is not a usage event: nothing is rated
      auto it = charged.find(offering);
      ASSERT_NE(it, charged.end()) << offering << " was not rated";
      EXPECT_EQ(it->second, cost) << offering;
    }
  }
}

}  // namespace
}  // namespace provsim::testing
