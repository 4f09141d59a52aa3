#include "tests/support/in_process_run.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "reports/csv_writer.hpp"
#include "reports/expectation.hpp"
#include "reports/results_reader.hpp"
#include "reports/summary_json.hpp"
#include "reports/writer.hpp"
#include "sim/world.hpp"

#ifdef PROVSIM_SANITIZE
#include <sanitizer/lsan_interface.h>
#endif

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

// Set once SimGrid's engine has been made in this process: after that
// neither this process nor a copy of it can make another.
bool engine_used = false;

void refuse_second_engine() {
  if (engine_used)
    throw std::logic_error(
        "a simulation already ran in this test process, and SimGrid allows one engine per process: run one test "
        "per process (ctest does; by hand, pass --gtest_filter=Suite.Test), and make a test's further runs with "
        "run_in_child");
}

// The verdicts of [expect], added as `provsim run` adds them after a run.
void add_verdicts(const sim::Scenario& scenario, reports::Results& results) {
  std::vector<reports::Expectation> expectations;
  for (const auto& e : scenario.config.expectations())
    expectations.push_back(reports::Expectation{e.metric, e.op, e.value, static_cast<int>(e.line)});
  results.verdicts = reports::evaluate(expectations, results.metrics);
}

void write_to(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

std::string read_from(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      text.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return text;
    }
  }
}

// The child's whole life: run, write, and leave without running anything
// of the parent's (no destructors, no atexit handlers: _exit). What went
// wrong goes to `report`.
using Loader = std::function<std::unique_ptr<sim::Scenario>()>;

[[noreturn]] void child(const Loader& load, const fs::path& out, int report) {
  int code = 0;
  try {
    {
      const auto scenario = load();
      write_results(run_in_process(*scenario), out);
    }
#ifdef PROVSIM_SANITIZE
    // _exit skips the leak check a sanitized provsim makes at exit: make it
    // here, with the run's objects gone.
    if (__lsan_do_recoverable_leak_check() != 0) {
      write_to(report, "the run leaked memory (LeakSanitizer's report is on stderr)");
      code = 3;
    }
#endif
  } catch (const std::exception& e) {
    write_to(report, e.what());
    code = 2;
  } catch (...) {
    write_to(report, "an exception that is not a std::exception");
    code = 2;
  }
  ::_exit(code);
}

}  // namespace

std::unique_ptr<sim::Scenario> load_scenario(const fs::path& dir, const std::vector<std::string>& sets) {
  return sim::load_scenario(dir, sim::LoadOptions{sets});
}

reports::Results run_in_process(const sim::Scenario& scenario) {
  refuse_second_engine();
  engine_used = true;
  sim::SimOptions options;
  options.version = PROVSIM_VERSION;
  options.threads = 2;  // as `provsim run` on two cores: rating on a second thread
  reports::Results results = sim::run_simulation(scenario, options);
  add_verdicts(scenario, results);
  return results;
}

reports::Results run_in_process(const fs::path& dir, const std::vector<std::string>& sets) {
  const auto scenario = load_scenario(dir, sets);
  return run_in_process(*scenario);
}

namespace {

// Loads (with `load`) and runs a scenario in a child process; `what` names
// it in errors.
reports::Results run_loaded_in_child(const Loader& load, const std::string& what, const fs::path& out) {
  refuse_second_engine();
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("run_in_child: pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    throw std::runtime_error("run_in_child: fork failed");
  }
  if (pid == 0) {
    ::close(pipe_fds[0]);
    child(load, out, pipe_fds[1]);
  }
  ::close(pipe_fds[1]);
  const std::string message = read_from(pipe_fds[0]);
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status))
    throw std::runtime_error("the run of " + what + " was stopped by signal " +
                             std::to_string(WTERMSIG(status)) + " (a sanitizer's report is on stderr)");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the run of " + what + " failed: " + message);
  return reports::read_summary(out);  // the tables stay files: parsing them all costs more than the run
}

}  // namespace

reports::Results run_in_child(const fs::path& dir, const std::vector<std::string>& sets, const fs::path& out) {
  return run_loaded_in_child([&] { return load_scenario(dir, sets); }, dir.string(), out);
}

reports::Results run_in_child(const InMemoryScenario& scenario, const std::vector<std::string>& sets,
                              const fs::path& out) {
  return run_loaded_in_child([&] { return scenario.load(sets); }, "memory:" + scenario.name(), out);
}

reports::Results run_in_process(const InMemoryScenario& scenario, const std::vector<std::string>& sets) {
  const auto loaded = scenario.load(sets);
  return run_in_process(*loaded);
}

void write_results(const reports::Results& results, const fs::path& out) { reports::write_all(results, out); }

nlohmann::json summary(const reports::Results& results) {
  return nlohmann::json::parse(reports::summary_text(results));
}

std::string csv_text(const reports::Results& results, const std::string& table) {
  const reports::Table* t = results.find_table(table);
  if (t == nullptr) throw std::out_of_range("the results have no table " + table);
  std::ostringstream text;
  reports::write_csv(*t, text);
  return text.str();
}

}  // namespace provsim::testing
