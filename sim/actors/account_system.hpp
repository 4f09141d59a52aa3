#pragma once
// An ISP's account system: authenticates or creates the subscriber
// (AccountCall, sim/messages.hpp). A pool of workers reads the ISP's accounts mailbox.
//
// Reads the run context (its mailbox, its random stream) and
// AccountOptions; changes the records (events handled) and nothing else.

#include "model/core/strong_id.hpp"
#include "sim/messages.hpp"

namespace provsim::sim {

class RunContext;
struct AccountOptions;
class Records;

class AccountWorker {
 public:
  AccountWorker(const RunContext& context, Records& records, const AccountOptions& options, ProviderId isp, int worker)
      : context_(context), records_(records), options_(options), isp_(isp), worker_(worker) {}

  void operator()();

 private:
  const RunContext& context_;
  Records& records_;
  const AccountOptions& options_;
  ProviderId isp_;
  int worker_;
};

}  // namespace provsim::sim
