#pragma once
// The server side of a harness protocol: JSON over HTTP/1.1 on one
// address, GET /health naming the component, and one POST route per
// operation whose body goes to a handler. Requests are handled one at a
// time; a body that is not JSON, or that the handler refuses, is answered
// with HTTP 400 and {"error": ...}. Each exchange can be logged as one JSON
// line, and every answer can be made late on purpose.

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sut/http/json_fields.hpp"

namespace httplib {
class Server;
}

namespace provsim::sut {

// What every served component is started with.
struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 0;              // 0: any free port
  double delay_seconds = 2;  // how late a late answer is
  // Each request and its answer as one JSON line (empty: none): what a
  // system-under-test author reads to see the protocol at work.
  std::filesystem::path exchange_log;
  std::vector<std::filesystem::path> scenarios;
};

// "HOST:PORT" into `options` (port 0: any free one); std::invalid_argument
// for anything else.
void parse_listen(const std::string& text, ServeOptions& options);

// The name POST /reset knows a served scenario folder by: its last part.
std::string served_name(const std::filesystem::path& dir);

// Each component's reference server is one: it gives the operations and
// answers them in `handle`.
class JsonServer {
 public:
  // Answers one operation's request; throws ProtocolError (or
  // std::logic_error, from a model refusing it) for a request it cannot take.
  using Handler = std::function<Json(const std::string& operation, const Json& request)>;

  // `late`: every answer but /reset's waits options.delay_seconds first.
  JsonServer(std::string component, const std::vector<std::string>& operations, const ServeOptions& options, bool late,
             Handler handler);
  virtual ~JsonServer();
  JsonServer(const JsonServer&) = delete;
  JsonServer& operator=(const JsonServer&) = delete;

  // Binds the address; returns the port (the one picked when 0 was asked).
  // Throws std::runtime_error when it cannot.
  int bind();
  // Serves until stop() (from another thread).
  void serve();
  void stop();

 protected:
  // Adds one exchange the server made itself while handling a request
  // (a call it made to another system) to the exchange log, if any. Only
  // from inside the handler: the log is the handler's, one request at a time.
  void log_exchange(const std::string& operation, int status, const Json& request, const Json& answer);

 private:
  void answer(const std::string& operation, const std::string& body, int& status, Json& out);

  std::string host_;
  int port_;
  Handler handler_;
  std::unique_ptr<httplib::Server> http_;
  std::mutex mutex_;
  std::unique_ptr<std::ofstream> log_;
};

}  // namespace provsim::sut
