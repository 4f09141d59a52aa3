#include "sut/dhcp/control_socket.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace provsim::dhcp {
namespace {

// Closes the descriptor on every path out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::runtime_error failure(const std::filesystem::path& socket, const std::string& what) {
  return std::runtime_error("Kea control socket " + socket.string() + ": " + what);
}

}  // namespace

nlohmann::json control_command(const std::filesystem::path& socket, const std::string& command,
                               const nlohmann::json& arguments, std::chrono::milliseconds timeout) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string path = socket.string();
  if (path.size() >= sizeof address.sun_path) throw failure(socket, "path longer than a unix socket allows");
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  Fd s{::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  if (s.fd < 0) throw failure(socket, std::strerror(errno));
  if (::connect(s.fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    throw failure(socket, std::string("connect: ") + std::strerror(errno));

  nlohmann::json request = {{"command", command}};
  if (!arguments.is_null()) request["arguments"] = arguments;
  const std::string text = request.dump();
  for (std::size_t sent = 0; sent < text.size();) {
    const ssize_t n = ::send(s.fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw failure(socket, std::string("send: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string answer;
  char buffer[65536];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw failure(socket, "no complete answer to '" + command + "'");
    pollfd p{s.fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    const ssize_t n = ::recv(s.fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw failure(socket, std::string("recv: ") + std::strerror(errno));
    if (n > 0) answer.append(buffer, static_cast<std::size_t>(n));
    // Kea closes after its answer; a whole JSON document also ends it.
    nlohmann::json parsed = nlohmann::json::parse(answer, nullptr, false);
    if (!parsed.is_discarded()) return parsed;
    if (n == 0) throw failure(socket, "answer to '" + command + "' is not JSON");
  }
}

nlohmann::json control_arguments(const nlohmann::json& answer, const std::string& command) {
  const nlohmann::json* a = &answer;
  if (a->is_array() && !a->empty()) a = &(*a)[0];  // answers relayed by the control agent come in a list
  // 3 is Kea's "empty": the command worked and found nothing (no leases).
  if (!a->is_object() || !a->contains("result") || ((*a)["result"] != 0 && (*a)["result"] != 3)) {
    const std::string text = a->is_object() && a->contains("text") ? (*a)["text"].dump() : a->dump();
    throw std::runtime_error("Kea refused '" + command + "': " + text);
  }
  return a->value("arguments", nlohmann::json::object());
}

std::map<std::string, std::int64_t> latest_statistics(const nlohmann::json& arguments) {
  std::map<std::string, std::int64_t> out;
  for (const auto& [name, samples] : arguments.items())
    if (samples.is_array() && !samples.empty() && samples[0].is_array() && !samples[0].empty() &&
        samples[0][0].is_number_integer())
      out[name] = samples[0][0].get<std::int64_t>();
  return out;
}

}  // namespace provsim::dhcp
