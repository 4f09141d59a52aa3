#pragma once
// A DHCPv4 client that speaks to a server as a relay agent would (RFC 2131
// section 4.1, RFC 1542): one UDP socket bound to the relay's address and
// port 67, every request carrying that address as giaddr, so the server
// picks the subnet whose relay matches and sends its replies back to the
// socket. Many clients' transactions run at once over the one socket; each
// is matched by its xid and ends with an answer or its own timeout.
//
// A DORA is DISCOVER -> OFFER -> REQUEST (requested address, server id) ->
// ACK/NAK; a renewal is a REQUEST with ciaddr set (RENEWING state, no server
// id or requested address); a RELEASE has no answer. Nothing is
// retransmitted: on loopback a datagram is not lost, and a full pool shows
// as a DISCOVER the server does not answer, which only a timeout can tell.

#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "sut/dhcp/packet.hpp"

namespace provsim::dhcp {

using Clock = std::chrono::steady_clock;

struct Endpoint {
  Ipv4 address = 0;
  std::uint16_t port = 67;
};

struct ClientIdentity {
  std::vector<std::uint8_t> client_id;  // option 61
  std::array<std::uint8_t, 16> chaddr{};
};

enum class Outcome : std::uint8_t {
  kAck,           // DORA done: `address` leased
  kNak,           // the server refused the REQUEST
  kNoOffer,       // no OFFER within the timeout (a full pool answers nothing)
  kNoAck,         // an OFFER, then no ACK/NAK within the timeout
  kRenewed,       // renewal ACKed
  kRenewNak,      // renewal refused
  kRenewTimeout,  // renewal unanswered
  kLateAck,       // an ACK for a transaction that had already timed out: the server holds a lease
};
const char* outcome_name(Outcome outcome);

struct Completion {
  std::uint64_t tag = 0;  // the caller's, given when the transaction started
  Outcome outcome = Outcome::kNoOffer;
  Ipv4 address = 0;
  Ipv4 server_id = 0;
  std::uint32_t lease_time = 0;    // seconds (option 51)
  std::uint32_t renewal_time = 0;  // T1 seconds (option 58; lease_time / 2 if absent)
  double latency = 0;              // seconds from the first message to the answer or timeout
};

struct RelayCounters {
  std::uint64_t sent[9] = {};      // by message type (index = option 53 value)
  std::uint64_t received[9] = {};
  std::uint64_t malformed = 0;     // datagrams that did not decode
  std::uint64_t stray = 0;         // replies matching no transaction (late, or not ours)
};

class RelayClient {
 public:
  struct Options {
    Endpoint relay;                      // bound; its address is giaddr
    Endpoint server;                     // where requests go
    std::chrono::microseconds timeout{500000};  // per step of a transaction
    std::uint32_t xid_seed = 1;          // xids are drawn from it, never two alike in flight
  };

  // Binds the socket (throws std::system_error naming the address).
  explicit RelayClient(const Options& options);
  ~RelayClient();
  RelayClient(const RelayClient&) = delete;
  RelayClient& operator=(const RelayClient&) = delete;

  void discover(std::uint64_t tag, const ClientIdentity& who);
  // A renewal may take longer than a DORA step: `timeout` (0: the
  // client's) up to the time left before the lease is at risk.
  void renew(std::uint64_t tag, const ClientIdentity& who, Ipv4 address,
             std::chrono::microseconds timeout = std::chrono::microseconds(0));
  void release(const ClientIdentity& who, Ipv4 address, Ipv4 server_id);

  // Reads replies and expires timeouts until `deadline`, returning early
  // once something has completed. Completions come in the order they happened.
  std::vector<Completion> poll(Clock::time_point deadline);

  std::size_t in_flight() const { return live_.size(); }
  const RelayCounters& counters() const { return counters_; }

 private:
  enum class Step : std::uint8_t { kDiscover, kRequest, kRenew };
  struct Transaction {
    std::uint64_t tag;
    Step step;
    ClientIdentity who;
    Clock::time_point started;
    Clock::time_point deadline;
  };

  std::uint32_t next_xid();
  void send(const Packet& packet);
  Packet request_base(const ClientIdentity& who, MessageType type, std::uint32_t xid) const;
  void arm(std::uint32_t xid, Transaction t);
  void disarm(std::uint32_t xid);
  void receive_all(std::vector<Completion>& done);
  void on_reply(const Packet& reply, std::vector<Completion>& done);
  void expire(Clock::time_point now, std::vector<Completion>& done);

  Options options_;
  int socket_ = -1;
  int epoll_ = -1;
  std::uint32_t xid_state_;
  std::unordered_map<std::uint32_t, Transaction> live_;
  std::set<std::pair<Clock::time_point, std::uint32_t>> deadlines_;
  // Timed-out DORAs whose ACK might still come: xid -> tag, forgotten after
  // a grace period (ordered by when they timed out).
  std::unordered_map<std::uint32_t, std::uint64_t> abandoned_;
  std::multimap<Clock::time_point, std::uint32_t> abandoned_until_;
  RelayCounters counters_;
};

}  // namespace provsim::dhcp
