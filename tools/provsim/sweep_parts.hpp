#pragma once
// The pieces of `provsim sweep` beside running locally: handing the sweep
// to Slurm (sweep_slurm.cpp) and `provsim sweep status` (sweep_status_command.cpp).

#include <filesystem>
#include <string>
#include <vector>

#include "sweep/job_script.hpp"
#include "sweep/plan.hpp"

namespace provsim::cli {

// The running provsim binary (absolute): what job lines and scripts call.
std::filesystem::path self_path();

// A sweep's folder as every command names it: absolute, symbolic links and
// "..", "." resolved, no trailing '/' (Slurm jobs are matched to it by name).
std::filesystem::path sweep_folder(const std::filesystem::path& given);

// Writes OUT/sweep.sbatch (the job array), OUT/collect.sbatch (the collect
// job) and OUT/slurm.json (array size and throttle, for status), creates
// OUT/logs, and either prints the array script (submit false) or submits
// both jobs, the collect job after the array (submit true).
int slurm_command(const sweep::Plan& plan, const sweep::SlurmOptions& options, bool submit);

// The array size and throttle written by slurm_command; tasks 0 if none.
struct SlurmRecord {
  std::size_t tasks = 0;
  std::size_t max_parallel = 0;
};
SlurmRecord read_slurm_record(const std::filesystem::path& out);

int sweep_status_command(const std::vector<std::string>& args);

}  // namespace provsim::cli
