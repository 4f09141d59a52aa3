#pragma once
// The parties' systems as a provisioning manager under test reaches them in
// drive mode: `POST /party/{adapter}/{party}/request` on 127.0.0.1, at a
// port picked when the desk starts. A call is answered 202 at once; the
// harness carries it into the simulation later.
//
// Lock-step: the harness opens the desk while it waits inside one of its
// calls to the manager and closes it when the answer is in. What arrived
// meanwhile is handed over in arrival order; a call that arrives while the
// desk is closed is refused (HTTP 409), as is one that does not read as a
// party request (HTTP 400). The harness counts every refusal as a protocol
// error.
//
// The HTTP server runs on threads of its own; everything the harness reads
// is handed over under one mutex.

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sut/provisioning/provisioning_json.hpp"

namespace httplib {
class Server;
}

namespace provsim::sut {

// A party call that was refused: why, and what it said.
struct RefusedCall {
  std::string why;
  std::string body;
};

class PartyDesk {
 public:
  explicit PartyDesk(const ProvisioningJson& json);
  ~PartyDesk();
  PartyDesk(const PartyDesk&) = delete;
  PartyDesk& operator=(const PartyDesk&) = delete;

  // Listens on 127.0.0.1 at a free port; returns the base URL
  // (http://127.0.0.1:PORT). Throws std::runtime_error when it cannot.
  std::string start();

  // A call to the manager is about to be sent: party calls are taken.
  void open();
  // Its answer is in: the party calls that came meanwhile, in arrival order.
  std::vector<WireRequest> close();
  // The calls refused since the last time asked.
  std::vector<RefusedCall> take_refused();

 private:
  // Takes one call; the HTTP status to answer it with, and why if refused.
  int take(const std::string& adapter, const std::string& party, const std::string& body, std::string& why);

  const ProvisioningJson& json_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  std::mutex mutex_;
  bool open_ = false;
  std::vector<WireRequest> queued_;
  std::vector<RefusedCall> refused_;
};

}  // namespace provsim::sut
