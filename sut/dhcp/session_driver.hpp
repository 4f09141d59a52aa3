#pragma once
// Drives a real DHCPv4 server with a population's sessions in real time:
// each subscriber alternates idle periods and sessions drawn by the model's
// SessionProcess; a session start is a DORA, an online lease is renewed at
// the server's T1, a session end is a RELEASE (none when the device
// vanishes: the lease lingers until it expires at the server). Simulated
// time runs at wall time x speed. Every ACK is checked as it arrives: no
// address held by two subscribers, every address inside the pool, no
// DISCOVER refused while the pool certainly had a free address.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/address/session_process.hpp"
#include "sut/dhcp/dhcp_pool.hpp"
#include "sut/dhcp/relay_client.hpp"

namespace provsim::dhcp {

struct DriverSettings {
  Endpoint server;
  Ipv4 relay = 0;
  double speed = 600;              // simulated seconds per wall second
  double duration = 3600;          // simulated seconds
  std::chrono::microseconds timeout{200000};
  std::uint32_t subscribers = 0;
  DhcpPool pool;
  SessionSettings sessions;
  std::uint64_t seed = 1;
  std::size_t batches = 10;
  bool progress = false;           // a progress line on stderr
};

// What the driver saw.
struct DriverReport {
  std::uint64_t attempts = 0;        // DORAs started (session starts)
  std::uint64_t acked = 0;
  std::uint64_t no_offer = 0;        // DISCOVER unanswered: the server had no address
  std::uint64_t nak = 0;             // REQUEST refused
  std::uint64_t no_ack = 0;          // OFFER, then REQUEST unanswered
  std::uint64_t renewals = 0;        // renewals ACKed
  std::uint64_t renew_failed = 0;    // renewals refused or unanswered (the session then ends)
  std::uint64_t releases = 0;
  std::uint64_t vanished = 0;
  std::uint64_t late_acks = 0;       // ACKs after the driver gave up (released at once)
  std::uint64_t deferred = 0;        // session starts or ends moved later than drawn (an answer was pending)
  std::uint64_t reuses = 0;          // ACKs of an address last held by another subscriber
  std::uint64_t expected_reclaims = 0;   // vanished leases that expired unclaimed
  std::uint64_t ambiguous_reclaims = 0;  // ... within a second of their expiry: either way
  // Violations.
  std::uint64_t double_allocations = 0;
  std::uint64_t outside_pool = 0;
  std::uint64_t refused_while_free = 0;
  std::vector<std::string> violations;   // the first few, described
  // Timing.
  std::vector<double> dora_latency;      // seconds, per ACKed DORA
  std::vector<double> lag;               // seconds behind schedule, per event handled on time
  double wall_seconds = 0;
  // Blocking by batch (batch b covers simulated [b, b+1) x duration / batches).
  std::vector<std::uint64_t> batch_attempts, batch_blocked;
  std::uint64_t blocked() const { return no_offer + nak + no_ack; }
};

// A lease the driver believes the server holds at the end.
struct HeldLease {
  Ipv4 address = 0;
  std::string client_id_hex;  // as Kea prints it: "00:73:75:62:2d:31"
  bool lingering = false;     // its device vanished
  bool uncertain = false;     // lingering and within a second or so of expiry: the server may have let it go
};

class SessionDriver {
 public:
  explicit SessionDriver(DriverSettings settings);
  // Runs the whole schedule; returns when every session start before the
  // end has been answered. Online sessions are left open.
  void run();
  // Leases held now (online and lingering), by address.
  std::vector<HeldLease> held_leases() const;
  // Renews every online lease and waits for the answers, so each has a
  // whole lease time left when the server's leases are read.
  void renew_all();
  // RELEASEs every online lease (the end of the run).
  void release_all();
  // Once every lingering lease has surely expired: counts them as the
  // server's to reclaim and forgets them.
  void settle();
  const DriverReport& report() const { return report_; }
  RelayCounters relay_counters() const { return client_.counters(); }

 private:
  enum class State : std::uint8_t { kIdle, kDora, kOnline };
  enum class Kind : std::uint8_t { kStart, kEnd, kRenew };
  struct Event {
    double at;  // simulated seconds
    std::uint64_t seq;
    std::uint32_t who;
    std::uint32_t generation;
    Kind kind;
    bool on_time;  // false: moved later than drawn, its lag is not pacing lag
    bool operator>(const Event& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  struct Subscriber {
    State state = State::kIdle;
    std::uint32_t generation = 0;
    Ipv4 address = 0;
    Ipv4 server_id = 0;
    double attempt_at = 0;      // simulated time of the current DORA
    double session_end = 0;     // simulated
    std::int64_t free_at_send = 0;
    Clock::time_point acked_at{};  // last ACK (grant or renewal)
    std::uint32_t lease_time = 0;
    std::uint32_t renewal_time = 0;
  };
  struct Holder {
    std::uint32_t who;
    bool lingering;
    Clock::time_point expires;  // lingering only
  };

  double sim_now() const;
  Clock::time_point wall_of(double sim) const;
  void schedule(double at, std::uint32_t who, Kind kind, bool on_time = true);
  void handle(const Event& e);
  void start(std::uint32_t who, double at);
  void end(std::uint32_t who, double at);
  void on_completion(const Completion& c);
  void granted(std::uint32_t who, const Completion& c);
  void blocked(std::uint32_t who);
  void go_idle(std::uint32_t who, double from);
  void expire_lingering();
  void violation(std::string text);
  std::int64_t certainly_free(std::uint32_t except) const;
  static std::chrono::microseconds renew_timeout(const Subscriber& sub);

  DriverSettings s_;
  SessionProcess process_;
  RelayClient client_;
  std::vector<Subscriber> subs_;
  // One random stream per subscriber ("sessions-N" under the run's seed):
  // a subscriber's idle periods and sessions are the same whatever order
  // the server's answers come in, so runs of one seed differ only where
  // timing decided an outcome.
  std::vector<Rng> rngs_;
  std::vector<ClientIdentity> identities_;
  std::vector<Event> queue_;  // a heap (std::push_heap with greater)
  std::uint64_t seq_ = 0;
  Clock::time_point wall_start_{};
  std::unordered_map<Ipv4, Holder> holders_;
  std::unordered_map<Ipv4, std::uint32_t> last_holder_;
  std::uint64_t doras_in_flight_ = 0;
  std::uint64_t abandoned_ = 0;  // DORAs given up after an OFFER and not yet seen ACKed late
  Clock::time_point next_expiry_check_{};
  DriverReport report_;
};

std::string client_id_hex(const std::vector<std::uint8_t>& id);

}  // namespace provsim::dhcp
