#pragma once
// Request/response between actors over SimGrid mailboxes.
//
// Every message is an Envelope: a payload, the caller's reply mailbox and a
// call id. A caller owns a private reply mailbox; a reply that arrives after
// the caller stopped waiting (a timeout) carries an old call id and is
// dropped, which is what a real client does with a late answer.
//
// Replies and one-way messages are sent detached: the sender does not wait
// for delivery, and a message nobody ever receives is freed by SimGrid.
//
// A message whose transfer fails (a link or host on its way went down, see
// sim/actors/fault_injector.cpp) is lost: the receiver never sees it and
// keeps waiting, so a caller times out as it would in a real network.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Mailbox.hpp>
#include <simgrid/Exception.hpp>

namespace provsim::sim {

// What travels in a mailbox. Replies are received through the base class and
// matched by call id before their payload type is trusted, so a late reply
// of another type can never be misread.
struct EnvelopeBase {
  EnvelopeBase(std::uint64_t id, simgrid::s4u::Mailbox* reply) : call_id(id), reply_to(reply) {}
  virtual ~EnvelopeBase() = default;
  std::uint64_t call_id = 0;
  simgrid::s4u::Mailbox* reply_to = nullptr;  // null for one-way messages
};

template <typename Payload>
struct Envelope : EnvelopeBase {
  Envelope(std::uint64_t id, simgrid::s4u::Mailbox* reply, Payload p)
      : EnvelopeBase(id, reply), payload(std::move(p)) {}
  Payload payload;
};

// Sends `payload` to `to` without waiting for delivery.
template <typename Payload>
void send(simgrid::s4u::Mailbox* to, Payload payload, double bytes, std::uint64_t call_id = 0,
          simgrid::s4u::Mailbox* reply_to = nullptr) {
  EnvelopeBase* env = new Envelope<Payload>(call_id, reply_to, std::move(payload));
  to->put_init(env, static_cast<std::uint64_t>(bytes))->detach([](void* data) {
    delete static_cast<EnvelopeBase*>(data);
  });
}

// Receives the next message of type Payload from `box` (blocking).
// A server's mailbox carries one payload type (a std::variant when the
// server takes several kinds of request).
template <typename Payload>
std::unique_ptr<Envelope<Payload>> receive(simgrid::s4u::Mailbox* box) {
  while (true) {
    try {
      std::unique_ptr<EnvelopeBase> base(box->get<EnvelopeBase>());
      return std::unique_ptr<Envelope<Payload>>(static_cast<Envelope<Payload>*>(base.release()));
    } catch (const simgrid::NetworkFailureException&) {
      // lost on the way: wait for the next one
    }
  }
}

// Answers a request received in `request`.
template <typename Reply, typename Request>
void reply(const Envelope<Request>& request, Reply answer, double bytes) {
  if (request.reply_to) send(request.reply_to, std::move(answer), bytes, request.call_id);
}

// The client side: one per actor that makes calls.
class Caller {
 public:
  explicit Caller(const std::string& name) : inbox_(simgrid::s4u::Mailbox::by_name(name)) {}

  simgrid::s4u::Mailbox* inbox() const { return inbox_; }

  // Sends `request` and waits up to `timeout` seconds of simulated time for
  // its reply. Returns nothing on timeout.
  template <typename Reply, typename Request>
  std::optional<Reply> call(simgrid::s4u::Mailbox* to, Request request, double timeout, double bytes) {
    const std::uint64_t id = ++next_call_;
    send(to, std::move(request), bytes, id, inbox_);
    const double deadline = simgrid::s4u::Engine::get_clock() + timeout;
    while (true) {
      const double left = deadline - simgrid::s4u::Engine::get_clock();
      if (left <= 0) return std::nullopt;
      EnvelopeBase* raw = nullptr;
      auto comm = inbox_->get_async<EnvelopeBase>(&raw);
      try {
        comm->wait_for(left);
      } catch (const simgrid::TimeoutException&) {
        return std::nullopt;
      } catch (const simgrid::NetworkFailureException&) {
        continue;  // the reply was lost on the way: keep waiting until the deadline
      }
      std::unique_ptr<EnvelopeBase> env(raw);
      if (env->call_id == id) return std::move(static_cast<Envelope<Reply>*>(env.get())->payload);
      // A late reply to an earlier call: drop it and keep waiting.
    }
  }

 private:
  simgrid::s4u::Mailbox* inbox_;
  std::uint64_t next_call_ = 0;
};

}  // namespace provsim::sim
