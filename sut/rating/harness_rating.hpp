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
#include "sut/rating/divergence_log.hpp"
#include "sut/rating/rating_json.hpp"
#include "sut/rating/sut_client.hpp"

namespace provsim::sut {

enum class SutMode : std::uint8_t { kShadow, kDrive };

struct HarnessOptions {
  SutAddress address;
  SutMode mode = SutMode::kShadow;
  double timeout_seconds = 5;
  std::size_t keep_divergences = 100;  // kept in full in divergences.csv
};

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
