#include "sweep/job_script.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "sweep/control_characters.hpp"

namespace provsim::sweep {

namespace fs = std::filesystem;

namespace {

void refuse_control(const std::string& text) {
  const std::string problem = control_character_problem(text);
  if (!problem.empty()) throw std::invalid_argument("a value for a job script " + problem);
}

bool sbatch_plain(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("._/=:,+@%-").find(c) != std::string_view::npos;
}

std::string sbatch_line(const std::string& option) { return "#SBATCH " + sbatch_word(option) + "\n"; }

// The #SBATCH lines both scripts share: the site's options.
std::string site_lines(const SlurmSite& site) {
  std::string s;
  if (!site.partition.empty()) s += sbatch_line("--partition=" + site.partition);
  if (!site.account.empty()) s += sbatch_line("--account=" + site.account);
  if (!site.time.empty()) s += sbatch_line("--time=" + site.time);
  if (!site.mem.empty()) s += sbatch_line("--mem=" + site.mem);
  for (const auto& a : site.sbatch_args) s += sbatch_line(a);
  return s;
}

// Stops a task with a clear message, before anything runs, when the node
// does not see what it needs: Slurm starts the script on another machine,
// so the binary, the plan, the scenario and the output folder must be on a
// file system every node mounts at the same path.
std::string shared_file_system_check(const Plan& plan, const SlurmOptions& o) {
  std::string s;
  s += "provsim=" + shell_quote(o.provsim.string()) + "\n";
  s += "out=" + shell_quote(o.out.string()) + "\n";
  s += "scenario=" + shell_quote(plan.scenario.string()) + "\n";
  s += "unseen() {\n";
  s += "  echo \"provsim sweep: $1 is not visible on node $(hostname): the provsim binary, the scenario and the\" \\\n";
  s += "       \"sweep's output folder must be on a file system every node sees at the same path\" \\\n";
  s += "       \"(docs/sweeps.md, 'Shared file system')\" >&2\n";
  s += "  exit 2\n";
  s += "}\n";
  s += "[ -x \"$provsim\" ] || unseen \"the binary $provsim\"\n";
  s += "[ -r \"$out/sweep.json\" ] || unseen \"the plan $out/sweep.json\"\n";
  s += "[ -d \"$scenario\" ] || unseen \"the scenario $scenario\"\n";
  s += "[ -w \"$out/logs\" ] || unseen \"the writable folder $out/logs\"\n";
  return s;
}

std::string header(const Plan& plan, const std::string& job, const SlurmOptions& o) {
  refuse_control(plan.name);
  refuse_control(plan.scenario.string());
  std::string s = "#!/bin/bash\n";
  s += sbatch_line("--job-name=provsim-" + plan.name + job);
  s += sbatch_line("--comment=" + slurm_comment(o));
  s += "#SBATCH --ntasks=1\n";
  return s;
}

// A one-task job submitted after the array (collect, search): its #SBATCH
// lines with output to OUT/logs/slurm-JOB-<id>.out, the comment `about`,
// the checks that the node sees the files, then `command`.
std::string after_array_script(const Plan& plan, const SlurmOptions& o, const std::string& job,
                               const std::string& about, const std::string& command) {
  std::string s = header(plan, "-" + job, o);
  s += "#SBATCH --cpus-per-task=1\n";
  s += sbatch_line("--output=" + slurm_pattern_path(o.out / "logs") + "/slurm-" + job + "-%j.out");
  s += site_lines(o.site);
  s += "#\n" + about;
  s += "set -euo pipefail\n";
  s += shared_file_system_check(plan, o);
  return s + command;
}

}  // namespace

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string command_line(const fs::path& provsim, const std::vector<std::string>& args) {
  refuse_control(provsim.string());
  std::string line = shell_quote(provsim.string());
  for (const auto& a : args) {
    refuse_control(a);
    line += " " + shell_quote(a);
  }
  return line;
}

std::string job_line(const fs::path& provsim, const fs::path& out, const PlannedRun& run,
                     const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"sweep", "resume", out.string(), "--run", run.name, "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return command_line(provsim, args);
}

std::string sbatch_word(const std::string& text) {
  refuse_control(text);
  if (std::all_of(text.begin(), text.end(), sbatch_plain)) return text;
  // Whitespace splits words even when backslash-escaped, so the word goes in
  // double quotes, inside which only '"' and '\\' need a backslash ('#',
  // '\'' and '$' are plain there).
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string slurm_pattern_path(const fs::path& path) {
  std::string out;
  for (char c : path.string()) out += c == '%' ? std::string("%%") : std::string(1, c);
  return out;
}

std::string slurm_comment(const SlurmOptions& o) {
  return "provsim-sweep:" + std::to_string(o.tasks) + ":" + o.out.string();
}

std::string slurm_script(const Plan& plan, const SlurmOptions& o) {
  if (o.tasks == 0) throw std::invalid_argument("a job array needs at least one task");
  const std::string tasks = std::to_string(o.tasks);
  std::string array = "--array=0-" + std::to_string(o.tasks - 1);
  if (o.site.max_parallel) array += "%" + std::to_string(o.site.max_parallel);
  // sbatch reads #SBATCH lines only before the first command, right after the shebang.
  std::string s = header(plan, "", o);
  s += sbatch_line(array);
  s += "#SBATCH --cpus-per-task=1\n";
  s += sbatch_line("--output=" + slurm_pattern_path(o.out / "logs") + "/slurm-%A_%a.out");
  s += site_lines(o.site);
  s += "#\n";
  s += "# provsim sweep " + shell_quote(plan.name) + ": " + std::to_string(plan.runs.size()) + " runs (" +
       std::to_string(plan.points.size()) + " grid points x " + std::to_string(plan.replications) +
       " replications) in a job array of " + tasks + " tasks.\n";
  s += "# Task K runs slice K of " + tasks + " of the runs planned in OUT/sweep.json (a contiguous\n";
  s += "# block); a run already done is skipped, a failed run is run again up to " + std::to_string(o.retries) +
       " times.\n";
  s += "# Submit:            sbatch THIS_FILE   (only some tasks: sbatch --array=1,3 THIS_FILE)\n";
  s += "# See what is done:  " + command_line(o.provsim, {"sweep", "status", o.out.string()}) + "\n";
  s += "# When all are done: " + command_line(o.provsim, {"sweep", "collect", o.out.string()}) + "\n";
  s += "set -euo pipefail\n";
  s += shared_file_system_check(plan, o);
  std::string extra;
  for (const auto& a : o.extra) {
    refuse_control(a);
    extra += " " + shell_quote(a);
  }
  s += "exec \"$provsim\" sweep resume \"$out\" --quiet --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --retries " +
       std::to_string(o.retries) + " --slice \"${SLURM_ARRAY_TASK_ID}/" + tasks + "\"" + extra + "\n";
  return s;
}

std::string collect_script(const Plan& plan, const SlurmOptions& o) {
  return after_array_script(plan, o, "collect",
                            "# Collects the sweep's runs into OUT/sweep.csv and OUT/sweep.html once its job array has ended\n"
                            "# (submitted with --dependency=afterany on the array). Exit 1 if a run is missing:\n"
                            "# then `provsim sweep status OUT` says what is left and how to run it.\n",
                            "exec \"$provsim\" sweep collect \"$out\"\n");
}

std::string search_script(const Plan& plan, const SlurmOptions& o, const std::vector<std::string>& args) {
  std::string command = "exec \"$provsim\"";
  for (const auto& a : args) {
    refuse_control(a);
    command += " " + shell_quote(a);
  }
  return after_array_script(plan, o, "search",
                            "# Carries the search on once the job array of its latest runs has ended (submitted with\n"
                            "# --dependency=afterany on the array): submits the next batch and this job again, or writes\n"
                            "# the answer into OUT/size.json, OUT/size.csv and OUT/size.html.\n",
                            command + "\n");
}

std::string array_ranges(const std::vector<std::size_t>& tasks) {
  std::string out;
  for (std::size_t i = 0; i < tasks.size();) {
    std::size_t j = i;
    while (j + 1 < tasks.size() && tasks[j + 1] == tasks[j] + 1) ++j;
    if (!out.empty()) out += ",";
    out += std::to_string(tasks[i]);
    if (j > i) out += "-" + std::to_string(tasks[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace provsim::sweep
