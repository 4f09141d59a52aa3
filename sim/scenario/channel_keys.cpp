// The keys of the qualification and registration channels:
// each channel's share of the arrivals and its behaviour, and the checks
// across them.

#include <string>

#include "sim/scenario/config.hpp"

namespace provsim::sim {
namespace {

void declare_web(ConfigSchema& s) {
  s.probability("channel.web.share", 1.0, "share of arrivals using the ISP web systems");
  s.duration("channel.web.step_time", "90s", "mean time a web user spends on each form step (exponential)");
  s.probability("channel.web.abandon_per_step", 0.02, "chance a web user gives up at each of the three steps");
}

void declare_client(ConfigSchema& s) {
  s.probability("channel.client.share", 0.0, "share of arrivals using the ISP client software");
  s.duration("channel.client.install_time", "5m", "mean time to install and start the client software (exponential)");
  s.probability("channel.client.install_failure", 0.03,
                "chance the client software fails to install: the prospect is lost (install_failed)");
  s.duration("channel.client.step_time", "60s", "mean time spent on each of the software's three steps (exponential)");
  s.probability("channel.client.abandon_per_step", 0.01, "chance a client software user gives up at each step");
  s.probability("channel.client.reads_device", 0.8,
                "chance the software reads the modem's device id itself; otherwise the subscriber types it");
  s.probability("channel.client.device_typo", 0.1,
                "chance a typed device id is wrong: activation then fails with unknown_device");
}

// The two call centres take the same settings under their own section.
void declare_call_centre(ConfigSchema& s, const std::string& section, const std::string& what, std::int64_t agents) {
  const std::string k = "channel." + section + ".";
  s.integer(k + "agents", agents, "agents in " + what, 0, 1e6);
  s.duration(k + "talk_time", "6m", "mean talk time of a call to " + what + " (the whole conversation)");
  s.choice(k + "talk_distribution", "exponential", {"exponential", "lognormal"}, "talk time distribution");
  s.number(k + "talk_cv", 1.0, "coefficient of variation of a log-normal talk time", 0.01, 100);
  s.duration(k + "patience", "5m",
             "mean time a caller waits for an agent before hanging up (exponential); 0: callers never hang up");
}

void declare_isp_csr(ConfigSchema& s) {
  s.probability("channel.isp_csr.share", 0.0, "share of arrivals calling the ISP's CSR call centre");
  declare_call_centre(s, "isp_csr", "each ISP's CSR call centre", 4);
}

void declare_np_csr(ConfigSchema& s) {
  s.probability("channel.np_csr.share", 0.0, "share of arrivals registering through the network provider's CSR");
  declare_call_centre(s, "np_csr", "the network provider's CSR call centre", 4);
  s.probability("channel.np_csr.isp_refusal", 0.05,
                "chance the chosen ISP refuses a subscriber the NP registers for it (isp_refused)");
  s.probability("channel.np_csr.isp_no_answer", 0.02,
                "chance the chosen ISP never answers the platform's request to accept (isp_no_answer)");
  s.duration("channel.np_csr.isp_timeout", "30s", "how long the platform waits for the ISP to accept", 0.001);
}

}  // namespace

void declare_channel_keys(ConfigSchema& s) {
  declare_web(s);
  declare_client(s);
  declare_isp_csr(s);
  declare_np_csr(s);
}

void check_channel_settings(const Config& c) {
  const double shares = c.number("channel.web.share") + c.number("channel.client.share") +
                        c.number("channel.isp_csr.share") + c.number("channel.np_csr.share");
  if (shares < 0.999999 || shares > 1.000001)
    c.fail("channel.web.share", "channel shares (web, client, isp_csr, np_csr) must add up to 1, they add up to " +
                                    std::to_string(shares));
  for (const char* section : {"isp_csr", "np_csr"}) {
    const std::string k = std::string("channel.") + section + ".";
    if (c.number(k + "share") > 0 && c.integer(k + "agents") == 0)
      c.fail(k + "agents", "the " + std::string(section) + " channel has a share of the arrivals but no agents");
  }
}

}  // namespace provsim::sim
