#include "sweep/job_script.hpp"

namespace provsim::sweep {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::vector<std::string> run_arguments(const Plan& plan, const PlannedRun& run, const std::filesystem::path& out,
                                       const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"run", plan.scenario.string(), "--quiet", "--out", run_dir(out, run).string()};
  for (const auto& o : plan.overrides(run)) {
    args.push_back("--set");
    args.push_back(o);
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string command_line(const std::filesystem::path& provsim, const std::vector<std::string>& args) {
  std::string line = shell_quote(provsim.string());
  for (const auto& a : args) line += " " + shell_quote(a);
  return line;
}

std::string slurm_script(const Plan& plan, const SlurmOptions& o) {
  const std::string tasks = std::to_string(o.tasks);
  std::vector<std::string> args = {"sweep", o.sweep_file.string(), "--out", o.out.string(), "--quiet"};
  args.insert(args.end(), o.extra.begin(), o.extra.end());
  std::string s;
  s += "#!/bin/bash\n";
  s += "# provsim sweep '" + plan.name + "': " + std::to_string(plan.runs.size()) + " runs (" +
       std::to_string(plan.points.size()) + " grid points x " + std::to_string(plan.replications) +
       " replications) in a job array of " + tasks + " tasks.\n";
  s += "# Task K runs slice K of " + tasks + " (a contiguous block of runs); a run already done is skipped.\n";
  s += "# Submit:            sbatch THIS_FILE\n";
  s += "# When all are done: " + command_line(o.provsim, {"sweep", "collect", o.out.string()}) + "\n";
  s += "#SBATCH --job-name=provsim-" + plan.name + "\n";
  s += "#SBATCH --array=0-" + std::to_string(o.tasks - 1) + "\n";
  s += "#SBATCH --ntasks=1\n";
  s += "#SBATCH --cpus-per-task=1\n";
  s += "#SBATCH --output=" + (o.out / "logs" / "slurm-%A_%a.out").string() + "\n";
  s += "set -euo pipefail\n";
  s += "exec " + command_line(o.provsim, args) + " --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --slice \"${SLURM_ARRAY_TASK_ID}/" +
       tasks + "\"\n";
  return s;
}

}  // namespace provsim::sweep
