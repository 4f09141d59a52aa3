// The provisioning manager on the platform host:
// order intake and the workflow engine (reached through the world's
// provisioning port) in one actor. It waits for whichever
// comes first, a message (a new order from a channel, or a party's answer)
// or the engine's next timer (a timeout or a retry back-off), feeds it to the
// engine and carries out the engine's effects: requests go to the party
// systems, finished orders are confirmed to their channel.
//
// provisioning.workers bounds the orders in progress; later orders wait in
// FIFO order at intake (the queue an architect sizes the workers against).

#include "sim/actors/provisioning_manager.hpp"

#include <deque>
#include <optional>
#include <unordered_map>
#include <variant>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/actors/subscriber_lifecycle.hpp"
#include "sim/channels.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/platform_components.hpp"
#include "sim/records.hpp"
#include "sim/rpc.hpp"
#include "sim/run_context.hpp"
#include "sim/sim_clock.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

class ProvisioningManager {
 public:
  ProvisioningManager(const RunContext& context, PlatformComponents& platform, Channels& channels, Records& records)
      : context_(context),
        platform_(platform),
        channels_(channels),
        records_(records),
        q_(platform.provisioning_queue()),
        inbox_(context.intake_box()),
        workers_(context.options.provisioning_workers),
        journal_(platform.durability() ? &platform.durability()->provisioning() : nullptr) {}

  void run() {
    Receiver<IntakeMessage> intake(inbox_);
    if (q_.started) restarted();
    q_.started = true;
    while (true) {
      std::optional<IntakeMessage> message = intake.receive_until(platform_.provisioning().next_wakeup());
      if (!message) {
        carry_out(platform_.provisioning().advance(now()));
        continue;
      }
      records_.count_event();
      std::visit([this](auto& m) { handle(m); }, *message);
    }
  }

 private:
  // Back after a crash: the port tells a manager under test. The reference
  // has nothing to do (its state survived), and then nothing is written.
  void restarted() {
    Effects effects = platform_.provisioning().restarted(now());
    if (!effects.requests.empty() || !effects.finished.empty()) carry_out(std::move(effects));
  }

  // Order intake: check the token, create the subscriber and the order.
  void handle(const OrderCall& call) {
    const SubmitOrder& s = call.request;
    if (journal_ && resubmitted(call)) return;
    if (platform_.qualification().check_token(s.token, s.line, s.isp, now()) != TokenCheck::kValid) {
      call.answer(OrderConfirmation{OrderOutcome::kTokenExpired, "token_expired", SubscriberId()},
                  context_.message_bytes());
      return;
    }
    Order order;
    order.id = platform_.new_order();
    order.channel = s.channel;
    order.kind = OrderKind::kNew;
    order.subscriber = platform_.new_subscriber();
    order.isp = s.isp;
    order.line = s.line;
    order.plan = s.plan;
    order.access_tier = s.access_tier;
    order.isp_services = s.isp_services;
    order.bsp_offerings = s.bsp_offerings;
    ProspectRecord& prospect = channels_.prospects()[s.prospect];
    prospect.order = order.id;
    prospect.subscriber = order.subscriber;
    q_.replies[order.id.value()] = call.reply_to;
    if (s.device_id_wrong) q_.device_id_wrong.insert(order.id.value());
    if (journal_) q_.by_prospect[s.prospect] = order.id;
    accept(std::move(order));
  }

  // The channel submitted an order it already submitted (it heard nothing
  // while the platform was down): the answer goes to where it waits now.
  bool resubmitted(const OrderCall& call) {
    const auto known = q_.by_prospect.find(call.request.prospect);
    if (known == q_.by_prospect.end()) return false;
    const auto done = q_.confirmed.find(known->second.value());
    if (done != q_.confirmed.end())
      call.answer(done->second, context_.message_bytes());
    else
      q_.replies[known->second.value()] = call.reply_to;
    return true;
  }

  void handle(InternalOrder& internal) { accept(std::move(internal.order)); }

  void handle(const TaskReply& answer) {
    carry_out(platform_.provisioning().answer(answer.request, answer.outcome, now(), answer.reason));
  }

  // An order goes to a free worker or waits for one, whoever sent it
  // (a channel, or a platform-internal process: churn, changes).
  void accept(Order order) {
    if (!order.id.valid()) order.id = platform_.new_order();
    if (q_.active < workers_) {
      start(std::move(order));
    } else {
      q_.waiting.push_back(ProvisioningQueue::Waiting{std::move(order), now()});
      records_.waiting_for_worker(q_.waiting.size());
      if (journal_) journal_->then(journal_->append(platform_.durability()->record_bytes()), [] {});
    }
  }

  void start(Order order) {
    ++q_.active;
    carry_out(platform_.provisioning().start(std::move(order), now()));
  }

  void carry_out(Effects effects) {
    // The engine's transitions are written before anything they caused
    // leaves the manager: under sync the manager waits for the write, under
    // group what they caused is held until it is done.
    const std::uint64_t previous = held_by_;
    if (journal_) {
      const std::uint64_t seq = journal_->append(platform_.durability()->record_bytes());
      if (journal_->mode() == CommitMode::kGroup)
        held_by_ = seq;
      else
        journal_->wait_durable(seq);
    }
    for (Request& r : effects.requests) {
      TaskRequest request{r, {}};
      if (r.action == Action::kOpen) request.items = platform_.billed_items(r.subscriber);
      if (r.action == Action::kActivate) request.device_id_wrong = q_.device_id_wrong.count(r.order.value()) > 0;
      send(context_.party_box(r.adapter, r.party), TaskCall{std::move(request), ReplyTo<TaskReply>(inbox_, r.id)});
    }
    for (OrderResult& result : effects.finished) finished(std::move(result));
    held_by_ = previous;
    records_.orders_in_system(now(), platform_.workflow().active_orders());
  }

  // Sends now, or once the record of the change that caused it is written.
  template <typename Message, typename Box>
  void send(const Box& box, Message message) {
    if (held_by_ == 0) {
      box.send(std::move(message), context_.message_bytes());
      return;
    }
    journal_->hold(held_by_, [box, message = std::move(message), bytes = context_.message_bytes()]() mutable {
      box.send(std::move(message), bytes);
    });
  }

  void finished(OrderResult result) {
    --q_.active;
    q_.device_id_wrong.erase(result.order.value());
    auto it = q_.replies.find(result.order.value());
    if (it != q_.replies.end()) {
      const bool ok = result.state == OrderState::kCompleted;
      OrderConfirmation confirmation{ok ? OrderOutcome::kCompleted : OrderOutcome::kFailed, result.reason,
                                     result.subscriber};
      send(it->second, confirmation);
      if (journal_) q_.confirmed[result.order.value()] = confirmation;
      q_.replies.erase(it);
    }
    platform_.lifecycle().on_finished(result);
    records_.order_finished(std::move(result));
    while (q_.active < workers_ && !q_.waiting.empty()) {
      Order next = std::move(q_.waiting.front().order);
      q_.waiting.pop_front();
      records_.waiting_for_worker(q_.waiting.size());
      start(std::move(next));
    }
  }

  const RunContext& context_;
  PlatformComponents& platform_;
  Channels& channels_;  // each prospect's order
  Records& records_;
  ProvisioningQueue& q_;
  Mailbox<IntakeMessage> inbox_;
  std::size_t workers_;
  Journal* journal_;           // null without durability
  std::uint64_t held_by_ = 0;  // group: the record the messages sent now wait for (0: none)
};

}  // namespace

void ProvisioningManagerActor::operator()() {
  ProvisioningManager manager(context_, platform_, channels_, records_);
  manager.run();
}

}  // namespace provsim::sim
