#pragma once
// The one way the simulation reaches the IP address server: bindings from
// provisioning, the sessions' leases, renewals and releases, the passing of
// time (expiries, waits that end) and the answers to loan and block
// requests. Every request carries the simulated time it is made at; what
// the server decides besides the direct answer (a wait that ended granted
// or blocked, a lease pre-empted or expired, a loan or block asked for)
// comes back as effects (model/address/address_effect.hpp).
//
// Two kinds of backend sit behind it: the in-process reference (the
// default) and the harness of sut/address/, which sends every request to an
// external system under test as well and compares, or lets its answers
// drive. Sessions call the port millions of times in a large run, so the
// reference path is not a virtual call: each operation is an inline test of
// one pointer that is null without a harness, then the model's own call.
//
// Reads of the pools' statistics for metrics and reports, and the queries
// the session actor schedules by (next_deadline, lease_of, bound), always
// read the reference: an external system reports no statistics, and the
// reference sees the same requests.

#include <memory>
#include <optional>
#include <span>
#include <utility>

#include "model/address/address_server.hpp"
#include "sim/scenario/config.hpp"
#include "sim/scenario/run_options.hpp"

namespace provsim::sim {


// The other side of the port when a system is under test. Its answers and
// effects are the ones that drive the simulation (the reference's in shadow
// mode, the system's in drive mode); request ids in effects and in
// complete() are that side's.
class AddressLink {
 public:
  virtual ~AddressLink() = default;
  virtual BindStatus bind(SubscriberId who, ProviderId isp, SimTime now) = 0;
  virtual bool unbind(SubscriberId who, SimTime now) = 0;
  virtual LeaseReply lease(SubscriberId who, SimTime now) = 0;
  virtual bool renew(SubscriberId who, SimTime now) = 0;
  virtual bool release(SubscriberId who, SimTime now) = 0;
  virtual bool vanish(SubscriberId who, SimTime now) = 0;
  virtual bool forget(SubscriberId who, SimTime now, Duration probation) = 0;
  virtual void advance(SimTime now) = 0;
  virtual void complete(RequestId request, SimTime now) = 0;
  virtual std::span<const AddressEffect> effects() const = 0;
  virtual void clear_effects() = 0;
};

class AddressPort {
 public:
  explicit AddressPort(AddressServer& reference, std::unique_ptr<AddressLink> link = nullptr)
      : server_(reference), link_(std::move(link)) {}

  // --- Requests.
  BindStatus bind(SubscriberId who, ProviderId isp, SimTime now) {
    if (link_) [[unlikely]]
      return link_->bind(who, isp, now);
    return server_.bind(who, isp, {}, now);
  }
  bool unbind(SubscriberId who, SimTime now) { return link_ ? link_->unbind(who, now) : server_.unbind(who, now); }
  LeaseReply lease(SubscriberId who, SimTime now) {
    if (link_) [[unlikely]]
      return link_->lease(who, now);
    return server_.lease(who, now);
  }
  bool renew(SubscriberId who, SimTime now) { return link_ ? link_->renew(who, now) : server_.renew(who, now); }
  bool release(SubscriberId who, SimTime now) {
    if (link_) [[unlikely]]
      return link_->release(who, now);
    return server_.release(who, now);
  }
  bool vanish(SubscriberId who, SimTime now) {
    if (link_) [[unlikely]]
      return link_->vanish(who, now);
    return server_.vanish(who, now);
  }
  bool forget(SubscriberId who, SimTime now, Duration probation) {
    return link_ ? link_->forget(who, now, probation) : server_.forget(who, now, probation);
  }
  void advance(SimTime now) {
    if (link_) [[unlikely]]
      return link_->advance(now);
    server_.advance(now);
  }
  void complete(RequestId request, SimTime now) {
    if (link_) return link_->complete(request, now);
    server_.complete(request, now);
  }
  std::span<const AddressEffect> effects() const { return link_ ? link_->effects() : server_.effects(); }
  void clear_effects() {
    if (link_) [[unlikely]]
      return link_->clear_effects();
    server_.clear_effects();
  }

  // --- Reads of the reference.
  SimTime next_deadline() const { return server_.next_deadline(); }
  bool bound(SubscriberId who) const { return server_.bound(who); }
  std::optional<std::pair<PoolId, Slot>> lease_of(SubscriberId who) const { return server_.lease_of(who); }
  [[gnu::always_inline]] void prefetch(SubscriberId who) const { server_.prefetch(who); }
  bool sends_requests() const { return server_.sends_requests(); }
  std::size_t pool_count() const { return server_.pool_count(); }
  const AddressPool& pool(PoolId id) const { return server_.pool(id); }
  const AddressServer& reference() const { return server_; }

 private:
  AddressServer& server_;
  std::unique_ptr<AddressLink> link_;
};

// Makes the link a run uses (the harness); none: the reference alone.
class AddressBackend {
 public:
  virtual ~AddressBackend() = default;
  virtual std::unique_ptr<AddressLink> make(AddressServer& reference) = 0;
};

}  // namespace provsim::sim
