#pragma once
// A server a test starts and always stops: `provsim serve rating` or the
// documented Python example, listening on 127.0.0.1 at a port the server
// picks itself (port 0) and prints on its first line. The destructor stops
// it (SIGTERM, then SIGKILL after a grace period) and reaps it, also when
// the test fails; the child is killed too if the test process dies.

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace provsim::testing {

class ServedProcess {
 public:
  // Runs `argv` (argv[0] a path) and waits for "listening on URL".
  explicit ServedProcess(std::vector<std::string> argv) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(out[1]);
    out_ = out[0];
    url_ = read_url();
  }
  ~ServedProcess() { stop(); }
  ServedProcess(const ServedProcess&) = delete;
  ServedProcess& operator=(const ServedProcess&) = delete;

  const std::string& url() const { return url_; }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (::waitpid(pid_, &status, WNOHANG) == 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
    pid_ = -1;
    ::close(out_);
  }

 private:
  // The first line, "listening on http://127.0.0.1:PORT"; waits at most
  // about a minute (loading a scenario, starting Python).
  std::string read_url() {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    ::fcntl(out_, F_SETFL, O_NONBLOCK);
    while (std::chrono::steady_clock::now() < deadline) {
      char c = 0;
      const ssize_t n = ::read(out_, &c, 1);
      if (n == 1) {
        if (c == '\n') break;
        line += c;
      } else if (n == 0) {
        break;  // the server ended
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    const std::string prefix = "listening on ";
    if (line.rfind(prefix, 0) != 0) {
      stop();
      throw std::runtime_error("the server did not start: '" + line + "'");
    }
    return line.substr(prefix.size());
  }

  pid_t pid_ = -1;
  int out_ = -1;
  std::string url_;
};

}  // namespace provsim::testing
