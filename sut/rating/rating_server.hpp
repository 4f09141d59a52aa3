#pragma once
// The reference rating engine served over the wire protocol: the example
// a system-under-test author compares against, and what the harness's own
// tests put under test. Planted faults make it wrong in named ways, so the
// tests can prove the harness catches each with the right verdict.
//
// It serves any of the scenarios it was started with; POST /reset names
// one and starts a fresh engine on its catalog and rating rules. Requests
// are handled one at a time.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/rating_port.hpp"
#include "sim/scenario/scenario.hpp"
#include "sut/http/json_server.hpp"
#include "sut/rating/rating_json.hpp"

namespace provsim::sut {

enum class Fault : std::uint8_t {
  kNone,
  kHalfEven,   // every rating rule rounds half-even instead of its own method
  kDropShare,  // a rated event's last share is left out
  kLate,       // every answer comes after a delay
  kWrongReason,  // a suspended event's reason is always no_rule
  kGarbled,      // answers to event batches miss their results field
};
// "none", "half-even", "drop-share", "late", "wrong-reason", "garbled";
// nothing for an unknown name.
std::optional<Fault> fault_named(const std::string& name);

struct ServerOptions : ServeOptions {
  Fault fault = Fault::kNone;
};

class RatingServer : public JsonServer {
 public:
  // Loads the scenarios (bad input throws as load_scenario does).
  explicit RatingServer(ServerOptions options);
  ~RatingServer();

 private:
  struct Session;
  Json handle(const std::string& operation, const Json& request);
  void plant(sim::EventAnswer& answer) const;

  ServerOptions options_;
  std::vector<std::filesystem::path> temporary_;  // rewritten copies (half-even)
  std::map<std::string, std::unique_ptr<sim::Scenario>> scenarios_;
  std::unique_ptr<Session> session_;
};

}  // namespace provsim::sut
