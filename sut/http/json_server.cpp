#include "sut/http/json_server.hpp"

#include <httplib.h>

#include <charconv>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace provsim::sut {

void parse_listen(const std::string& text, ServeOptions& options) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw std::invalid_argument("HOST:PORT expected, not '" + text + "'");
  const std::string port = text.substr(colon + 1);
  int value = -1;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value < 0 || value > 65535)
    throw std::invalid_argument("'" + port + "' is not a port number (0 to 65535)");
  options.host = text.substr(0, colon);
  options.port = value;
}

std::string served_name(const std::filesystem::path& dir) {
  const auto absolute = std::filesystem::absolute(dir).lexically_normal();
  return (absolute.filename().empty() ? absolute.parent_path().filename() : absolute.filename()).string();
}

JsonServer::JsonServer(std::string component, const std::vector<std::string>& operations, const ServeOptions& options,
                       bool late, Handler handler)
    : host_(options.host), port_(options.port), handler_(std::move(handler)) {
  if (!options.exchange_log.empty()) {
    log_ = std::make_unique<std::ofstream>(options.exchange_log);
    if (!*log_) throw std::runtime_error("cannot write " + options.exchange_log.string());
  }
  http_ = std::make_unique<httplib::Server>();
  // Small answers one at a time: without this, Nagle's algorithm and
  // delayed acknowledgements add about 40 ms to each.
  http_->set_tcp_nodelay(true);
  http_->Get("/health", [component](const httplib::Request&, httplib::Response& res) {
    res.set_content(Json{{"component", component}}.dump(), "application/json");
  });
  const double delay = late ? options.delay_seconds : 0;
  for (const std::string& operation : operations) {
    http_->Post("/" + operation, [this, operation, delay](const httplib::Request& req, httplib::Response& res) {
      // A late answer waits before taking its turn, so requests the client
      // gave up on do not queue behind each other.
      if (delay > 0 && operation != "reset") std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      int status = 200;
      Json body;
      answer(operation, req.body, status, body);
      res.status = status;
      res.set_content(body.dump(), "application/json");
    });
  }
}

JsonServer::~JsonServer() = default;

void JsonServer::answer(const std::string& operation, const std::string& body, int& status, Json& out) {
  const std::lock_guard lock(mutex_);
  Json request;
  try {
    request = Json::parse(body);
    out = handler_(operation, request);
  } catch (const Json::exception& e) {
    status = 400;
    out = Json{{"error", std::string("not JSON: ") + e.what()}};
  } catch (const ProtocolError& e) {
    status = 400;
    out = Json{{"error", e.what()}};
  } catch (const std::logic_error& e) {  // the model refused the request: time running back, an unknown request
    status = 400;
    out = Json{{"error", e.what()}};
  }
  log_exchange(operation, status, request, out);
}

void JsonServer::log_exchange(const std::string& operation, int status, const Json& request, const Json& answer) {
  if (log_)
    *log_ << Json{{"operation", operation}, {"status", status}, {"request", request}, {"answer", answer}}.dump()
          << std::endl;
}

int JsonServer::bind() {
  const int port = port_ == 0 ? http_->bind_to_any_port(host_) : (http_->bind_to_port(host_, port_) ? port_ : -1);
  if (port <= 0) throw std::runtime_error("cannot listen on " + host_ + ":" + std::to_string(port_));
  return port;
}

void JsonServer::serve() { http_->listen_after_bind(); }

void JsonServer::stop() {
  // stop() only stops a server that runs: a stop that comes between bind()
  // and serve() (a signal right after "listening on") waits for it to run.
  for (int i = 0; i < 5000 && !http_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  http_->stop();
}

}  // namespace provsim::sut
