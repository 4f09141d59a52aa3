#include "tools/provsim/child_process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>

namespace provsim::cli {

ChildResult run_child(const std::vector<std::string>& args) {
  ChildResult r;
  int fds[2];
  if (args.empty() || ::pipe(fds) != 0) return r;
  // The child reports an exec failure through a close-on-exec pipe.
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return r;
  }
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    ::close(report[0]);
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[1]);
    ::execvp(argv[0], argv.data());
    const char failed = 1;
    (void)!::write(report[1], &failed, 1);
    ::_exit(127);
  }
  ::close(fds[1]);
  ::close(report[1]);
  if (pid < 0) {
    ::close(fds[0]);
    ::close(report[0]);
    return r;
  }
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    r.out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  char failed = 0;
  while (::read(report[0], &failed, 1) < 0 && errno == EINTR) {
  }
  ::close(report[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.started = failed == 0;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return r;
}

}  // namespace provsim::cli
