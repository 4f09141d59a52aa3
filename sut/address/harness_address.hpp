#pragma once
// The IP address server under test: an AddressLink that sends every request
// to an external system over the wire protocol and to the in-process
// reference on the same inputs, compares the answers (bind status, lease
// outcome, done or not, and the effects: waits that ended granted or
// blocked, leases pre-empted or expired, loans and blocks asked for and
// arriving) and records every divergence.
//
//   shadow: the reference's answers and effects drive the simulation;
//   drive:  the system's do; the reference only judges. When the system
//           gives no usable answer the reference's stands in, so the run
//           can go on; the divergence is kept.
//
// Whatever the mode, the harness keeps its own account of which address the
// system has leased to whom, from the system's answers alone, and calls it
// an invariant divergence when the system hands out an address it has
// leased to someone else and not taken back.
//
// The simulation asks the system to advance at the reference's deadlines
// (expiries, wait timeouts, loan returns) and with every request; a system
// whose own deadlines fall elsewhere reports what fell due at the next one.

#include <memory>
#include <string>

#include "model/catalog/catalog.hpp"
#include "sim/address_port.hpp"
#include "sut/http/divergence_log.hpp"
#include "sut/http/harness_options.hpp"
#include "sut/http/sut_client.hpp"

namespace provsim::sut {

class AddressHarness : public sim::AddressBackend {
 public:
  AddressHarness(const Catalog& catalog, HarnessOptions options);

  // Asks the system to start afresh for `scenario`; false (with `problem`)
  // when it cannot be reached or refuses. Call before the run.
  bool reset(const std::string& scenario, std::uint64_t seed, std::string& problem);

  std::unique_ptr<sim::AddressLink> make(AddressServer& reference) override;

  const DivergenceLog& divergences() const { return log_; }

 private:
  const Catalog& catalog_;
  HarnessOptions options_;
  SutClient client_;
  DivergenceLog log_;
};

}  // namespace provsim::sut
