#pragma once
// Typed messages between actors over SimGrid mailboxes.
//
// A Mailbox<Message> carries one message type: a plain struct, or a
// std::variant when a system takes several kinds of message (its actor
// dispatches them with std::visit). The type is named once, where the
// mailbox is looked up (the mailbox accessors of sim/run_context.hpp), so
// the compiler checks that every sender and the receiver agree on what
// travels.
//
// A request that wants an answer travels as a Call<Request, Reply>: the
// request and a ReplyTo<Reply>, the caller's mailbox and call id. A Caller
// owns a private reply mailbox typed as the variant of the replies it waits
// for; a reply that arrives after the caller stopped waiting (a timeout)
// carries an old call id and is dropped, which is what a real client does
// with a late answer.
//
// Every message is sent detached: the sender does not wait for delivery,
// and a message nobody ever receives is freed by SimGrid.
//
// A message whose transfer fails (a link or host on its way went down, see
// sim/actors/fault_injector.cpp) is lost: the receiver never sees it and
// keeps waiting, so a caller times out as it would in a real network.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Mailbox.hpp>
#include <simgrid/version.h>

#define PROVSIM_SIMGRID_HAS_ACTIVITY_SET \
  (SIMGRID_VERSION_MAJOR > 3 || (SIMGRID_VERSION_MAJOR == 3 && SIMGRID_VERSION_MINOR >= 34))
#if PROVSIM_SIMGRID_HAS_ACTIVITY_SET
#include <simgrid/s4u/ActivitySet.hpp>
#endif

namespace provsim::sim {

// What travels in a SimGrid mailbox: the message and, for a reply, the id
// of the call it answers.
template <typename Message>
struct Envelope {
  Message message;
  std::uint64_t call_id = 0;
};

// Waits up to `timeout` seconds of simulated time (no limit when negative)
// for `comm`, and leaves it posted when the time runs out: a message that
// comes later is still received by it (Comm::wait_for would cancel it).
// False on timeout. ActivitySet replaces Comm::wait_any_for from SimGrid
// 3.34 on (which deprecates it); older releases have only the latter.
inline bool wait_keeping(const simgrid::s4u::CommPtr& comm, double timeout) {
#if PROVSIM_SIMGRID_HAS_ACTIVITY_SET
  simgrid::s4u::ActivitySet pending;
  pending.push(comm);
  try {
    pending.wait_any_for(timeout);
    return true;
  } catch (const simgrid::TimeoutException&) {
    return false;
  }
#else
  return simgrid::s4u::Comm::wait_any_for({comm}, timeout) >= 0;
#endif
}

template <typename Message>
class Mailbox {
 public:
  explicit Mailbox(simgrid::s4u::Mailbox* box) : box_(box) {}
  static Mailbox named(const std::string& name) { return Mailbox(simgrid::s4u::Mailbox::by_name(name)); }

  // Sends without waiting for delivery.
  void send(Message message, double bytes, std::uint64_t call_id = 0) const {
    auto* envelope = new Envelope<Message>{std::move(message), call_id};
    box_->put_init(envelope, static_cast<std::uint64_t>(bytes))->detach([](void* data) {
      delete static_cast<Envelope<Message>*>(data);
    });
  }

  // Waits for the next message (one lost on its way never arrives).
  Message receive() const {
    while (true) {
      try {
        const std::unique_ptr<Envelope<Message>> envelope(box_->get<Envelope<Message>>());
        return std::move(envelope->message);
      } catch (const simgrid::NetworkFailureException&) {
        // lost on the way: wait for the next one
      }
    }
  }

  // Starts receiving the next envelope into `*into`; the caller waits on
  // the returned comm and then owns the envelope.
  simgrid::s4u::CommPtr receive_async(Envelope<Message>** into) const {
    return box_->get_async<Envelope<Message>>(into);
  }

  simgrid::s4u::Mailbox* get() const { return box_; }

 private:
  simgrid::s4u::Mailbox* box_;
};

// Where the answer to one call goes: a mailbox whose message type can hold
// a Reply, and the call id. Checked when it is made; the mailbox's own type
// is then carried by `deliver_`.
template <typename Reply>
class ReplyTo {
 public:
  ReplyTo() = default;  // nobody waits for an answer

  template <typename Message>
  ReplyTo(Mailbox<Message> to, std::uint64_t call_id)
      : box_(to.get()), call_id_(call_id), deliver_(&deliver<Message>) {
    static_assert(std::is_constructible_v<Message, Reply>, "that mailbox does not take this reply");
  }

  void send(Reply reply, double bytes) const {
    if (box_ != nullptr) deliver_(box_, std::move(reply), call_id_, bytes);
  }

 private:
  template <typename Message>
  static void deliver(simgrid::s4u::Mailbox* box, Reply&& reply, std::uint64_t call_id, double bytes) {
    Mailbox<Message>(box).send(Message(std::move(reply)), bytes, call_id);
  }

  simgrid::s4u::Mailbox* box_ = nullptr;
  std::uint64_t call_id_ = 0;
  void (*deliver_)(simgrid::s4u::Mailbox*, Reply&&, std::uint64_t, double) = nullptr;
};

// A request and where its answer goes.
template <typename Request, typename Reply>
struct Call {
  Request request;
  ReplyTo<Reply> reply_to;

  void answer(Reply reply, double bytes) const { reply_to.send(std::move(reply), bytes); }
};

// The client side: one per actor that makes calls, typed by the replies it
// waits for.
template <typename... Replies>
class Caller {
 public:
  using Message = std::variant<Replies...>;

  explicit Caller(const std::string& name) : inbox_(Mailbox<Message>::named(name)) {}

  // Sends `request` to `to` and waits up to `timeout` seconds of simulated
  // time for its reply. Returns nothing on timeout.
  template <typename Reply, typename Request, typename ToMessage>
  std::optional<Reply> call(Mailbox<ToMessage> to, Request request, double timeout, double bytes) {
    static_assert((std::is_same_v<Reply, Replies> || ...), "this caller does not wait for that reply");
    const std::uint64_t id = ++next_call_;
    to.send(Call<Request, Reply>{std::move(request), ReplyTo<Reply>(inbox_, id)}, bytes);
    const double deadline = simgrid::s4u::Engine::get_clock() + timeout;
    while (true) {
      const double left = deadline - simgrid::s4u::Engine::get_clock();
      if (left <= 0) return std::nullopt;
      Envelope<Message>* raw = nullptr;
      auto comm = inbox_.receive_async(&raw);
      try {
        comm->wait_for(left);
      } catch (const simgrid::TimeoutException&) {
        return std::nullopt;
      } catch (const simgrid::NetworkFailureException&) {
        continue;  // the reply was lost on the way: keep waiting until the deadline
      }
      const std::unique_ptr<Envelope<Message>> envelope(raw);
      // A late reply to an earlier call is dropped; the reply to this call
      // is a Reply (its ReplyTo was made for one).
      if (envelope->call_id == id) return std::get<Reply>(std::move(envelope->message));
    }
  }

 private:
  Mailbox<Message> inbox_;
  std::uint64_t next_call_ = 0;
};

// A server's side of one mailbox when it also waits for time: the receive
// stays posted across deadlines, so a message that arrives after one is
// received by the next wait.
template <typename Message>
class Receiver {
 public:
  explicit Receiver(Mailbox<Message> box) : box_(box) { post(); }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;
  ~Receiver() { delete raw_; }

  // The next message, or nothing when the simulated clock reaches
  // `deadline` first (no deadline: wait for a message).
  std::optional<Message> receive_until(std::optional<double> deadline) {
    while (true) {
      const double timeout = deadline ? std::max(0.0, *deadline - simgrid::s4u::Engine::get_clock()) : -1.0;
      try {
        if (!wait_keeping(pending_, timeout)) return std::nullopt;
      } catch (const simgrid::NetworkFailureException&) {  // lost on a link that went down
        post();
        continue;
      }
      const std::unique_ptr<Envelope<Message>> envelope(raw_);
      raw_ = nullptr;
      post();
      return std::move(envelope->message);
    }
  }

 private:
  void post() { pending_ = box_.receive_async(&raw_); }

  Mailbox<Message> box_;
  Envelope<Message>* raw_ = nullptr;
  simgrid::s4u::CommPtr pending_;
};

}  // namespace provsim::sim
