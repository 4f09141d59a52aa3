#pragma once
// The reference IP address server served over the wire protocol: the
// example a system-under-test author compares against, and what the
// harness's own tests put under test. Planted faults make it wrong in named
// ways, so the tests can prove the harness catches each with its verdict.
//
// It serves any of the scenarios it was started with; POST /reset names
// one (and the run's seed) and starts a fresh server on its address plan
// and ip.* settings, as a run builds its own. Requests are handled one at a
// time.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sut/address/address_json.hpp"
#include "sut/http/json_server.hpp"

namespace provsim::sut {

enum class AddressFault : std::uint8_t {
  kNone,
  kDoubleAllocation,  // a granted lease names the address the previous grant still holds
  kLate,              // every answer comes after a delay
  kIgnoreRelease,     // a release is answered done but the lease stays held
};
// "none", "double-allocation", "late", "ignore-release"; nothing for an
// unknown name.
std::optional<AddressFault> address_fault_named(const std::string& name);

struct AddressServerOptions : ServeOptions {
  AddressFault fault = AddressFault::kNone;
};

class AddressHttpServer : public JsonServer {
 public:
  // Loads the scenarios (bad input throws as load_scenario does).
  explicit AddressHttpServer(AddressServerOptions options);
  ~AddressHttpServer();

 private:
  struct Session;
  Json handle(const std::string& operation, const Json& request);
  Json lease(Session& s, SubscriberId who, SimTime now);

  AddressServerOptions options_;
  std::map<std::string, std::unique_ptr<sim::Scenario>> scenarios_;
  std::unique_ptr<Session> session_;
};

}  // namespace provsim::sut
