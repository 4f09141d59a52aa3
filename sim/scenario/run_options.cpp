#include "sim/scenario/run_options.hpp"

#include <algorithm>

#include "sim/scenario/policy_params.hpp"
#include "sim/scenario/session_settings.hpp"
#include "sim/scenario/units.hpp"

namespace provsim::sim {
namespace {

CallCentreSettings call_centre(const Config& c, const std::string& k) {
  CallCentreSettings s;
  s.agents = static_cast<std::uint32_t>(c.integer(k + "agents"));
  s.talk_time = c.seconds(k + "talk_time");
  s.lognormal = c.text(k + "talk_distribution") == "lognormal";
  s.talk_cv = c.number(k + "talk_cv");
  s.patience = c.seconds(k + "patience");
  return s;
}

ClientChannelOptions client_channel(const Config& c) {
  ClientChannelOptions o;
  o.install_time = c.seconds("channel.client.install_time");
  o.install_failure = c.number("channel.client.install_failure");
  o.form = {c.seconds("channel.client.step_time"), c.number("channel.client.abandon_per_step")};
  o.reads_device = c.number("channel.client.reads_device");
  o.device_typo = c.number("channel.client.device_typo");
  return o;
}

ArrivalOptions arrivals(const Config& c) {
  ArrivalOptions o;
  o.web_share = c.number("channel.web.share");
  o.client_share = c.number("channel.client.share");
  o.isp_csr_share = c.number("channel.isp_csr.share");
  o.np_csr_share = c.number("channel.np_csr.share");
  o.hourly_weights = hourly_profile(c.text("workload.daily_profile"));
  if (o.hourly_weights.empty()) o.hourly_weights.assign(24, 1.0);  // flat
  o.arrival_rate = c.per_second("workload.arrival_rate");
  return o;
}

ProspectOptions prospect(const Config& c) {
  ProspectOptions o;
  o.bsp_take = c.number("workload.bsp_take");
  o.conversion = c.number("workload.conversion");
  o.accept_suggestion = c.number("accounts.accept_suggestion");
  o.order_delay = c.seconds("qualification.order_delay");
  o.np_timeout = c.seconds("qualification.np_timeout");
  o.referral_timeout = c.seconds("channel.np_csr.isp_timeout");
  o.resubmit_after = c.seconds("durability.resubmit_after");
  return o;
}

AccountOptions accounts(const Config& c) {
  AccountOptions o;
  o.cost = c.number("costs.account");
  o.login_taken = c.number("accounts.login_taken");
  o.identity_failure = c.number("accounts.identity_failure");
  o.referral_refusal = c.number("channel.np_csr.isp_refusal");
  o.referral_no_answer = c.number("channel.np_csr.isp_no_answer");
  return o;
}

QualificationOptions qualification(const Config& c) {
  QualificationOptions o;
  o.cost = c.number("costs.qualification");
  o.lookup_cost = c.number("costs.np_lookup");
  o.np_timeout = c.seconds("qualification.np_timeout");
  o.token_validity = c.seconds("qualification.token_validity");
  return o;
}

PartySystemOptions parties(const Config& c) {
  PartySystemOptions o;
  for (std::size_t k = 0; k < kAdapterKindCount; ++k)
    o.answer_time[k] = c.seconds("parties." + std::string(to_string(static_cast<AdapterKind>(k))) + "_time");
  o.task_cost = c.number("costs.task");
  o.network_failure = c.number("provisioning.network_failure");
  return o;
}

CapacityOptions capacity(const Config& c) {
  return {c.integer("capacity.party_workers"), c.integer("capacity.qualification_workers"),
          c.integer("capacity.np_workers"), c.integer("capacity.account_workers")};
}

LifecycleOptions lifecycle(const Config& c) {
  LifecycleOptions o;
  o.churn_rate = c.per_second("lifecycle.churn_rate");
  o.change_rate = c.per_second("lifecycle.change_rate");
  o.change_weights = {c.number("lifecycle.add_bsp_weight"), c.number("lifecycle.remove_bsp_weight"),
                      c.number("lifecycle.change_tier_weight")};
  return o;
}

EngineConfig workflow(const Config& c) {
  EngineConfig e;
  e.retry.timeout.fill(c.seconds("provisioning.task_timeout"));
  e.retry.max_attempts = static_cast<std::uint16_t>(c.integer("provisioning.max_attempts"));
  e.retry.base_backoff = c.seconds("provisioning.backoff_base");
  e.retry.max_backoff = c.seconds("provisioning.backoff_max");
  e.retry.max_compensation_attempts = static_cast<std::uint16_t>(c.integer("provisioning.max_compensation_attempts"));
  e.concurrency.fill(static_cast<std::uint32_t>(c.integer("provisioning.concurrency")));
  return e;
}

RatingEngineOptions rating_options(const Config& c) {
  const auto window = [&c](const char* key) {
    const auto n = static_cast<std::size_t>(c.integer(key));
    return n == 0 ? RefundLog::kUnlimited : n;
  };
  RatingEngineOptions o;
  o.purchase_refund_window = window("rating.purchase_refund_window");
  o.usage_refund_window = window("rating.usage_refund_window");
  return o;
}

AddressServerConfig address_config(const Config& c) {
  AddressServerConfig a;
  a.lease_time = c.seconds("ip.lease_time");
  a.probation = c.seconds("ip.probation");
  a.pool.allocator = c.text("ip.allocator");
  a.pool.policy = c.text("ip.policy");
  a.pool.max_ratio = c.number("ip.max_ratio");
  a.pool.low_water = c.number("ip.low_water");
  a.pool.high_water = c.number("ip.high_water");
  a.pool.loan_hold = c.seconds("ip.loan_hold");
  a.pool.borrow_cap = static_cast<std::uint32_t>(c.integer("ip.borrow_cap"));
  a.policy.queue_timeout = c.seconds("ip.queue_timeout");
  a.policy.borrow_count = static_cast<std::uint32_t>(c.integer("ip.borrow_count"));
  a.policy.borrow_waits = c.flag("ip.borrow_waits");
  a.policy.grow_waits = c.flag("ip.grow_waits");
  a.policy.grow_on_low_water = c.flag("ip.grow_on_low_water");
  a.policy.extra = policy_params(c);
  return a;
}

AddressOptions addresses(const Config& c) {
  AddressOptions o;
  o.server = address_config(c);
  o.sessions = session_settings(c);
  if (const std::string& step = c.text("sessions.step"); step != "auto") o.step = parse_duration(step);
  o.loan_delay = c.seconds("ip.loan_delay");
  o.grow_delay = c.seconds("ip.grow_delay");
  return o;
}

FaultOptions faults(const Config& c) {
  FaultOptions o;
  for (std::size_t k = 0; k < kAdapterKindCount; ++k) {
    const std::string name(to_string(static_cast<AdapterKind>(k)));
    o.loss[k] = c.number("faults.loss." + name);
    o.refuse[k] = c.number("faults.refuse." + name);
  }
  return o;
}

FeedOptions feeds(const Config& c) {
  FeedOptions o;
  o.batch_interval = c.seconds("bsp.batch_interval");
  o.purchases_per_day = c.number("bsp.purchases_per_day");
  o.usage_per_day = c.number("bsp.usage_per_day");
  o.usage_quantity = c.number("bsp.usage_quantity");
  o.resend = c.number("bsp.resend");
  o.refund_share = c.number("bsp.refund_share");
  o.ack_timeout = c.seconds("bsp.ack_timeout");
  return o;
}

CommitPolicy commit_policy(const Config& c, const std::string& mode) {
  CommitPolicy p;
  p.mode = *parse_commit_mode(mode);  // a choice key: checked when loaded
  p.group_count = static_cast<std::uint32_t>(c.integer("durability.group_count"));
  p.group_interval = c.seconds("durability.group_interval");
  return p;
}

DurabilityOptions journals(const Config& c) {
  DurabilityOptions o;
  o.read_bandwidth = c.number("durability.read_bandwidth");
  o.write_bandwidth = c.number("durability.write_bandwidth");
  o.write_latency = c.seconds("durability.write_latency");
  o.snapshot_interval = c.seconds("durability.snapshot_interval");
  o.record_bytes = c.number("durability.record_bytes");
  o.snapshot_item_bytes = c.number("durability.snapshot_item_bytes");
  o.provisioning = commit_policy(c, c.text("durability.provisioning.commit"));
  o.rating = commit_policy(c, c.text("durability.rating.commit"));
  o.bindings = commit_policy(c, c.text("durability.bindings.commit"));
  o.leases = commit_policy(c, c.text("durability.leases.commit"));
  const std::string& failover = c.text("durability.failover");
  o.failover = failover == "shared" ? Failover::kShared : failover == "replicated" ? Failover::kReplicated : Failover::kNone;
  o.failover_detection = c.seconds("durability.failover_detection");
  o.crash_at = c.seconds("durability.crash_at");
  o.crash_for = c.seconds("durability.crash_for");
  // Long enough that the client of a lost lease has been refused at its
  // next renewal (half the lease time) before its address is reused.
  o.lease_probation = std::max(c.seconds("ip.probation"), c.seconds("ip.lease_time") / 2);
  return o;
}

}  // namespace

RunOptions read_run_options(const Config& c) {
  RunOptions o;
  o.duration = c.seconds("run.duration");
  o.metrics_interval = c.seconds("run.metrics_interval");
  o.message_bytes = c.number("costs.message_bytes");
  o.web.form = {c.seconds("channel.web.step_time"), c.number("channel.web.abandon_per_step")};
  o.client = client_channel(c);
  o.isp_csr = call_centre(c, "channel.isp_csr.");
  o.np_csr = call_centre(c, "channel.np_csr.");
  o.arrivals = arrivals(c);
  o.prospect = prospect(c);
  o.accounts = accounts(c);
  o.qualification = qualification(c);
  o.parties = parties(c);
  o.capacity = capacity(c);
  o.lifecycle = lifecycle(c);
  o.workflow = workflow(c);
  o.provisioning_workers = static_cast<std::size_t>(c.integer("provisioning.workers"));
  o.rating = rating_options(c);
  o.feeds = feeds(c);
  o.rating_event_cost = c.number("costs.rating_event");
  o.billing_cycle = c.seconds("rating.cycle");
  o.rated_events_limit = static_cast<std::size_t>(c.integer("rating.rated_events_limit"));
  o.addresses = addresses(c);
  o.faults = faults(c);
  o.audit = {c.flag("audit.enabled"), static_cast<std::size_t>(c.integer("audit.limit"))};
  o.initial_population = static_cast<std::uint64_t>(c.integer("population.initial"));
  o.durability = c.flag("durability.enabled");
  o.journals = journals(c);
  o.compression = c.text("output.compression");
  return o;
}

}  // namespace provsim::sim
