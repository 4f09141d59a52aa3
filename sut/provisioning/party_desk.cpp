#include "sut/provisioning/party_desk.hpp"

#include <httplib.h>

#include <chrono>
#include <stdexcept>

namespace provsim::sut {

PartyDesk::PartyDesk(const ProvisioningJson& json) : json_(json), http_(std::make_unique<httplib::Server>()) {
  http_->set_tcp_nodelay(true);
  http_->Post(R"(/party/([^/]+)/([^/]+)/request)", [this](const httplib::Request& req, httplib::Response& res) {
    std::string why;
    res.status = take(req.matches[1].str(), req.matches[2].str(), req.body, why);
    res.set_content(res.status == 202 ? Json::object().dump() : Json{{"error", why}}.dump(), "application/json");
  });
}

PartyDesk::~PartyDesk() {
  http_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string PartyDesk::start() {
  const int port = http_->bind_to_any_port("127.0.0.1");
  if (port <= 0) throw std::runtime_error("cannot listen on 127.0.0.1 for the parties' systems");
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  // stop() only stops a server that runs: wait until it does, so the
  // destructor never waits on a server that started after it.
  for (int i = 0; i < 5000 && !http_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return "http://127.0.0.1:" + std::to_string(port);
}

int PartyDesk::take(const std::string& adapter, const std::string& party, const std::string& body, std::string& why) {
  int status = 202;
  WireRequest call;
  try {
    const Json j = Json::parse(body);
    call = json_.wire_request(j);
    if (!j.contains("key")) throw ProtocolError("field 'key': missing");
    if (adapter != ProvisioningJson::adapter_name(call.request.adapter) || party != json_.party_path(call.request))
      throw ProtocolError("the path names /party/" + adapter + "/" + party + ", the request another party");
  } catch (const Json::exception& e) {
    status = 400;
    why = std::string("not JSON: ") + e.what();
  } catch (const ProtocolError& e) {
    status = 400;
    why = e.what();
  }
  const std::lock_guard lock(mutex_);
  if (status == 202 && !open_) {
    status = 409;
    why = "no call of the harness is open: a party call must come while the manager handles one";
  }
  if (status == 202)
    queued_.push_back(std::move(call));
  else
    refused_.push_back(RefusedCall{"party call refused (HTTP " + std::to_string(status) + "): " + why, body});
  return status;
}

void PartyDesk::open() {
  const std::lock_guard lock(mutex_);
  open_ = true;
}

std::vector<WireRequest> PartyDesk::close() {
  const std::lock_guard lock(mutex_);
  open_ = false;
  std::vector<WireRequest> out;
  out.swap(queued_);
  return out;
}

std::vector<RefusedCall> PartyDesk::take_refused() {
  const std::lock_guard lock(mutex_);
  std::vector<RefusedCall> out;
  out.swap(refused_);
  return out;
}

}  // namespace provsim::sut
