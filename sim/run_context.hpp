#pragma once
// The read-only context of one run: the scenario and its typed options, the
// catalog, the access tiers, the SimGrid hosts, the named random streams and
// the mailboxes every system listens on. Every actor may read it; nothing
// in it changes while the run goes on, so an actor that takes only this
// (and its own options) can change nothing but what it is handed besides.
//
// The World (sim/world.hpp) is this context plus the parts of the run that
// change; an actor gets the context and, explicitly, the parts it changes.

#include <string>

#include "model/core/random.hpp"
#include "sim/messages.hpp"
#include "sim/platform.hpp"
#include "sim/rpc.hpp"
#include "sim/scenario/scenario.hpp"

namespace provsim::sim {

class RunContext {
 public:
  RunContext(const Scenario& scenario, const Platform& hosts);
  RunContext(const RunContext&) = delete;
  RunContext& operator=(const RunContext&) = delete;

  const Scenario& scenario;
  const Config& config;
  const RunOptions& options;  // every setting the run uses, typed (sim/scenario/run_options.hpp)
  const Catalog& catalog;
  const AccessTierTable& tiers;
  const Platform& hosts;  // the SimGrid hosts and links (sim/platform.hpp)

  // A random stream per actor or generator, named so adding one never
  // changes the draws of another.
  Rng stream(const std::string& name) const { return Rng::stream(scenario.seed, name); }
  double message_bytes() const { return message_bytes_; }
  double end_time() const { return end_time_; }

  // --- mailboxes: each carries one message type (sim/messages.hpp) -------
  Mailbox<QualifyCall> qualification_box() const { return box<QualifyCall>("platform.qualification"); }
  Mailbox<LookupCall> serviceability_box() const { return box<LookupCall>("np.serviceability"); }
  Mailbox<AccountCall> accounts_box(ProviderId isp) const { return box<AccountCall>("isp.accounts." + code(isp)); }
  Mailbox<IntakeMessage> intake_box() const { return box<IntakeMessage>("platform.provisioning"); }
  Mailbox<BatchCall> rating_box() const { return box<BatchCall>("platform.rating"); }
  Mailbox<LoanCall> reserve_box() const { return box<LoanCall>("np.address_reserve"); }
  Mailbox<BlockCall> block_box(ProviderId isp) const { return box<BlockCall>("isp.address_blocks." + code(isp)); }
  // Where a provisioning request for `adapter` at `party` goes.
  Mailbox<TaskCall> party_box(AdapterKind adapter, ProviderId party) const;

 protected:
  ~RunContext() = default;

 private:
  template <typename Message>
  static Mailbox<Message> box(const std::string& name) {
    return Mailbox<Message>::named(name);
  }
  const std::string& code(ProviderId id) const { return catalog.provider(id).code; }

  double message_bytes_;
  double end_time_;
};

}  // namespace provsim::sim
