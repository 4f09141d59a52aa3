#pragma once
// What the harness tests share: reading a run's harness files and a port
// nobody listens on.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {

// Lines of a CSV file after its header.
inline std::size_t data_rows(const std::filesystem::path& csv) {
  const std::string text = read_file(csv);
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines == 0 ? 0 : lines - 1;
}

// The JUnit testcase of a component's divergence kind failed?
inline bool kind_failed(const std::string& junit, const std::string& component, const std::string& kind) {
  const std::string name = "harness." + component + ".divergences." + kind + " == 0";
  const auto at = junit.find(name);
  if (at == std::string::npos) return false;
  const auto end = junit.find("</testcase>", at);
  const auto next = junit.find("<testcase", at);
  const auto failure = junit.find("<failure", at);
  return failure != std::string::npos && failure < end && (next == std::string::npos || failure < next);
}

// A port nobody listens on: bound, then closed.
inline int closed_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(s);
  return ntohs(a.sin_port);
}

}  // namespace provsim::testing
