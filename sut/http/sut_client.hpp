#pragma once
// A JSON-over-HTTP/1.1 client for one system under test: one kept-alive
// connection, a wall-clock timeout per request, and each request's
// wall-clock latency recorded. It never throws for what the system does:
// a refused connection, a timeout, a status other than 200 or a body that
// is not JSON come back as a failed Exchange with its kind and text.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace httplib {
class Client;
}

namespace provsim::sut {

// "http://127.0.0.1:9100" split up; throws std::invalid_argument for any
// other form (https, a path, no port).
struct SutAddress {
  std::string host;
  int port = 0;
  static SutAddress parse(const std::string& url);
  std::string url() const { return "http://" + host + ":" + std::to_string(port); }
};

struct Exchange {
  enum class Failure { kNone, kTimeout, kProtocol };
  Failure failure = Failure::kNone;
  std::string problem;       // what went wrong, for the divergence record
  nlohmann::json answer;     // the parsed body when failure == kNone
  double latency_ms = 0;     // wall clock, request sent to answer read
};

class SutClient {
 public:
  SutClient(SutAddress address, double timeout_seconds);
  ~SutClient();
  SutClient(const SutClient&) = delete;
  SutClient& operator=(const SutClient&) = delete;

  Exchange post(const std::string& path, const nlohmann::json& body);
  Exchange get(const std::string& path);
  // POST /reset: asks the system to start afresh for `scenario` and `seed`;
  // false (with `problem`) when it cannot be reached or refuses. `more`:
  // further fields of the request (an object), e.g. where the parties are.
  bool start_run(const std::string& scenario, std::uint64_t seed, std::string& problem,
                 const nlohmann::json& more = nlohmann::json::object());

  const SutAddress& address() const { return address_; }
  // Every request's latency, in the order made.
  const std::vector<double>& latencies_ms() const { return latencies_; }

 private:
  SutAddress address_;
  std::unique_ptr<httplib::Client> http_;
  std::vector<double> latencies_;
};

}  // namespace provsim::sut
