#include "sut/dhcp/relay_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace provsim::dhcp {
namespace {

sockaddr_in to_sockaddr(const Endpoint& e) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(e.port);
  a.sin_addr.s_addr = htonl(e.address);
  return a;
}

// A bijection of 32-bit numbers (odd multiplications and xor-shifts), so
// consecutive counters give xids that look random and never repeat within
// 2^32 transactions.
std::uint32_t mix32(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7FEB352DU;
  x ^= x >> 15;
  x *= 0x846CA68BU;
  x ^= x >> 16;
  return x;
}

std::system_error os_error(const std::string& what) { return std::system_error(errno, std::generic_category(), what); }

}  // namespace

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kAck: return "ack";
    case Outcome::kNak: return "nak";
    case Outcome::kNoOffer: return "no-offer";
    case Outcome::kNoAck: return "no-ack";
    case Outcome::kRenewed: return "renewed";
    case Outcome::kRenewNak: return "renew-nak";
    case Outcome::kRenewTimeout: return "renew-timeout";
    case Outcome::kLateAck: return "late-ack";
  }
  return "?";
}

RelayClient::RelayClient(const Options& options) : options_(options), xid_state_(options.xid_seed) {
  socket_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (socket_ < 0) throw os_error("socket");
  const int one = 1;
  ::setsockopt(socket_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  const sockaddr_in local = to_sockaddr(options.relay);
  if (::bind(socket_, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0) {
    const auto error = os_error("bind " + format_ipv4(options.relay.address) + ":" + std::to_string(options.relay.port));
    ::close(socket_);
    throw error;
  }
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_ < 0) {
    const auto error = os_error("epoll_create1");
    ::close(socket_);
    throw error;
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = socket_;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, socket_, &ev) != 0) {
    const auto error = os_error("epoll_ctl");
    ::close(epoll_);
    ::close(socket_);
    throw error;
  }
}

RelayClient::~RelayClient() {
  ::close(epoll_);
  ::close(socket_);
}

std::uint32_t RelayClient::next_xid() {
  std::uint32_t xid;
  do xid = mix32(xid_state_++);
  while (xid == 0 || live_.count(xid) || abandoned_.count(xid));
  return xid;
}

void RelayClient::send(const Packet& p) {
  const std::vector<std::uint8_t> bytes = encode(p);
  const sockaddr_in to = to_sockaddr(options_.server);
  while (::sendto(socket_, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to) < 0) {
    if (errno == EINTR) continue;
    throw os_error("sendto " + format_ipv4(options_.server.address));
  }
  ++counters_.sent[static_cast<std::size_t>(*p.type)];
}

// What every request of ours carries: the client's identity, and the relay
// as giaddr with one hop.
Packet RelayClient::request_base(const ClientIdentity& who, MessageType type, std::uint32_t xid) const {
  Packet p;
  p.op = kBootRequest;
  p.hops = 1;
  p.xid = xid;
  p.giaddr = options_.relay.address;
  p.chaddr = who.chaddr;
  p.client_id = who.client_id;
  p.type = type;
  return p;
}

void RelayClient::arm(std::uint32_t xid, Transaction t) {
  deadlines_.emplace(t.deadline, xid);
  live_[xid] = std::move(t);
}

void RelayClient::disarm(std::uint32_t xid) {
  const auto it = live_.find(xid);
  if (it == live_.end()) return;
  deadlines_.erase({it->second.deadline, xid});
  live_.erase(it);
}

void RelayClient::discover(std::uint64_t tag, const ClientIdentity& who) {
  const std::uint32_t xid = next_xid();
  Packet p = request_base(who, MessageType::kDiscover, xid);
  p.parameter_list = {1, 3, 6, 51, 58, 59};  // mask, router, DNS, lease and renewal times
  send(p);
  const Clock::time_point now = Clock::now();
  arm(xid, Transaction{tag, Step::kDiscover, who, now, now + options_.timeout});
}

void RelayClient::renew(std::uint64_t tag, const ClientIdentity& who, Ipv4 address,
                        std::chrono::microseconds timeout) {
  const std::uint32_t xid = next_xid();
  Packet p = request_base(who, MessageType::kRequest, xid);
  p.ciaddr = address;
  send(p);
  const Clock::time_point now = Clock::now();
  arm(xid, Transaction{tag, Step::kRenew, who, now, now + std::max(timeout, options_.timeout)});
}

void RelayClient::release(const ClientIdentity& who, Ipv4 address, Ipv4 server_id) {
  Packet p = request_base(who, MessageType::kRelease, next_xid());
  p.ciaddr = address;
  p.server_id = server_id;
  send(p);
}

std::vector<Completion> RelayClient::poll(Clock::time_point deadline) {
  std::vector<Completion> done;
  while (true) {
    const Clock::time_point now = Clock::now();
    expire(now, done);
    receive_all(done);
    if (!done.empty() || now >= deadline) return done;
    Clock::time_point until = deadline;
    if (!deadlines_.empty()) until = std::min(until, deadlines_.begin()->first);
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(until - now).count();
    epoll_event ev{};
    const int n = ::epoll_wait(epoll_, &ev, 1, static_cast<int>(std::clamp<long long>(wait, 0, 60000)));
    if (n < 0 && errno != EINTR) throw os_error("epoll_wait");
  }
}

void RelayClient::receive_all(std::vector<Completion>& done) {
  std::uint8_t buffer[2048];
  while (true) {
    const ssize_t n = ::recv(socket_, buffer, sizeof buffer, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      throw os_error("recv");
    }
    const DecodeResult r = decode(std::span<const std::uint8_t>(buffer, static_cast<std::size_t>(n)));
    if (!r.packet || r.packet->op != kBootReply) {
      ++counters_.malformed;
      continue;
    }
    ++counters_.received[static_cast<std::size_t>(*r.packet->type)];
    on_reply(*r.packet, done);
  }
}

void RelayClient::on_reply(const Packet& reply, std::vector<Completion>& done) {
  const Clock::time_point now = Clock::now();
  const auto it = live_.find(reply.xid);
  if (it == live_.end()) {
    const auto gone = abandoned_.find(reply.xid);
    if (gone != abandoned_.end() && reply.type == MessageType::kAck) {
      done.push_back(Completion{gone->second, Outcome::kLateAck, reply.yiaddr, reply.server_id.value_or(0),
                                reply.lease_time.value_or(0), reply.renewal_time.value_or(0), 0});
      abandoned_.erase(gone);
    } else {
      ++counters_.stray;
    }
    return;
  }
  Transaction& t = it->second;
  const double latency = std::chrono::duration<double>(now - t.started).count();
  Completion c{t.tag, Outcome::kAck, reply.yiaddr, reply.server_id.value_or(0), reply.lease_time.value_or(0),
               0, latency};
  c.renewal_time = reply.renewal_time.value_or(c.lease_time / 2);
  if (t.step == Step::kDiscover) {
    if (reply.type != MessageType::kOffer || !reply.server_id) {
      ++counters_.stray;
      return;
    }
    Packet p = request_base(t.who, MessageType::kRequest, reply.xid);
    p.requested_address = reply.yiaddr;
    p.server_id = reply.server_id;
    send(p);
    deadlines_.erase({t.deadline, reply.xid});
    t.step = Step::kRequest;
    t.deadline = now + options_.timeout;
    deadlines_.emplace(t.deadline, reply.xid);
    return;
  }
  if (reply.type != MessageType::kAck && reply.type != MessageType::kNak) {
    ++counters_.stray;
    return;
  }
  const bool ack = reply.type == MessageType::kAck;
  if (t.step == Step::kRequest)
    c.outcome = ack ? Outcome::kAck : Outcome::kNak;
  else
    c.outcome = ack ? Outcome::kRenewed : Outcome::kRenewNak;
  done.push_back(c);
  disarm(reply.xid);
}

void RelayClient::expire(Clock::time_point now, std::vector<Completion>& done) {
  while (!abandoned_until_.empty() && abandoned_until_.begin()->first <= now) {
    abandoned_.erase(abandoned_until_.begin()->second);
    abandoned_until_.erase(abandoned_until_.begin());
  }
  while (!deadlines_.empty() && deadlines_.begin()->first <= now) {
    const std::uint32_t xid = deadlines_.begin()->second;
    const Transaction& t = live_.at(xid);
    Completion c{t.tag, Outcome::kNoOffer, 0, 0, 0, 0, std::chrono::duration<double>(now - t.started).count()};
    if (t.step == Step::kRequest) {
      c.outcome = Outcome::kNoAck;
      abandoned_[xid] = t.tag;  // its ACK may still come: the server would then hold a lease
      abandoned_until_.emplace(now + 20 * options_.timeout, xid);
    } else if (t.step == Step::kRenew) {
      c.outcome = Outcome::kRenewTimeout;
    }
    done.push_back(c);
    disarm(xid);
  }
}

}  // namespace provsim::dhcp
