#pragma once
// A kea-dhcp4 process that provsim starts and stops: the configuration
// (kea_config.hpp) written to the run folder, the server started with its
// lock and pid files there too (KEA_LOCKFILE_DIR, KEA_PIDFILE_DIR), ready
// once its control socket answers, and stopped, that process only, when the
// object goes away (SIGTERM, then SIGKILL if it has not exited in 5 s). The
// child also gets SIGTERM if provsim itself dies first.

#include <sys/types.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sut/dhcp/kea_config.hpp"

namespace provsim::dhcp {

struct KeaInstall {
  std::filesystem::path binary;     // kea-dhcp4
  std::filesystem::path hooks_dir;  // holds libdhcp_lease_cmds.so and libdhcp_stat_cmds.so
};

// Where Debian's kea-dhcp4-server and kea-common put them (the variables
// PROVSIM_KEA_DHCP4 and PROVSIM_KEA_HOOKS override); empty paths and a reason
// if not found.
KeaInstall find_kea(std::string& why_not);

class KeaServer {
 public:
  // Writes run_dir/kea-dhcp4.conf, starts Kea and waits up to 15 s for its
  // control socket. Throws std::runtime_error with Kea's last log lines if
  // it exits or does not answer.
  KeaServer(const KeaInstall& install, const KeaSettings& settings);
  ~KeaServer();
  KeaServer(const KeaServer&) = delete;
  KeaServer& operator=(const KeaServer&) = delete;

  pid_t pid() const { return pid_; }
  nlohmann::json command(const std::string& name, const nlohmann::json& arguments = nullptr) const;
  // Stops the process (idempotent); true if it exited on SIGTERM.
  bool stop();

 private:
  std::string log_tail() const;
  std::filesystem::path run_dir_;
  std::filesystem::path socket_;
  pid_t pid_ = -1;
};

}  // namespace provsim::dhcp
