// An ISP's account system: creates the subscriber's login,
// unless the requested login id is taken (the ISP suggests another) or the
// identity or credit check fails. A subscriber the NP's CSR registered on
// the ISP's behalf (an NP referral) may be refused, or left unanswered.

#include <simgrid/s4u/Actor.hpp>

#include "sim/actors/account_system.hpp"
#include "sim/records.hpp"
#include "sim/rpc.hpp"
#include "sim/run_context.hpp"

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

void AccountWorker::operator()() {
  Rng rng = context_.stream("accounts-" + context_.catalog.provider(isp_).code + "-" + std::to_string(worker_));
  const AccountOptions& o = options_;
  const double cost = o.cost;
  const double taken = o.login_taken;
  const double identity_failure = o.identity_failure;
  const double refusal = o.referral_refusal;
  const double no_answer = o.referral_no_answer;
  while (true) {
    const AccountCall call = context_.accounts_box(isp_).receive();
    const AccountRequest& request = call.request;
    records_.count_event();
    sg4::this_actor::execute(cost);
    AccountResult result = AccountResult::kCreated;
    // An NP referral: the ISP first decides whether to take the subscriber
    // at all, and may let the request lie unanswered.
    if (request.np_referral && !request.take_suggestion) {
      if (rng.bernoulli(no_answer)) continue;
      if (rng.bernoulli(refusal)) {
        call.answer(AccountReply{AccountResult::kRefused}, context_.message_bytes());
        continue;
      }
    }
    if (rng.bernoulli(identity_failure))
      result = AccountResult::kRejected;
    else if (!request.take_suggestion && rng.bernoulli(taken))
      result = AccountResult::kLoginTaken;
    call.answer(AccountReply{result}, context_.message_bytes());
  }
}

}  // namespace provsim::sim
