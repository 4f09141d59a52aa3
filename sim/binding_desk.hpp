#pragma once
// The IP address server's binding desk: carries out the provisioning
// manager's bind and release requests (AdapterKind::kAddress) on the
// address server through its port, each once (an idempotency ledger per
// ISP answers a retried request as before), and tells the session driver,
// so that a bound subscriber's sessions start and an unbound one's stop.
//
// A platform component, owned by PlatformComponents
// (sim/platform_components.hpp), which connects it to its session driver;
// the party systems' workers (sim/actors/party_systems.cpp) serve its
// mailbox like any system the manager sends requests to.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/provisioning/idempotency_ledger.hpp"
#include "model/provisioning/provisioned_state.hpp"
#include "model/provisioning/request.hpp"
#include "sim/address_port.hpp"
#include "sim/messages.hpp"
#include "sim/party_answer.hpp"

namespace provsim::sim {

class SessionDriver;

class BindingDesk {
 public:
  // What one request changed: its ledger entry, and the binding it made or
  // ended (if any). Kept by the durability while its record is not written
  // (bindings under `none`), so a crash can take it back.
  struct Change {
    IdempotencyKey key;
    std::uint16_t ledger = 0;
    SubscriberId who;
    ProviderId isp;
    enum class Made : std::uint8_t { kNothing, kBound, kUnbound } made = Made::kNothing;
  };

  explicit BindingDesk(AddressPort& addresses) : addresses_(addresses) {}
  BindingDesk(const BindingDesk&) = delete;
  BindingDesk& operator=(const BindingDesk&) = delete;

  // From then on a binding made or ended starts or stops the subscriber's
  // sessions, and the driver first catches up to the time of the change.
  void connect(SessionDriver& sessions) { sessions_ = &sessions; }

  // Carries out one bind or release request (idempotently).
  PartyAnswer handle(const TaskRequest& task, SimTime now);
  // Binds a subscriber who was bound before the run began (bulk-loaded
  // population): no ledger entry.
  PartyAnswer preload(const Request& request, SimTime now);
  // What the last handle() changed (its ledger entry included); once.
  std::optional<Change> take_change() { return std::exchange(last_, std::nullopt); }
  // Takes a change back, as a restarted server that never wrote it would
  // not know it: the ledger forgets the request (its retry is carried out
  // again) and the binding it made is ended, or the one it ended restored.
  void undo(const Change& change, SimTime now);

  // Adds a line to `problems` when the address server's binding of `sub`
  // and the platform's store (`s`, null: nothing stored) disagree.
  void check(std::uint32_t sub, const SubscriberState* s, std::vector<std::string>& problems) const;

 private:
  PartyAnswer apply(const Request& r, SimTime now);

  AddressPort& addresses_;
  SessionDriver* sessions_ = nullptr;
  std::map<std::uint16_t, IdempotencyLedger> ledgers_;  // by the request's party
  std::optional<Change> last_;
};

}  // namespace provsim::sim
