#include "sut/http/sut_client.hpp"

#include <httplib.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace provsim::sut {
namespace {

Exchange finish(const httplib::Result& result, std::chrono::steady_clock::time_point start) {
  Exchange x;
  x.latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!result) {
    const httplib::Error e = result.error();
    x.failure = e == httplib::Error::Read || e == httplib::Error::ConnectionTimeout ? Exchange::Failure::kTimeout
                                                                                      : Exchange::Failure::kProtocol;
    x.problem = "no answer: " + httplib::to_string(e);
    return x;
  }
  if (result->status != 200) {
    x.failure = Exchange::Failure::kProtocol;
    x.problem = "HTTP status " + std::to_string(result->status) + ": " + result->body.substr(0, 200);
    return x;
  }
  try {
    x.answer = nlohmann::json::parse(result->body);
  } catch (const nlohmann::json::exception&) {
    x.failure = Exchange::Failure::kProtocol;
    x.problem = "the body is not JSON: " + result->body.substr(0, 200);
  }
  return x;
}

}  // namespace

SutAddress SutAddress::parse(const std::string& url) {
  const std::string scheme = "http://";
  const auto bad = [&url] {
    return std::invalid_argument("'" + url + "' is not an address of the form http://HOST:PORT");
  };
  if (url.rfind(scheme, 0) != 0) throw bad();
  std::string rest = url.substr(scheme.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0 || rest.find('/') != std::string::npos) throw bad();
  SutAddress a;
  a.host = rest.substr(0, colon);
  const std::string port = rest.substr(colon + 1);
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), a.port);
  if (ec != std::errc() || end != port.data() + port.size() || a.port < 1 || a.port > 65535) throw bad();
  return a;
}

SutClient::SutClient(SutAddress address, double timeout_seconds)
    : address_(std::move(address)), http_(std::make_unique<httplib::Client>(address_.host, address_.port)) {
  const auto seconds = static_cast<time_t>(std::floor(timeout_seconds));
  const auto micros = static_cast<time_t>(std::llround((timeout_seconds - std::floor(timeout_seconds)) * 1e6));
  http_->set_keep_alive(true);
  // Small requests one at a time: without this, Nagle's algorithm and
  // delayed acknowledgements add about 40 ms to each.
  http_->set_tcp_nodelay(true);
  http_->set_connection_timeout(seconds, micros);
  http_->set_read_timeout(seconds, micros);
  http_->set_write_timeout(seconds, micros);
}

SutClient::~SutClient() = default;

Exchange SutClient::post(const std::string& path, const nlohmann::json& body) {
  const auto start = std::chrono::steady_clock::now();
  Exchange x = finish(http_->Post(path, body.dump(), "application/json"), start);
  latencies_.push_back(x.latency_ms);
  return x;
}

Exchange SutClient::get(const std::string& path) {
  const auto start = std::chrono::steady_clock::now();
  Exchange x = finish(http_->Get(path), start);
  latencies_.push_back(x.latency_ms);
  return x;
}

bool SutClient::start_run(const std::string& scenario, std::uint64_t seed, std::string& problem,
                          const nlohmann::json& more) {
  nlohmann::json request{{"now", 0.0}, {"scenario", scenario}, {"seed", seed}};
  request.update(more);
  const Exchange x = post("/reset", request);
  if (x.failure == Exchange::Failure::kNone) return true;
  problem = x.problem;
  return false;
}

}  // namespace provsim::sut
