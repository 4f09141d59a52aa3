// One prospect's way through the platform, the same for every channel
//, read top-down:
//   location -> qualification -> offer -> registration form -> ISP account
//   -> order intake -> provisioning -> confirmation.
// The channel decides how long each step takes and who gives up.

#include "sim/actors/prospect.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <algorithm>

#include "sim/actors/account_system.hpp"
#include "sim/actors/provisioning_manager.hpp"
#include "sim/actors/qualification_service.hpp"
#include "sim/channels.hpp"
#include "sim/rpc.hpp"
#include "sim/run_context.hpp"
#include "sim/sim_clock.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

// The replies a prospect waits for.
using ProspectCaller = Caller<QualifyReply, AccountReply, OrderConfirmation>;

// The prospect's last step. A line that did not end up in service is free
// for the next prospect.
void finish(Channels& channels, ProspectRecord& p, Stage stage, std::string reason) {
  p.stage = stage;
  p.reason = std::move(reason);
  p.finished = now();
  if (stage != Stage::kProvisioned) channels.set_line_busy(p.line, false);
}

// The subscriber's picks from the offer: one access tier (the fastest the
// line can carry), every ISP service, each BSP offering with some chance.
SubmitOrder choose_from(const RunContext& ctx, const ProspectOptions& options, const QualificationResult& q,
                        ProspectRecord& p, Rng& rng) {
  SubmitOrder order;
  order.prospect = p.index;
  order.channel = p.channel;
  order.token = *q.token;
  order.line = p.line;
  order.isp = p.isp;
  order.plan = q.offer.plan;
  const double take = options.bsp_take;
  std::uint32_t best_speed = 0;
  for (const PlanItem& item : q.offer.items) {
    const Offering& o = ctx.catalog.offering(item.offering);
    switch (o.kind) {
      case OfferingKind::kAccessTier: {
        const AccessTier* tier = ctx.tiers.find(o.id);
        const std::uint32_t speed = tier ? tier->speed_kbps : 0;
        if (!order.access_tier.valid() || speed > best_speed) {
          order.access_tier = o.id;
          best_speed = speed;
        }
        break;
      }
      case OfferingKind::kIspService: order.isp_services.push_back(o.id); break;
      default:
        if (rng.bernoulli(take)) order.bsp_offerings.push_back(o.id);
        break;
    }
  }
  return order;
}

// Asks the ISP's account system to create the subscriber; a taken login id
// is retried once with the ISP's suggestion if the subscriber accepts it.
AccountResult register_account(const RunContext& ctx, const ProspectOptions& options, ProspectRecord& p,
                               ProspectCaller& caller, Rng& rng) {
  // An NP referral waits for the chosen ISP to accept (channel.np_csr.isp_timeout).
  const double timeout = p.channel == Channel::kNpCsr ? options.referral_timeout : options.np_timeout;
  AccountRequest request{p.index, p.channel == Channel::kNpCsr, false};
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto reply = caller.call<AccountReply>(ctx.accounts_box(p.isp), request, timeout, ctx.message_bytes());
    if (!reply) return AccountResult::kNoAnswer;
    if (reply->result != AccountResult::kLoginTaken) return reply->result;
    if (!rng.bernoulli(options.accept_suggestion)) return AccountResult::kLoginTaken;
    request.take_suggestion = true;
  }
  return AccountResult::kLoginTaken;
}

}  // namespace

void channel_down(Channels& channels, ProspectRecord& p) { finish(channels, p, Stage::kAbandoned, kChannelDown); }

void ProspectActor::operator()() {
  const RunContext& ctx = context_;
  const ProspectOptions& o = options_;
  ProspectRecord& p = prospect_;
  ChannelProcess& channel = channel_;
  // An outage of the channel's host kills this actor: the prospect is lost
  // to the channel, his line free again. (At the end of the run every actor
  // is killed too, with every host up; then nothing is changed.)
  sg4::Host* host = sg4::this_actor::get_host();
  sg4::this_actor::on_exit([&channels = channels_, &p, &channel, host](bool killed) {
    if (!killed || host->is_on() || p.finished >= 0) return;
    if (p.stage == Stage::kProvisioning) return;  // the order goes on without him
    channel.end_conversation(p);
    channel_down(channels, p);
  });
  Rng rng = ctx.stream("prospect-" + std::to_string(p.index));
  ProspectCaller caller("prospect-" + std::to_string(p.index));
  const double timeout = o.np_timeout * 3;

  // Every way out ends the conversation with the channel first (a CSR hangs up).
  auto end = [&](Stage stage, std::string reason) {
    channel.end_conversation(p);
    finish(channels_, p, stage, std::move(reason));
  };

  if (StepResult s = channel.enter_location(p, rng); !s.go_on) return end(Stage::kAbandoned, s.reason);

  for (int round = 0; round < 2; ++round) {  // an expired token sends the prospect back once
    auto q =
        caller.call<QualifyReply>(ctx.qualification_box(), QualifyRequest{p.line, p.isp}, timeout, ctx.message_bytes());
    if (!q) return end(Stage::kQualifyUnknown, "qualification_timeout");
    const QualificationResult& result = q->result;
    if (result.status == QualificationStatus::kUnknown)
      return end(Stage::kQualifyUnknown, std::string(to_string(result.reason)));
    if (result.status == QualificationStatus::kNotQualified)
      return end(Stage::kNotQualified, std::string(to_string(result.reason)));
    p.qualified = now();

    if (round == 0) {
      if (StepResult s = channel.choose_offer(p, rng); !s.go_on) return end(Stage::kAbandoned, s.reason);
      if (!rng.bernoulli(o.conversion)) return end(Stage::kDeclined, "declined");
      if (StepResult s = channel.enter_registration(p, rng); !s.go_on) return end(Stage::kAbandoned, s.reason);
      switch (register_account(ctx, o, p, caller, rng)) {
        case AccountResult::kCreated: break;
        case AccountResult::kLoginTaken: return end(Stage::kAbandoned, "login_taken");
        case AccountResult::kRejected: return end(Stage::kRejected, "identity_check");
        case AccountResult::kRefused: return end(Stage::kRejected, "isp_refused");
        case AccountResult::kNoAnswer: return end(Stage::kRejected, "isp_no_answer");
      }
      p.registered = now();
      channel.end_conversation(p);  // registered: the order goes on without the channel
      sg4::this_actor::sleep_for(rng.exponential(o.order_delay));
    }

    SubmitOrder order = choose_from(ctx, o, result, p, rng);
    order.device_id_wrong = channels_.device_id_wrong(p.line);  // as registered
    p.submitted = now();
    p.stage = Stage::kProvisioning;
    // The confirmation comes when the order reaches its terminal state.
    // With durability the platform may crash and lose the submission (or
    // the confirmation): the channel submits again after a while, then
    // after twice as long each time (a slow order is not a lost one), and
    // the platform knows the prospect's order.
    const bool durable = ctx.options.durability;  // the platform's durability is on
    double wait = durable ? o.resubmit_after : 1e12;
    std::optional<OrderConfirmation> confirmation;
    while (!(confirmation = caller.call<OrderConfirmation>(ctx.intake_box(), order, wait, ctx.message_bytes())) &&
           durable)
      wait = std::min(wait * 2, 1e12);
    if (!confirmation) return;  // the run ended first (unreachable with an unbounded wait)
    p.subscriber = confirmation->subscriber;
    switch (confirmation->outcome) {
      case OrderOutcome::kCompleted: return end(Stage::kProvisioned, "");
      case OrderOutcome::kFailed: return end(Stage::kFailed, confirmation->reason);
      case OrderOutcome::kTokenExpired: break;  // qualify again
    }
  }
  finish(channels_, p, Stage::kTokenExpired, "token_expired");
}

}  // namespace provsim::sim
