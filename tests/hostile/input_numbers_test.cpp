// Hostile numbers: infinite, absurd, wrapping or inexact values in tables
// and keys are refused before anything runs, naming file, line and field.

#include "tests/hostile/input_cases.hpp"

namespace provsim::testing {
namespace {

class InputNumbers : public ::testing::TestWithParam<HostileCase> {};

TEST_P(InputNumbers, RefusedByValidateAndRunWithOneLine) { expect_refused(GetParam()); }

const HostileCase kCases[] = {
    // hosts.csv: speeds, bandwidths and latencies SimGrid cannot compute with
    {"SpeedInDigitsTimesGiga", replace("hosts.csv", "4Gf,1Gbps,1ms", "100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000Gf,1Gbps,1ms"), "hosts.csv:2: speed: "},
    {"SpeedInf", replace("hosts.csv", "2Gf,1Gbps,5ms", "infGf,1Gbps,5ms"), "hosts.csv:3: speed: "},
    {"SpeedNan", replace("hosts.csv", "2Gf,1Gbps,5ms", "nanf,1Gbps,5ms"), "hosts.csv:3: speed: "},
    {"SpeedBelowOneFlop", replace("hosts.csv", "2Gf,1Gbps,5ms", "0.0000001f,1Gbps,5ms"), "hosts.csv:3: speed: must be between"},
    {"SpeedAboveLimit", replace("hosts.csv", "2Gf,1Gbps,5ms", "2000000000Tf,1Gbps,5ms"), "hosts.csv:3: speed: must be between"},
    {"BandwidthInDigits", replace("hosts.csv", "2Gf,1Gbps,8ms", "2Gf,100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000TBps,8ms"), "hosts.csv:4: bandwidth: "},
    {"BandwidthInf", replace("hosts.csv", "2Gf,1Gbps,8ms", "2Gf,infbps,8ms"), "hosts.csv:4: bandwidth: "},
    {"BandwidthZero", replace("hosts.csv", "2Gf,1Gbps,8ms", "2Gf,0bps,8ms"), "hosts.csv:4: bandwidth: must be between"},
    {"LatencyHuge", replace("hosts.csv", "1Gf,100Mbps,15ms", "1Gf,100Mbps,1e308w"), "hosts.csv:5: latency: "},
    {"LatencyBeyondLimit", replace("hosts.csv", "1Gf,100Mbps,15ms", "1Gf,100Mbps,1e300s"),
     "hosts.csv:5: latency: must be at most 100 years"},
    {"LatencyNan", replace("hosts.csv", "1Gf,100Mbps,15ms", "1Gf,100Mbps,nan"), "hosts.csv:5: latency: "},
    // scenario.ini durations and rates
    {"DurationOverflowsDouble", replace("scenario.ini", "duration = 60h", "duration = 1e308w"),
     "scenario.ini:25: run.duration: duration too large"},
    {"DurationBeyondLimit", replace("scenario.ini", "duration = 60h", "duration = 36501d"),
     "scenario.ini:25: run.duration: must be at most 100 years"},
    {"DurationInf", replace("scenario.ini", "duration = 60h", "duration = infd"), "scenario.ini:25: run.duration: "},
    {"IntervalNan", replace("scenario.ini", "metrics_interval = 1h", "metrics_interval = nan"),
     "scenario.ini:26: run.metrics_interval: "},
    {"RateOverflowsDouble", replace("scenario.ini", "arrival_rate = 0/d", "arrival_rate = 1e308/ms"),
     "scenario.ini:29: workload.arrival_rate: rate too large"},
    {"RateBeyondLimit", replace("scenario.ini", "arrival_rate = 0/d", "arrival_rate = 1001/s"),
     "scenario.ini:29: workload.arrival_rate: must be at most 1000/s"},
    {"RateInf", replace("scenario.ini", "arrival_rate = 0/d", "arrival_rate = inf/d"),
     "scenario.ini:29: workload.arrival_rate: "},
    {"BatchIntervalHuge", replace("scenario.ini", "batch_interval = 15m", "batch_interval = 1e200w"),
     "scenario.ini:36: bsp.batch_interval: must be at most 100 years"},
    {"NumberNan", replace("scenario.ini", "usage_per_day = 0", "usage_per_day = nan"),
     "scenario.ini:38: bsp.usage_per_day: expected a number"},
    {"ProbabilityInf", replace("scenario.ini", "resend = 0.5", "resend = inf"), "scenario.ini:40: bsp.resend: "},
    // counts that grow memory with the run's length
    {"SamplesBeyondLimit",
     both(replace("scenario.ini", "duration = 60h", "duration = 3650d"),
          replace("scenario.ini", "metrics_interval = 1h", "metrics_interval = 1s")),
     "scenario.ini:26: run.metrics_interval: the run would take more than 1000000 rows"},
    {"CyclesBeyondLimit",
     both(replace("scenario.ini", "duration = 60h", "duration = 36500d"), replace("scenario.ini", "cycle = 1d", "cycle = 60s")),
     "scenario.ini:43: rating.cycle: the run would close more than 100000 billing cycles"},
    {"ArrivalsBeyondLimit", replace("scenario.ini", "arrival_rate = 0/d", "arrival_rate = 1000/s"),
     "scenario.ini:29: workload.arrival_rate: more than 100000000 prospects"},
    // whole numbers and seeds: integer text, never through a double
    {"SeedAbove64Bits", replace("scenario.ini", "seed = 1\n", "seed = 18446744073709551616\n"),
     "scenario.ini:24: run.seed: must be at most 18446744073709551615"},
    {"SeedNegative", replace("scenario.ini", "seed = 1\n", "seed = -1\n"), "scenario.ini:24: run.seed: expected a whole number"},
    {"SeedFraction", replace("scenario.ini", "seed = 1\n", "seed = 1.5\n"), "scenario.ini:24: run.seed: expected a whole number"},
    {"SeedExponent", replace("scenario.ini", "seed = 1\n", "seed = 9007199254740993e0\n"),
     "scenario.ini:24: run.seed: expected a whole number"},
    {"SeedOnCommandLine", nothing(), "--set: run.seed: must be at most 18446744073709551615",
     "--seed 99999999999999999999"},
    {"IntegerBeyondRange", replace("scenario.ini", "initial = 4", "initial = 1e30"),
     "scenario.ini:33: population.initial: "},
    {"IntegerTooLongForInt64", replace("scenario.ini", "initial = 4", "initial = 99999999999999999999"),
     "scenario.ini:33: population.initial: whole number too large"},
    {"IntegerFraction", replace("scenario.ini", "initial = 4", "initial = 4.5"),
     "scenario.ini:33: population.initial: expected a whole number"},
    // money: amounts beyond 64-bit micro-units, and fees whose bills would be
    {"FeeBeyondMicroUnits", replace("plan_offerings.csv", "dsl-12m,44.90", "dsl-12m,99999999999999"),
     "plan_offerings.csv:4: monthly_fee: amount too large"},
    {"FeeWhoseBillsOverflow", replace("plan_offerings.csv", "dsl-12m,44.90", "dsl-12m,9000000000000"),
     "plan_offerings.csv: monthly_fee: plan 'alpha-north'"},
    {"PriceBeyondMicroUnits", replace("rating_rules.csv", "game,one_time,4.99", "game,one_time,9223372036855"),
     "rating_rules.csv:2: price: "},
    {"FeeNan", replace("plan_offerings.csv", "dsl-12m,44.90", "dsl-12m,nan"), "plan_offerings.csv:4: monthly_fee: "},
    // outages.csv times
    {"OutageStartHuge", put("outages.csv", "target,kind,start,duration\nalpha-1,host,1e308w,1h\n"),
     "outages.csv:2: start: "},
    {"OutageDurationInf", put("outages.csv", "target,kind,start,duration\nalpha-1,host,1h,inf\n"),
     "outages.csv:2: duration: "},
    {"OutageDurationBeyondLimit", put("outages.csv", "target,kind,start,duration\nalpha-1,host,1h,40000d\n"),
     "outages.csv:2: duration: must be at most 100 years"},
    // ip.policy_params: checked when the scenario is loaded, not when the run starts
    {"PolicyParamNotNumber", ini("ip", "policy_params = spare=abc"), "ip.policy_params: 'spare=abc' is not name=number"},
    {"PolicyParamInf", ini("ip", "policy_params = spare=inf"), "ip.policy_params: 'spare=inf' is not name=number"},
    {"PolicyParamNoName", ini("ip", "policy_params = =1"), "ip.policy_params: '=1' is not name=number"},
    {"PolicyParamTwice", ini("ip", "policy_params = a=1,a=2"), "ip.policy_params: 'a' is given twice"},
    {"PolicyParamNotAsked", ini("ip", "policy_params = ratio=2.5"),
     "ip.policy_params: 'ratio' is not a parameter of the "},
    {"PolicyParamOnCommandLine", nothing(), "--set: ip.policy_params: 'x=1e999' is not name=number",
     "--set ip.policy_params=x=1e999"},
    // sessions that fill the day leave a negative idle time (a run that never ended)
    {"SessionsFillTheDay", ini("sessions", "per_day = 30\nmean_duration = 1h"),
     "sessions.per_day: sessions.per_day × sessions.mean_duration must stay under a day"},
    {"SessionsFillTheDayOnCommandLine", nothing(),
     "--set: sessions.per_day: sessions.per_day × sessions.mean_duration must stay under a day",
     "--set sessions.per_day=24 --set sessions.mean_duration=1h"},
    // none for the manager, which acts on a change before writing it
    {"ProvisioningCommitNone", nothing(), "--set: durability.provisioning.commit: none is not offered",
     "--set durability.enabled=true --set durability.provisioning.commit=none"},
    {"ProvisioningCommitNoneInFile", ini("durability", "enabled = true\nprovisioning.commit = none"),
     "durability.provisioning.commit: none is not offered"},
};

INSTANTIATE_TEST_SUITE_P(Hostile, InputNumbers, ::testing::ValuesIn(kCases),
                         [](const auto& test) { return test.param.name; });

}  // namespace
}  // namespace provsim::testing
