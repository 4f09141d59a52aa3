#pragma once
// An ISP's account system and the messages it takes: authenticate or create
// the subscriber. A pool of workers reads the ISP's accounts mailbox.

#include <cstdint>

#include "model/core/strong_id.hpp"
#include "sim/rpc.hpp"

namespace provsim::sim {

class World;

// Channel -> ISP account system: authenticate or create the subscriber.
struct AccountRequest {
  std::uint64_t prospect = 0;
  bool np_referral = false;      // NP CSR channel: the ISP is asked to accept
  bool take_suggestion = false;  // the login id the ISP suggested is taken
};
// kRefused: the ISP will not take a subscriber the NP registered for it.
// kNoAnswer is never sent: the caller's wait for the reply ran out.
enum class AccountResult : std::uint8_t { kCreated, kLoginTaken, kRejected, kRefused, kNoAnswer };
struct AccountReply {
  AccountResult result = AccountResult::kCreated;
};
using AccountCall = Call<AccountRequest, AccountReply>;

void account_worker(World& world, ProviderId isp, int worker);

}  // namespace provsim::sim
