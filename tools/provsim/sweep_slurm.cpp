// `provsim sweep FILE --slurm [--submit]`: the job-array script, the
// collect job, and their submission through sbatch.

#include <sys/stat.h>

#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "sim/scenario/input_error.hpp"
#include "tools/provsim/child_process.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/sweep_parts.hpp"

namespace fs = std::filesystem;

namespace provsim::cli {
namespace {

void write_text(const fs::path& file, const std::string& text, fs::perms perms) {
  std::ofstream f(file, std::ios::binary | std::ios::trunc);
  f << text;
  if (!f.flush()) throw std::runtime_error("cannot write " + file.string());
  f.close();
  fs::permissions(file, perms);
}

// sbatch --parsable prints "<job id>[;<cluster>]".
std::string submit(const std::vector<std::string>& argv) {
  const ChildResult r = run_child(argv);
  if (!r.started) throw UsageError("cannot run sbatch: is Slurm installed on this machine (sbatch in PATH)?");
  const std::string id = r.out.substr(0, r.out.find_first_of(";\n"));
  if (r.exit_code != 0 || id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
    throw std::runtime_error("sbatch failed (exit " + std::to_string(r.exit_code) + "), nothing more submitted");
  return id;
}

}  // namespace

SlurmRecord read_slurm_record(const fs::path& out) {
  std::ifstream in(out / "slurm.json", std::ios::binary);
  if (!in) return {};
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return {};
  return {j.value("tasks", std::size_t{0}), j.value("max_parallel", std::size_t{0})};
}

int slurm_command(const sweep::Plan& plan, const sweep::SlurmOptions& o, bool submit_now) {
  std::string array, collect;
  try {
    array = sweep::slurm_script(plan, o);
    collect = sweep::collect_script(plan, o);
  } catch (const std::invalid_argument& e) {
    throw sim::InputError("the Slurm scripts", 0, "", e.what());
  }
  // Slurm opens the tasks' --output files in OUT/logs before the script
  // starts: without the folder every task fails to launch.
  fs::create_directories(o.out / "logs");
  const fs::path array_file = o.out / "sweep.sbatch", collect_file = o.out / "collect.sbatch";
  const auto exec = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                    fs::perms::others_exec;
  write_text(array_file, array, exec);
  write_text(collect_file, collect, exec);
  nlohmann::ordered_json record{{"tasks", o.tasks}, {"max_parallel", o.site.max_parallel}};
  write_text(o.out / "slurm.json", record.dump(2) + "\n", fs::perms::owner_read | fs::perms::owner_write |
                                                            fs::perms::group_read | fs::perms::others_read);
  const std::string status = sweep::command_line(self_path(), {"sweep", "status", o.out.string()});
  if (!submit_now) {
    std::cout << array;
    std::cerr << "sweep " << plan.name << ": " << plan.runs.size() << " runs in " << o.tasks
              << " array tasks; written to " << array_file.string() << " (and the collect job to "
              << collect_file.string() << "). Submit both with\n"
              << "  sbatch --parsable " << sweep::shell_quote(array_file.string()) << "   # prints the job id ID\n"
              << "  sbatch --dependency=afterany:ID " << sweep::shell_quote(collect_file.string()) << "\n"
              << "or let provsim do it: the same command with --submit. Then: " << status << "\n";
    return 0;
  }
  const std::string array_id = submit({"sbatch", "--parsable", array_file.string()});
  const std::string collect_id =
      submit({"sbatch", "--parsable", "--dependency=afterany:" + array_id, collect_file.string()});
  std::cout << "sweep " << plan.name << ": " << plan.runs.size() << " runs in " << o.tasks << " array tasks\n"
            << "submitted job array " << array_id << " and collect job " << collect_id << " (runs after the array)\n"
            << "watch:   squeue -j " << array_id << "," << collect_id << "\n"
            << "status:  " << status << "\n"
            << "results: " << (o.out / "sweep.csv").string() << " when job " << collect_id << " has run\n";
  return 0;
}

}  // namespace provsim::cli
