#include "sim/scenario/scenario_keys.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "model/address/allocator.hpp"
#include "model/address/over_allocation_policy.hpp"

namespace provsim::sim {

void declare_lifecycle_keys(ConfigSchema& s);  // sim/scenario/lifecycle_keys.cpp
void declare_rating_keys(ConfigSchema& s);     // sim/scenario/rating_keys.cpp
void declare_channel_keys(ConfigSchema& s);    // sim/scenario/channel_keys.cpp
void declare_dhcp_keys(ConfigSchema& s);       // sim/scenario/dhcp_keys.cpp
void declare_sut_keys(ConfigSchema& s);        // sim/scenario/sut_keys.cpp
void declare_durability_keys(ConfigSchema& s); // sim/scenario/durability_keys.cpp
void declare_output_keys(ConfigSchema& s);     // sim/scenario/output_keys.cpp

namespace {

void declare_run(ConfigSchema& s) {
  s.seed("run.seed", 1, "root seed; every random stream is derived from it and its own name");
  s.duration("run.duration", "3d", "simulated span of the run", 1);
  s.duration("run.metrics_interval", "1h", "simulated interval between rows of metrics.csv", 1);
}

void declare_workload(ConfigSchema& s) {
  s.rate("workload.arrival_rate", "300/d", "prospects arriving, all channels together (Poisson)");
  s.text("workload.daily_profile", "flat",
         "'flat', or 24 comma-separated weights (one per hour of the day) shaping the arrival rate; their mean is 1");
  s.probability("workload.conversion", 0.85, "share of qualified prospects who go on to register");
  s.integer("population.initial", 0,
            "subscribers already provisioned when the run starts (loaded in bulk, consistent at every party)", 0, 1e8);
  s.probability("workload.bsp_take", 0.5, "chance a new subscriber takes each BSP offering of the offer");
}

void declare_qualification(ConfigSchema& s) {
  s.duration("qualification.token_validity", "1d", "how long a qualification token stays valid", 1);
  s.duration("qualification.np_timeout", "10s", "how long the qualification service waits for the NP database", 0.001);
  s.duration("qualification.order_delay", "10m",
             "mean time between qualification and submitting the order (exponential)");
}

void declare_accounts(ConfigSchema& s) {
  s.probability("accounts.login_taken", 0.05, "chance the requested login id is already taken at the ISP");
  s.probability("accounts.accept_suggestion", 0.8, "chance the subscriber takes the ISP's suggested login id");
  s.probability("accounts.identity_failure", 0.02, "chance the ISP's identity or credit check rejects the subscriber");
}

void declare_provisioning(ConfigSchema& s) {
  s.integer("provisioning.workers", 16, "orders the provisioning manager works on at once (others queue)", 1, 1e6);
  s.duration("provisioning.task_timeout", "30s", "how long a task waits for a party's answer before retrying", 0.001);
  s.integer("provisioning.max_attempts", 4, "attempts per task before it fails for good", 1, 100);
  s.duration("provisioning.backoff_base", "5s", "first retry delay; doubles per attempt, with jitter");
  s.duration("provisioning.backoff_max", "5m", "longest retry delay");
  s.integer("provisioning.concurrency", 8, "requests in flight per adapter (per party system)", 1, 1e6);
  s.probability("provisioning.network_failure", 0.01, "chance the NP device provisioning system rejects an activation");
}

void declare_sessions(ConfigSchema& s) {
  s.number("sessions.per_day", 3, "online sessions per subscriber per day (Poisson)", 0, 1e6);
  s.duration("sessions.mean_duration", "1h", "mean online session length", 1);
  s.choice("sessions.holding", "exponential", {"exponential", "lognormal"}, "session length distribution");
  s.number("sessions.holding_cv", 2.0, "coefficient of variation of a lognormal session length", 0.01, 100);
  s.text("sessions.daily_profile", "flat",
         "'flat', or 24 comma-separated weights (one per hour of the day) shaping when sessions start; their mean "
         "is 1 (Engset/Erlang predictions assume flat)");
  s.text("sessions.step", "auto",
         "how often the session actor wakes to handle the sessions that fell due, each at its own time: a duration "
         "(0: at every event time), or 'auto': at every event time when a pool's policy may send loan or block "
         "requests, else only when something reads or changes the pools (exact either way). A step sends loan and "
         "block requests up to one step late for far fewer SimGrid wake-ups");
  s.probability("sessions.vanish", 0.02, "share of sessions whose device goes away without releasing its lease");
}

// The registered names, the familiar ones first in their usual order (for
// the help and error texts), then any others alphabetically.
std::vector<std::string> registered(std::vector<std::string> names, const std::vector<std::string>& first) {
  std::vector<std::string> out;
  for (const auto& n : first)
    if (std::find(names.begin(), names.end(), n) != names.end()) out.push_back(n);
  for (auto& n : names)
    if (std::find(first.begin(), first.end(), n) == first.end()) out.push_back(std::move(n));
  return out;
}

void declare_ip(ConfigSchema& s) {
  // The allowed names come from the registries, so an allocator or policy a
  // researcher registers (allocator_registry.cpp, policy_registry.cpp) is
  // accepted here with no change to this list.
  s.choice("ip.allocator", "free-queue",
           registered(AllocatorRegistry::with_builtins().names(), {"iterative", "random", "free-queue", "sticky"}),
           "which free address a lease gets");
  s.choice("ip.policy", "reject",
           registered(PolicyRegistry::with_builtins().names(), {"reject", "borrow", "preempt", "queue", "grow"}),
           "what happens when a pool runs out (the over-allocation request)");
  s.text("ip.policy_params", "",
         "parameters for a researcher's policy (PolicyOptions::extra), e.g. 'ratio=2.5,k=4'; a name the "
         "policy does not ask for is refused");
  s.duration("ip.lease_time", "2h", "lease time; an online device renews at half of it", 1);
  s.number("ip.max_ratio", 0, "largest bound subscribers / addresses a pool accepts; 0 for no limit", 0, 1e6);
  s.number("ip.low_water", 0, "free share of a pool below which the policy is told (0: never)", 0, 1);
  s.number("ip.high_water", 0.8, "utilisation mark: crossings are counted, and loans go back below it", 0, 1);
  s.duration("ip.loan_hold", "1h", "how long a pool must stay below the high-water mark before returning loans");
  s.integer("ip.borrow_cap", 256, "addresses an ISP may have on loan from the NP reserve at once", 0, 1e9);
  s.integer("ip.borrow_count", 16, "addresses asked for per loan request (borrow policy)", 1, 1e9);
  s.duration("ip.loan_delay", "2s", "time the NP reserve takes to answer a loan request (plus the network)");
  s.duration("ip.grow_delay", "1d", "time an ISP takes to hand over a new block (grow policy)");
  s.duration("ip.queue_timeout", "60s", "how long a lease waits for an address (queue policy, and borrow/grow waits)");
  s.flag("ip.borrow_waits", true, "borrow: a lease waits for a loan on its way instead of being blocked");
  s.flag("ip.grow_waits", false, "grow: a lease waits for the new block instead of being blocked");
  s.flag("ip.grow_on_low_water", false, "grow: also ask for a block when the pool falls below ip.low_water");
  s.duration("ip.probation", "10m", "how long a declined address rests before reuse");
}

void declare_costs(ConfigSchema& s) {
  s.number("costs.qualification", 2e7, "flops to qualify a line and build the offer", 0);
  s.number("costs.np_lookup", 1e7, "flops for a serviceability lookup at the NP", 0);
  s.number("costs.account", 1e7, "flops for the ISP account system to authenticate or create a subscriber", 0);
  s.number("costs.task", 5e6, "flops a party system spends on one provisioning request", 0);
  s.number("costs.rating_event", 2e5, "flops the rating engine spends per event", 0);
  s.number("costs.message_bytes", 2000, "size of a request or response message", 1);
}

// Time a party's system takes to carry a provisioning request out, beyond
// its CPU cost: device activation, mailbox creation, ... (exponential, held
// by one of the party's workers, so capacity.party_workers bounds it).
void declare_parties(ConfigSchema& s) {
  s.duration("parties.network_time", "10s", "mean time the NP takes to activate or deactivate a port and device");
  s.duration("parties.address_time", "200ms", "mean time the IP address server takes to bind or release");
  s.duration("parties.isp_time", "3s", "mean time an ISP takes to create or delete a service (mailbox, ...)");
  s.duration("parties.bsp_time", "2s", "mean time a BSP takes to entitle or revoke");
  s.duration("parties.billing_time", "500ms", "mean time billing takes to open, change or close an account");
}

void declare_capacity(ConfigSchema& s) {
  s.integer("capacity.qualification_workers", 8, "qualification requests the platform serves at once", 1, 1e6);
  s.integer("capacity.np_workers", 8, "serviceability lookups the NP database serves at once", 1, 1e6);
  s.integer("capacity.account_workers", 4, "requests each ISP account system serves at once", 1, 1e6);
  s.integer("capacity.party_workers", 8, "provisioning requests each party system serves at once", 1, 1e6);
}

ConfigSchema make_schema() {
  ConfigSchema s;
  declare_run(s);
  declare_workload(s);
  declare_qualification(s);
  declare_accounts(s);
  declare_provisioning(s);
  declare_sessions(s);
  declare_ip(s);
  declare_rating_keys(s);
  declare_costs(s);
  declare_capacity(s);
  declare_parties(s);
  declare_lifecycle_keys(s);
  declare_channel_keys(s);
  declare_dhcp_keys(s);
  declare_sut_keys(s);
  declare_durability_keys(s);
  declare_output_keys(s);
  return s;
}

}  // namespace

const ConfigSchema& scenario_schema() {
  static const ConfigSchema schema = make_schema();
  return schema;
}

}  // namespace provsim::sim
