#include "sim/setup_check.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/results_builder.hpp"
#include "sim/scenario/input_error.hpp"
#include "model/core/printable.hpp"

namespace provsim::sim {
namespace {

// The child's report on the data pipe, one item per line:
//   stage <name>                       as the set-up goes on
//   ok, then one metric name per line  when it all worked
//   input, file, line, field, what     an InputError
//   invalid, what                      a std::invalid_argument (a value refused)
//   error, what                        anything else thrown
void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// The first line of a message (SimGrid appends long lists on further lines).
std::string one_line(const std::string& text) { return text.substr(0, text.find_first_of("\r\n")); }

std::string what_of(const InputError& e) {
  // The message after "file:line: field: ".
  std::string prefix = e.file();
  if (e.line() > 0) prefix += ":" + std::to_string(e.line());
  if (!e.field().empty()) prefix += ": " + e.field();
  const std::string all = e.what();
  return all.size() > prefix.size() + 2 ? all.substr(prefix.size() + 2) : all;
}

[[noreturn]] void child(const Scenario& scenario, const SimOptions& options, bool with_population, int data,
                        int log_fd) {
  ::dup2(log_fd, STDOUT_FILENO);
  ::dup2(log_fd, STDERR_FILENO);
  int code = 0;
  try {
    const auto names = dry_setup(scenario, options, [data](const char* stage) {
      write_all(data, std::string("stage ") + stage + "\n");
    }, with_population);
    std::string out = "ok\n";
    for (const auto& n : names) out += n + "\n";
    write_all(data, out);
  } catch (const InputError& e) {
    // Raw, with any control characters escaped the way the command line
    // prints them (so the report stays one item per line); the parent's
    // InputError then prints the same line as a direct one would.
    write_all(data, "input\n" + printable(e.file()) + "\n" + std::to_string(e.line()) + "\n" + printable(e.field()) +
                        "\n" + printable(what_of(e)) + "\n");
    code = 2;
  } catch (const std::invalid_argument& e) {  // a model component refusing a value it was given
    write_all(data, "invalid\n" + one_line(e.what()) + "\n");
    code = 2;
  } catch (const std::exception& e) {
    write_all(data, "error\n" + one_line(e.what()) + "\n");
    code = 3;
  }
  ::_exit(code);
}

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

// SimGrid's message before it stopped: the last line it logged at
// CRITICAL or ERROR level (after "[category/CRITICAL] "), else the last
// line that is not part of the backtrace it prints after the message.
std::string last_message(std::FILE* file) {
  std::rewind(file);
  std::string flagged, plain;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, file)) {
    std::string text(buffer);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    const auto start = text.find_first_not_of(' ');
    if (start == std::string::npos || text.compare(start, 2, "->") == 0 || text.rfind("Backtrace", 0) == 0) continue;
    for (const char* level : {"/CRITICAL] ", "/ERROR] "}) {
      const auto at = text.find(level);
      if (at != std::string::npos) flagged = text.substr(at + std::strlen(level));
    }
    plain = text;
  }
  if (!flagged.empty()) return flagged;
  return plain.empty() ? "SimGrid stopped" : plain;
}

// A scenario written for `provsim dhcp` (its dhcp.server set in the file)
// may also expect the figures that command reports; `run` leaves those
// unjudged metrics missing, and its verdicts say so.
bool written_for_dhcp(const Scenario& scenario) {
  return scenario.config.origin("dhcp.server") != "default";
}

std::vector<std::string> check_metric_names(const Scenario& scenario, std::vector<std::string> known) {
  if (written_for_dhcp(scenario))
    for (const char* family : {"dhcp.*", "verdict.*", "kea.*", "reference.*", "pacing.*", "engset.*", "sessions.*"})
      known.emplace_back(family);
  for (const Expectation& e : scenario.config.expectations()) {
    bool found = false;
    for (const auto& pattern : known) found = found || metric_matches(pattern, e.metric);
    if (!found)
      throw InputError(scenario.config.file(), e.line, "expect",
                       "unknown metric '" + e.metric + "' (this scenario's runs do not report it; summary.json lists the names)");
  }
  return known;
}

}  // namespace

std::vector<std::string> check_setup(const Scenario& scenario, const SimOptions& options, bool with_population) {
  std::FILE* log_file = std::tmpfile();
  if (!log_file) throw std::runtime_error("cannot make a temporary file");
  int data[2];
  if (::pipe(data) != 0) {
    std::fclose(log_file);
    throw std::runtime_error("cannot make a pipe");
  }
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::fclose(log_file);
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    ::close(data[0]);
    child(scenario, options, with_population, data[1], ::fileno(log_file));
  }
  ::close(data[1]);
  const std::string report = read_all(data[0]);
  ::close(data[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::string simgrid_says = last_message(log_file);
  std::fclose(log_file);

  std::istringstream in(report);
  std::string line;
  std::string stage;
  std::vector<std::string> names;
  while (std::getline(in, line)) {
    if (line.rfind("stage ", 0) == 0) {
      stage = line.substr(6);
    } else if (line == "ok") {
      while (std::getline(in, line)) names.push_back(line);
      return check_metric_names(scenario, names);
    } else if (line == "input") {
      std::string file, number, field, what;
      std::getline(in, file);
      std::getline(in, number);
      std::getline(in, field);
      std::getline(in, what);
      throw InputError(file, static_cast<unsigned>(std::stoul(number)), field, what);
    } else if (line == "invalid" && stage == "model") {
      std::getline(in, line);
      throw InputError(scenario.dir.string(), 0, "", "the run cannot be set up: " + line);
    } else if (line == "error" || line == "invalid") {
      std::getline(in, line);
      if (stage == "simgrid" && !options.simgrid_args.empty()) {
        throw InputError("command line", 0, options.simgrid_args.size() == 1 ? options.simgrid_args[0] : "SimGrid options",
                         line);
      }
      throw std::runtime_error("setting up the run failed: " + line);
    }
  }
  // The child ended without a word: SimGrid stopped it (an abort on a bad option).
  if (stage == "simgrid" && !options.simgrid_args.empty())
    throw InputError("command line", 0, options.simgrid_args.size() == 1 ? options.simgrid_args[0] : "SimGrid options",
                     simgrid_says);
  throw std::runtime_error("setting up the run failed (" +
                           std::string(WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "no report") + "): " +
                           simgrid_says);
}

}  // namespace provsim::sim
