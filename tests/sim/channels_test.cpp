// The qualification and registration channels, run inside the test
// process: each channel's own failure branch driven to its extreme with
// overrides, and the call centres' metrics and time series. Each run is a
// short conformance scenario. (The settings a channel needs are checked
// through the binary, in run_command_test.cpp.)

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/in_process_run.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

struct ChannelRun {
  nlohmann::json metrics;
  std::string metrics_csv;
};

// Runs scenarios/conformance/<name> with `sets` (each "section.key=value").
ChannelRun run_channel(const std::string& name, const std::vector<std::string>& sets) {
  const reports::Results results = run_in_process(source_path("scenarios/conformance/" + name), sets);
  return ChannelRun{summary(results)["metrics"], csv_text(results, "metrics")};
}

std::int64_t count(const nlohmann::json& m, const std::string& key) {
  return m.contains(key) ? m[key].get<std::int64_t>() : 0;
}

TEST(Channels, ClientSoftwareThatNeverInstallsLosesEveryProspect) {
  const ChannelRun r = run_channel("qualify-client", {"channel.client.install_failure=1"});
  const auto arrived = count(r.metrics, "funnel.client_software.arrived");
  EXPECT_GT(arrived, 50);
  // All but those still installing when the run ended.
  EXPECT_GE(count(r.metrics, "prospects.abandoned.install_failed"), arrived - 3);
  EXPECT_EQ(count(r.metrics, "funnel.client_software.abandoned"),
            count(r.metrics, "prospects.abandoned.install_failed"));
  EXPECT_EQ(count(r.metrics, "funnel.client_software.qualified"), 0);
}

TEST(Channels, ATypedDeviceIdThatIsWrongFailsActivationWithUnknownDevice) {
  const ChannelRun r = run_channel("register-client", {"channel.client.reads_device=0", "channel.client.device_typo=1"});
  EXPECT_GT(count(r.metrics, "orders.failed.unknown_device"), 20);
  EXPECT_EQ(count(r.metrics, "orders.completed"), 0);
  EXPECT_EQ(count(r.metrics, "funnel.client_software.provisioned"), 0);
  EXPECT_EQ(r.metrics["parties.consistent"], true);  // every failed activation was compensated
}

TEST(Channels, ADeviceIdTheSoftwareReadsIsNeverWrong) {
  const ChannelRun r = run_channel("register-client", {"channel.client.reads_device=1", "channel.client.device_typo=1"});
  EXPECT_EQ(count(r.metrics, "orders.failed.unknown_device"), 0);
  EXPECT_GT(count(r.metrics, "orders.completed"), 50);
}

TEST(Channels, CallersWhoseWaitOutlastsTheirPatienceHangUp) {
  // One agent per ISP, hour-long calls, a minute of patience: most callers hang up.
  const ChannelRun r = run_channel("qualify-isp-csr", {"channel.isp_csr.agents=1", "channel.isp_csr.talk_time=1h",
                                               "channel.isp_csr.patience=1m"});
  std::int64_t offered = 0, answered = 0, abandoned = 0, in_queue = 0;
  for (const char* isp : {"isp_csr.isp1", "isp_csr.isp2"}) {
    const std::string k = std::string("call_centre.") + isp + ".";
    offered += count(r.metrics, k + "offered");
    answered += count(r.metrics, k + "answered");
    abandoned += count(r.metrics, k + "abandoned");
    in_queue += count(r.metrics, k + "in_queue");
    EXPECT_GT(r.metrics[k + "utilisation"].get<double>(), 0.5) << isp;
  }
  EXPECT_EQ(offered, count(r.metrics, "funnel.isp_csr.arrived"));
  EXPECT_EQ(offered, answered + abandoned + in_queue);  // every call is in exactly one place
  EXPECT_GT(abandoned, answered);
  EXPECT_EQ(count(r.metrics, "prospects.abandoned.call_abandoned"), abandoned);
}

TEST(Channels, CallersWithoutPatienceLimitNeverHangUp) {
  const ChannelRun r = run_channel("qualify-isp-csr", {"channel.isp_csr.agents=1", "channel.isp_csr.patience=0"});
  EXPECT_EQ(count(r.metrics, "call_centre.isp_csr.isp1.abandoned"), 0);
  EXPECT_GT(count(r.metrics, "call_centre.isp_csr.isp1.waited"), 0);
  EXPECT_GT(r.metrics["call_centre.isp_csr.isp1.mean_wait_s"].get<double>(), 0.0);
}

TEST(Channels, CallCentreQueueAndBusyAgentsAreTimeSeries) {
  const ChannelRun r = run_channel("register-np-csr", {});
  const std::string header = r.metrics_csv.substr(0, r.metrics_csv.find('\n'));
  EXPECT_NE(header.find("call_centre.np_csr.queue"), std::string::npos) << header;
  EXPECT_NE(header.find("call_centre.np_csr.agents_busy"), std::string::npos) << header;
  EXPECT_EQ(header.find("call_centre.isp_csr"), std::string::npos) << "ISP call centres are not in use";
}

TEST(Channels, AnIspThatRefusesEveryNpReferralRejectsEveryRegistration) {
  const ChannelRun r = run_channel("register-np-csr", {"channel.np_csr.isp_refusal=1", "channel.np_csr.isp_no_answer=0"});
  EXPECT_GT(count(r.metrics, "prospects.rejected.isp_refused"), 20);
  EXPECT_EQ(count(r.metrics, "prospects.rejected.isp_refused"), count(r.metrics, "funnel.np_csr.rejected"));
  EXPECT_EQ(count(r.metrics, "funnel.np_csr.registered"), 0);
}

TEST(Channels, AnIspThatNeverAnswersTimesTheReferralOut) {
  const ChannelRun r = run_channel("register-np-csr", {"channel.np_csr.isp_no_answer=1"});
  EXPECT_GT(count(r.metrics, "prospects.rejected.isp_no_answer"), 20);
  EXPECT_EQ(count(r.metrics, "prospects.rejected.isp_refused"), 0);
  EXPECT_EQ(count(r.metrics, "funnel.np_csr.registered"), 0);
}

}  // namespace
}  // namespace provsim::testing
