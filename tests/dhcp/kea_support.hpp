#pragma once
// For the tests that need a real kea-dhcp4: why they cannot run here (not
// root, Kea not installed, port 67 taken), or nothing.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "sut/dhcp/kea_server.hpp"

namespace provsim::dhcp::testing {

inline bool port_free(const char* address, std::uint16_t port) {
  const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  ::inet_pton(AF_INET, address, &a.sin_addr);
  const bool ok = ::bind(s, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

// Empty when a Kea test can run; else the reason it is skipped.
inline std::string kea_unavailable(KeaInstall& install) {
  if (::geteuid() != 0) return "needs root: Kea and the relay agent bind UDP port 67";
  std::string why;
  install = find_kea(why);
  if (!why.empty()) return why;
  if (!port_free("127.0.0.1", 67)) return "127.0.0.1:67 is in use (another DHCP server is running)";
  if (!port_free("127.0.0.2", 67)) return "127.0.0.2:67 is in use";
  return "";
}

}  // namespace provsim::dhcp::testing
