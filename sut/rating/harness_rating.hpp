#pragma once
// The rating engine under test: a RatingPort that sends every request to
// an external system over the wire protocol and to the in-process reference
// on the same inputs, compares the answers and records every divergence.
//
//   shadow: the reference's answers drive the simulation;
//   drive:  the system's answers drive it (rated-event records, invoices,
//           settlements), the reference only judges. When the system gives
//           no usable answer (timeout, protocol error) the reference's
//           answer stands in, so the run can go on; the divergence is kept.
//
// Lock-step comes free: the simulation waits inside the call, so simulated
// time stands still until the system has answered.

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "sim/rating_port.hpp"
#include "sut/http/divergence_log.hpp"
#include "sut/rating/rating_json.hpp"
#include "sut/http/harness_options.hpp"
#include "sut/http/sut_client.hpp"

namespace provsim::sut {

// One run's harness for the rating engine: makes the port the World uses
// and keeps what it found after the run.
class RatingHarness : public sim::RatingBackend {
 public:
  RatingHarness(const Catalog& catalog, HarnessOptions options);

  // Asks the system to start afresh for `scenario`; false (with `problem`)
  // when it cannot be reached or refuses. Call before the run.
  bool reset(const std::string& scenario, std::uint64_t seed, std::string& problem);

  std::unique_ptr<sim::RatingPort> make(RatingEngine& reference, RatingObserver& records) override;

  const DivergenceLog& divergences() const { return log_; }
  SutClient& client() { return client_; }

 private:
  HarnessOptions options_;
  RatingJson json_;
  SutClient client_;
  DivergenceLog log_;
};

}  // namespace provsim::sut
