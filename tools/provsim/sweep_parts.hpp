#pragma once
// The pieces of `provsim sweep` beside running locally: handing the sweep
// to Slurm (sweep_slurm.cpp) and `provsim sweep status` (sweep_status_command.cpp).

#include <filesystem>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "sweep/job_script.hpp"
#include "sweep/plan.hpp"

namespace provsim::cli {

// Names that reach job lines and scripts are refused at the door, as
// InputError naming `what`, if they hold a control character
// (sweep/control_characters.hpp).
void refuse_control(const std::string& what, const std::string& text);

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

// One batch of a `provsim size` search on Slurm: writes OUT/sweep.sbatch
// with one array task per planned run (task K runs run K), OUT/search.sbatch
// (the job that runs `provsim SEARCH_ARGS` after the batch, which carries the
// search on) and OUT/slurm.json, which names the batch; then either prints
// how to submit them (submit false) or submits the array over the `pending`
// runs only and the search job after it (submit true).
int slurm_search_batch(const sweep::Plan& plan, const sweep::SlurmOptions& options,
                       const std::vector<std::size_t>& pending, const std::vector<std::string>& search_args,
                       bool submit);

// The runs the last slurm_search_batch handed to Slurm (empty if none).
std::vector<std::string> last_search_batch(const std::filesystem::path& out);

// The site options of --slurm (--partition, --account, --time, --mem,
// --max-parallel, --sbatch-arg) for `sweep` and `size`, and what they set.
boost::program_options::options_description slurm_site_options();
sweep::SlurmSite site_from(const boost::program_options::variables_map& vm);
// The same options as arguments again, for a job that runs provsim anew.
std::vector<std::string> site_arguments(const sweep::SlurmSite& site);

// The array size and throttle written by slurm_command; tasks 0 if none.
struct SlurmRecord {
  std::size_t tasks = 0;
  std::size_t max_parallel = 0;
};
SlurmRecord read_slurm_record(const std::filesystem::path& out);

int sweep_status_command(const std::vector<std::string>& args);

}  // namespace provsim::cli
