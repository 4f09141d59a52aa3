#pragma once
// Hands a sweep to existing engines instead of a home-made scheduler:
//
// - job_lines: one shell command per run, for GNU parallel
//   (`parallel --jobs 8 < jobs.txt`, or across hosts with
//   `parallel --sshloginfile hosts.txt < jobs.txt`: the paths are absolute,
//   so the hosts need the same file system layout, e.g. a shared home).
// - slurm_script: a Slurm job-array script whose task K runs slice K of T of
//   the runs through `provsim sweep --slice K/T` (resumable like any sweep).

#include <filesystem>
#include <string>
#include <vector>

#include "sweep/plan.hpp"

namespace provsim::sweep {

// 'text' for a POSIX shell ("'" inside becomes '\'').
std::string shell_quote(const std::string& text);

// The argument vector of `provsim run` for one run (without the program).
std::vector<std::string> run_arguments(const Plan& plan, const PlannedRun& run, const std::filesystem::path& out,
                                       const std::vector<std::string>& extra);

std::string command_line(const std::filesystem::path& provsim, const std::vector<std::string>& args);

struct SlurmOptions {
  std::filesystem::path provsim;     // absolute path of the binary
  std::filesystem::path sweep_file;  // absolute
  std::filesystem::path out;         // absolute
  std::size_t tasks = 1;             // array size
  std::vector<std::string> extra;    // further `provsim sweep` arguments (--set ..., SimGrid options)
};

std::string slurm_script(const Plan& plan, const SlurmOptions& options);

}  // namespace provsim::sweep
