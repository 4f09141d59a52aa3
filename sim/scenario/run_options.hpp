#pragma once
// The settings a run uses, each scenario key read once into the typed
// struct of the part of the simulation that uses it. load_scenario fills
// Scenario::options after checking every key (type, range and default live
// in scenario_keys.cpp and its *_keys.cpp files); here is only what each
// key means to the run. Actors and World take these structs and never look
// a key up by name, and `validate` builds the same structs `run` uses.
//
// A new key: declare it in its *_keys.cpp, add a field to the struct of
// the part that reads it, and read it in run_options.cpp.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/address/address_server.hpp"
#include "model/address/session_process.hpp"
#include "model/durability/journal_log.hpp"
#include "model/provisioning/workflow_engine.hpp"
#include "model/rating/rating_engine.hpp"
#include "sim/scenario/config.hpp"

namespace provsim::sim {

// One form of a self-service channel: an exponential time per step, and a
// chance the prospect gives up at each.
struct FormOptions {
  double step_time = 0;         // mean, seconds
  double abandon_per_step = 0;  // probability
};

// The ISP web systems (channel.web.*).
struct WebChannelOptions {
  FormOptions form;
};

// The ISP's client software (channel.client.*).
struct ClientChannelOptions {
  double install_time = 0;     // mean, seconds
  double install_failure = 0;  // probability the install fails
  FormOptions form;
  double reads_device = 0;     // probability the software reads the device id itself
  double device_typo = 0;      // probability a typed device id is wrong
};

// A CSR call centre (channel.isp_csr.* or channel.np_csr.*).
struct CallCentreSettings {
  std::uint32_t agents = 0;
  double talk_time = 0;        // mean, seconds
  bool lognormal = false;      // else exponential
  double talk_cv = 1;          // coefficient of variation of a log-normal talk time
  double patience = 0;         // mean, seconds; 0: callers never hang up
};

// Prospects arriving (workload.*, channel.*.share).
struct ArrivalOptions {
  // The channels' shares of arrivals, in the order they are drawn.
  double web_share = 0, client_share = 0, isp_csr_share = 0, np_csr_share = 0;
  std::vector<double> hourly_weights;  // 24 weights with mean 1 (all 1 for a flat day)
  double arrival_rate = 0;             // per second, averaged over the day
};

// A prospect's choices and patience (workload.*, qualification.*).
struct ProspectOptions {
  double bsp_take = 0;             // probability of taking each BSP offering
  double conversion = 0;           // probability a qualified prospect orders
  double accept_suggestion = 0;    // probability of taking the ISP's suggested login id
  double order_delay = 0;          // mean, seconds, from registration to the order
  double np_timeout = 0;           // how long a platform call may take before it is given up
  double referral_timeout = 0;     // how long an NP referral waits for the ISP (channel.np_csr.isp_timeout)
  double resubmit_after = 0;       // with durability: first wait before an order is submitted again
};

// An ISP's account system (accounts.*, channel.np_csr.isp_*).
struct AccountOptions {
  double cost = 0;                // flops per request
  double login_taken = 0;         // probability the login id is taken
  double identity_failure = 0;    // probability the identity check fails
  double referral_refusal = 0;    // probability the ISP refuses an NP referral
  double referral_no_answer = 0;  // probability it never answers one
};

// The platform's qualification service and the NP's serviceability lookup.
struct QualificationOptions {
  double cost = 0;            // flops per qualification
  double lookup_cost = 0;     // flops per NP lookup
  double np_timeout = 0;      // seconds the service waits for the NP
  double token_validity = 0;  // seconds a qualification token stays valid
};

// The parties' systems answering provisioning tasks (parties.*, costs.task).
struct PartySystemOptions {
  std::array<double, kAdapterKindCount> answer_time{};  // mean, seconds, by adapter kind
  double task_cost = 0;                                  // flops per task
  double network_failure = 0;                            // probability an activation is refused
};

// Workers per system (capacity.*).
struct CapacityOptions {
  std::int64_t party = 0, qualification = 0, np = 0, accounts = 0;
};

// Churn and order changes (lifecycle.*).
struct LifecycleOptions {
  double churn_rate = 0;   // per subscriber per second
  double change_rate = 0;  // per subscriber per second
  std::vector<double> change_weights;  // add BSP, remove BSP, change tier
};

// The IP address server and the sessions at it (ip.*, sessions.*).
struct AddressOptions {
  AddressServerConfig server;
  SessionSettings sessions;
  std::optional<double> step;  // sessions.step in seconds; empty: auto
  double loan_delay = 0;       // seconds the NP reserve takes to answer a loan
  double grow_delay = 0;       // seconds an ISP takes to hand over a block
};

// Faults drawn at random per task (faults.loss.*, faults.refuse.*).
struct FaultOptions {
  std::array<double, kAdapterKindCount> loss{};
  std::array<double, kAdapterKindCount> refuse{};
};

// A BSP's feed of usage and purchase events to the rating engine (bsp.*).
struct FeedOptions {
  double batch_interval = 0;     // seconds between batches
  double purchases_per_day = 0;  // per entitled (subscriber, offering) pair
  double usage_per_day = 0;
  double usage_quantity = 0;     // mean usage per summary, in the offering's unit
  double resend = 0;             // probability a batch is sent twice
  double refund_share = 0;       // share of purchases refunded in the next batch
  double ack_timeout = 0;        // seconds a feed waits for the engine's acknowledgement
};

// How the platform host fails over (durability.failover).
enum class Failover : std::uint8_t { kNone, kShared, kReplicated };

// The platform's journals on its disk, its crash and its failover (durability.*).
struct DurabilityOptions {
  double read_bandwidth = 0, write_bandwidth = 0;  // bytes per second
  double write_latency = 0;       // seconds per write (the flush)
  double snapshot_interval = 0;   // seconds
  double record_bytes = 0;        // per journal record
  double snapshot_item_bytes = 0; // per subscriber, order, binding or lease in a snapshot
  // Each journal's policy (durability.<journal>.commit).
  CommitPolicy provisioning, rating, bindings, leases;
  Failover failover = Failover::kNone;
  double failover_detection = 0;  // seconds until the standby takes over
  double crash_at = 0, crash_for = 0;  // a crash placed by keys; crash_at 0: none
  double lease_probation = 0;     // how long an address whose lease may be lost stays unused
};

// The audit log of workflow transitions (audit.*).
struct AuditOptions {
  bool enabled = false;
  std::size_t limit = 0;
};

struct RunOptions {
  double duration = 0;          // run.duration, seconds
  double metrics_interval = 0;  // run.metrics_interval, seconds
  double message_bytes = 0;     // costs.message_bytes
  WebChannelOptions web;
  ClientChannelOptions client;
  CallCentreSettings isp_csr;
  CallCentreSettings np_csr;
  ArrivalOptions arrivals;
  ProspectOptions prospect;
  AccountOptions accounts;
  QualificationOptions qualification;
  PartySystemOptions parties;
  CapacityOptions capacity;
  LifecycleOptions lifecycle;
  EngineConfig workflow;
  std::size_t provisioning_workers = 0;  // provisioning.workers
  RatingEngineOptions rating;
  FeedOptions feeds;
  double rating_event_cost = 0;  // costs.rating_event, flops per event
  double billing_cycle = 0;      // rating.cycle, seconds
  std::size_t rated_events_limit = 0;
  AddressOptions addresses;
  FaultOptions faults;
  AuditOptions audit;
  std::uint64_t initial_population = 0;
  bool durability = false;  // durability.enabled
  DurabilityOptions journals;
  std::string compression;  // output.compression
};

// Reads every setting of `config`, whose keys load_scenario has checked.
// Throws InputError for a value only this reading can judge.
RunOptions read_run_options(const Config& config);

}  // namespace provsim::sim
