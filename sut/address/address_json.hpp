#pragma once
// The IP address server's wire format (docs/harness-address.openapi.json):
// each request of sim/address_port.hpp and its answer as JSON. Subscribers
// travel as numbers, ISPs as the scenario's provider codes, pools by name
// (the owner's code, then "/" and the region for a per-region pool),
// addresses as text, times as seconds of simulated time. Loan and block
// requests carry the id the server gave them; the answer to one comes back
// to the server as POST /complete with that id.
//
// Decoding checks what it reads and throws ProtocolError naming the field.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/address/address_server.hpp"
#include "model/catalog/catalog.hpp"
#include "sut/http/catalog_fields.hpp"
#include "sut/http/json_fields.hpp"

namespace provsim::sut {

std::string_view to_string(BindStatus status);
std::string_view to_string(LeaseStatus status);
std::string_view effect_name(AddressEffect::Kind kind);

// One effect as the wire has it: what the simulation acts on, and the
// address it names (if any), for the harness's own check of who holds what.
struct WireEffect {
  AddressEffect effect;
  std::string address;
};

class AddressJson {
 public:
  // `server` names the pools and addresses (the plans of the reference and
  // of a served copy are the same).
  AddressJson(const Catalog& catalog, const AddressServer& server) : catalog_(catalog), server_(server) {}

  std::string pool_name(PoolId pool) const;
  std::optional<PoolId> pool_named(const std::string& name) const;
  // The address a subscriber's current lease holds on `server`; empty: none.
  std::string address_of(SubscriberId who) const;

  Json effects(std::span<const AddressEffect> effects) const;
  std::vector<WireEffect> effects(const Json& answer) const;  // the answer's "effects"

  BindStatus bind_status(const Json& answer) const;
  LeaseStatus lease_status(const Json& answer) const;
  bool done(const Json& answer) const;
  SubscriberId subscriber(const Json& request) const;
  ProviderId isp(const Json& request) const;

  const Catalog& catalog() const { return catalog_; }

 private:
  const Catalog& catalog_;
  const AddressServer& server_;
};

}  // namespace provsim::sut
