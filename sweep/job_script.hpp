#pragma once
// Hands a sweep to existing engines instead of a home-made scheduler. Every
// job reads the frozen plan OUT/sweep.json, never the sweep file, so editing
// the file after submission changes nothing that was submitted.
//
// - job_line: one shell command per run, for GNU parallel
//   (`parallel --jobs 8 < jobs.txt`, or across hosts with
//   `parallel --sshloginfile hosts.txt < jobs.txt`: the paths are absolute,
//   so the hosts need the same file system layout, e.g. a shared home).
// - slurm_script: a Slurm job-array script whose task K runs slice K of T of
//   the runs through `provsim sweep resume OUT --slice K/T`; collect_script:
//   the job that collects when the array has ended.
//
// Safe by construction: every value is single-quoted for the shell, and
// written for sbatch's own #SBATCH parser with each special byte
// backslash-escaped; a value with a control character (a newline would end
// a job line or an #SBATCH line) is refused with std::invalid_argument.

#include <filesystem>
#include <string>
#include <vector>

#include "sweep/plan.hpp"

namespace provsim::sweep {

// 'text' for a POSIX shell ("'" inside becomes '\'').
std::string shell_quote(const std::string& text);

// The program and its arguments, each shell-quoted, on one line. Throws
// std::invalid_argument if any holds a control character.
std::string command_line(const std::filesystem::path& provsim, const std::vector<std::string>& args);

// One GNU parallel job: `provsim sweep resume OUT --run NAME --quiet [extra]`.
std::string job_line(const std::filesystem::path& provsim, const std::filesystem::path& out, const PlannedRun& run,
                     const std::vector<std::string>& extra);

// One argument of an #SBATCH line as sbatch reads it: whitespace splits
// words, quotes group, a backslash escapes the next byte, an unquoted '#'
// starts a comment. A word of only [A-Za-z0-9._/=:,+@%-] stays as it is;
// any other is put in double quotes with '"' and '\' backslash-escaped
// (checked against sbatch 22.05 in tests/slurm). Throws
// std::invalid_argument on a control character.
std::string sbatch_word(const std::string& text);

// A path for Slurm's --output pattern: '%' is doubled so it stays literal.
std::string slurm_pattern_path(const std::filesystem::path& path);

// The site's options, written as #SBATCH lines into both scripts.
struct SlurmSite {
  std::string partition;
  std::string account;
  std::string time;                      // --time (time limit per task)
  std::string mem;                       // --mem (per task)
  std::size_t max_parallel = 0;          // array throttle %N (0: none)
  std::vector<std::string> sbatch_args;  // one #SBATCH line each, e.g. --qos=long
};

struct SlurmOptions {
  std::filesystem::path provsim;   // absolute path of the binary
  std::filesystem::path out;       // absolute
  std::size_t tasks = 1;           // array size, at least 1
  std::size_t retries = 0;         // reruns of a failed run within its task
  std::vector<std::string> extra;  // SimGrid options for every run
  SlurmSite site;
};

// The job comment that marks the array tasks of this sweep for `status`:
// "provsim-sweep:<tasks>:<out>".
std::string slurm_comment(const SlurmOptions& options);

std::string slurm_script(const Plan& plan, const SlurmOptions& options);
std::string collect_script(const Plan& plan, const SlurmOptions& options);

// The job that carries a `provsim size` search on after one batch of its
// runs (submitted with --dependency=afterany on the batch's array): it runs
// `provsim ARGS`, which submits the next batch and this job again, or writes
// the answer. Its output goes to OUT/logs/slurm-search-<job>.out.
std::string search_script(const Plan& plan, const SlurmOptions& options, const std::vector<std::string>& args);

// "0-3,7,9-10" for sorted distinct task numbers.
std::string array_ranges(const std::vector<std::size_t>& tasks);

}  // namespace provsim::sweep
