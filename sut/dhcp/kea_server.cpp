#include "sut/dhcp/kea_server.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "sut/dhcp/control_socket.hpp"

namespace provsim::dhcp {
namespace {

std::filesystem::path env_path(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::filesystem::path(v) : std::filesystem::path();
}

const char* multiarch() {
#if defined(__x86_64__)
  return "x86_64-linux-gnu";
#elif defined(__aarch64__)
  return "aarch64-linux-gnu";
#else
  return "";
#endif
}

}  // namespace

KeaInstall find_kea(std::string& why_not) {
  KeaInstall k;
  k.binary = env_path("PROVSIM_KEA_DHCP4");
  if (k.binary.empty())
    for (const char* candidate : {"/usr/sbin/kea-dhcp4", "/usr/local/sbin/kea-dhcp4"})
      if (::access(candidate, X_OK) == 0) {
        k.binary = candidate;
        break;
      }
  k.hooks_dir = env_path("PROVSIM_KEA_HOOKS");
  if (k.hooks_dir.empty())
    for (const std::filesystem::path& candidate :
         {std::filesystem::path("/usr/lib") / multiarch() / "kea/hooks", std::filesystem::path("/usr/lib/kea/hooks"),
          std::filesystem::path("/usr/local/lib/kea/hooks")})
      if (std::filesystem::exists(candidate / "libdhcp_lease_cmds.so")) {
        k.hooks_dir = candidate;
        break;
      }
  if (k.binary.empty() || ::access(k.binary.c_str(), X_OK) != 0)
    why_not = "kea-dhcp4 not found (install kea-dhcp4-server, or set PROVSIM_KEA_DHCP4)";
  else if (k.hooks_dir.empty() || !std::filesystem::exists(k.hooks_dir / "libdhcp_lease_cmds.so") ||
           !std::filesystem::exists(k.hooks_dir / "libdhcp_stat_cmds.so"))
    why_not = "Kea's lease_cmds and stat_cmds hook libraries not found (install kea-common, or set PROVSIM_KEA_HOOKS)";
  else
    return k;
  return KeaInstall{};
}

KeaServer::KeaServer(const KeaInstall& install, const KeaSettings& settings)
    : run_dir_(settings.run_dir), socket_(control_socket_path(settings.run_dir)) {
  std::filesystem::create_directories(run_dir_);
  const std::filesystem::path conf = run_dir_ / "kea-dhcp4.conf";
  {
    std::ofstream out(conf);
    out << kea_config(settings).dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + conf.string());
  }
  std::filesystem::remove(socket_);
  const std::string out_path = (run_dir_ / "kea-dhcp4.out").string();
  const std::string dir = run_dir_.string();
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {  // the child: only async-signal-safe calls until exec
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    ::setenv("KEA_LOCKFILE_DIR", dir.c_str(), 1);
    ::setenv("KEA_PIDFILE_DIR", dir.c_str(), 1);
    ::execl(install.binary.c_str(), "kea-dhcp4", "-c", conf.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (true) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("kea-dhcp4 exited at start (see " + out_path + "):\n" + log_tail());
    }
    if (std::filesystem::exists(socket_)) {
      try {
        control_arguments(control_command(socket_, "version-get", nullptr, std::chrono::milliseconds(1000)),
                          "version-get");
        return;
      } catch (const std::runtime_error&) {
        // not listening yet
      }
    }
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error("kea-dhcp4 did not answer on " + socket_.string() + " within 15 s:\n" + log_tail());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

KeaServer::~KeaServer() { stop(); }

nlohmann::json KeaServer::command(const std::string& name, const nlohmann::json& arguments) const {
  return control_arguments(control_command(socket_, name, arguments), name);
}

bool KeaServer::stop() {
  if (pid_ <= 0) return true;
  ::kill(pid_, SIGTERM);
  bool clean = false;
  for (int i = 0; i < 100; ++i) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      clean = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!clean) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  return clean;
}

std::string KeaServer::log_tail() const {
  std::string tail;
  for (const char* name : {"kea-dhcp4.out", "kea-dhcp4.log"}) {
    std::ifstream in(run_dir_ / name);
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(in, line)) lines.push_back(line);
    const std::size_t from = lines.size() > 8 ? lines.size() - 8 : 0;
    for (std::size_t i = from; i < lines.size(); ++i) tail += "  " + lines[i] + "\n";
  }
  return tail;
}

}  // namespace provsim::dhcp
