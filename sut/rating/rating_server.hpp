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
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim/rating_port.hpp"
#include "sim/scenario/scenario.hpp"
#include "sut/rating/rating_json.hpp"

namespace httplib {
class Server;
}

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

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  Fault fault = Fault::kNone;
  double delay_seconds = 2;  // for Fault::kLate
  // Each request and its answer as one JSON line (empty: none): what a
  // system-under-test author reads to see the protocol at work.
  std::filesystem::path exchange_log;
  std::vector<std::filesystem::path> scenarios;
};

class RatingServer {
 public:
  // Loads the scenarios (bad input throws as load_scenario does).
  explicit RatingServer(ServerOptions options);
  ~RatingServer();

  // Binds the address; returns the port (the one picked when 0 was asked).
  // Throws std::runtime_error when it cannot.
  int bind();
  // Serves until stop() (from another thread).
  void serve();
  void stop();

 private:
  struct Session;
  Json handle(const std::string& operation, const Json& request);
  void plant(sim::EventAnswer& answer) const;

  ServerOptions options_;
  std::vector<std::filesystem::path> temporary_;  // rewritten copies (half-even)
  std::map<std::string, std::unique_ptr<sim::Scenario>> scenarios_;
  std::unique_ptr<httplib::Server> http_;
  std::mutex mutex_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<std::ofstream> log_;
};

}  // namespace provsim::sut
