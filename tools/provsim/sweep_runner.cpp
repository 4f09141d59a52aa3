#include "tools/provsim/sweep_runner.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>

#include "reports/output_folder.hpp"
#include "sweep/run_record.hpp"

namespace fs = std::filesystem;

namespace provsim::cli {
namespace {

std::string host_name() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return host;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// `provsim run` for one run: its arguments (without the program).
std::vector<std::string> run_arguments(const sweep::Plan& plan, const sweep::PlannedRun& run, const fs::path& out,
                                       const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"run", plan.scenario.string(), "--quiet", "--out", sweep::run_dir(out, run).string()};
  for (const auto& o : plan.overrides(run)) args.insert(args.end(), {"--set", o});
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

pid_t spawn(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> all = {fs::read_symlink("/proc/self/exe").string()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  std::cerr.flush();
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write the run log " + log.string());
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fd);
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fd);
  return pid;
}

struct Attempt {
  std::size_t run;
  unsigned number;
  std::chrono::steady_clock::time_point started;
};

class Runner {
 public:
  Runner(const sweep::Plan& plan, const fs::path& out, const RunnerOptions& o)
      : plan_(plan), out_(out), o_(o), host_(host_name()) {
    const char* job = std::getenv("SLURM_JOB_ID");
    if (job) slurm_job_ = job;
  }

  std::size_t run(const std::vector<std::size_t>& pending) {
    fs::create_directories(out_ / "logs");
    for (std::size_t i : pending) queue_.push_back({i, 1});
    total_ = pending.size();
    while (!queue_.empty() || !running_.empty()) {
      while (!queue_.empty() && running_.size() < std::max<std::size_t>(o_.jobs, 1)) {
        start(queue_.front().first, queue_.front().second);
        queue_.pop_front();
      }
      wait_one();
    }
    return failed_;
  }

 private:
  void start(std::size_t index, unsigned attempt) {
    const auto& run = plan_.runs[index];
    const fs::path log = sweep::run_log(out_, run);
    {
      std::ofstream header(log, std::ios::app);
      header << "=== provsim sweep: run " << run.name << ", attempt " << attempt << ", on " << host_ << " at "
             << utc_now() << (slurm_job_.empty() ? "" : ", Slurm job " + slurm_job_) << "\n";
    }
    // An earlier attempt killed before it put its results in place left its
    // hidden partial folder: this attempt replaces it.
    reports::remove_partial_folders(sweep::run_dir(out_, run));
    const pid_t pid = spawn(run_arguments(plan_, run, out_, o_.simgrid_args), log);
    sweep::write_record(out_, run, {false, attempt, host_, pid, slurm_job_, 0});
    running_[pid] = Attempt{index, attempt, std::chrono::steady_clock::now()};
  }

  void wait_one() {
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) return;
      throw std::runtime_error("waitpid failed while runs were in progress");
    }
    const auto it = running_.find(pid);
    if (it == running_.end()) return;
    const Attempt a = it->second;
    running_.erase(it);
    const auto& run = plan_.runs[a.run];
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - a.started).count();
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    sweep::write_record(out_, run, {true, a.number, host_, pid, slurm_job_, code});
    const std::string log = sweep::run_log(out_, run).string();
    if (code != 0 && a.number <= o_.retries) {
      std::cout << "retrying " << run.name << " (exit " << code << ", attempt " << a.number << " of "
                << o_.retries + 1 << "), see " << log << "\n";
      queue_.push_back({a.run, a.number + 1});
    } else {
      ++finished_;
      if (code != 0) {
        ++failed_;
        std::cout << "[" << finished_ << "/" << total_ << "] FAILED " << run.name << " (exit " << code << "), see "
                  << log << "\n";
      } else if (!o_.quiet) {
        std::cout << "[" << finished_ << "/" << total_ << "] " << run.name << " (" << wall << " s)\n";
      }
    }
    std::cout.flush();
  }

  const sweep::Plan& plan_;
  fs::path out_;
  RunnerOptions o_;
  std::string host_, slurm_job_;
  std::deque<std::pair<std::size_t, unsigned>> queue_;
  std::map<pid_t, Attempt> running_;
  std::size_t total_ = 0, finished_ = 0, failed_ = 0;
};

}  // namespace

std::size_t run_pending(const sweep::Plan& plan, const std::vector<std::size_t>& pending, const fs::path& out,
                        const RunnerOptions& options) {
  return Runner(plan, out, options).run(pending);
}

}  // namespace provsim::cli
