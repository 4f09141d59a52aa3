// Sweeps and searches on Slurm: `provsim sweep FILE --slurm [--submit]` (the
// job-array script, the collect job, their submission through sbatch) and
// each batch of `provsim size ... --slurm [--submit]`, and the site options
// both take.

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "sim/scenario/input_error.hpp"
#include "sweep/control_characters.hpp"
#include "tools/provsim/child_process.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/sweep_parts.hpp"

namespace fs = std::filesystem;
namespace po = boost::program_options;

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

const auto kScriptPerms = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                          fs::perms::others_read | fs::perms::others_exec;
const auto kRecordPerms =
    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;

}  // namespace

void refuse_control(const std::string& what, const std::string& text) {
  const std::string problem = sweep::control_character_problem(text);
  if (!problem.empty()) throw sim::InputError(what, 0, "", problem);
}

po::options_description slurm_site_options() {
  po::options_description slurm("Slurm");
  slurm.add_options()
      ("partition", po::value<std::string>(), "#SBATCH --partition")
      ("account", po::value<std::string>(), "#SBATCH --account")
      ("time", po::value<std::string>(), "#SBATCH --time: each task's time limit")
      ("mem", po::value<std::string>(), "#SBATCH --mem: each task's memory")
      ("max-parallel", po::value<std::size_t>(), "at most N array tasks at a time (--array=...%N)")
      ("sbatch-arg", po::value<std::vector<std::string>>()->composing(),
       "any other sbatch option, one #SBATCH line each, e.g. --sbatch-arg=--qos=long (repeatable)");
  return slurm;
}

sweep::SlurmSite site_from(const po::variables_map& vm) {
  sweep::SlurmSite site;
  const auto text = [&](const char* name, std::string& into) {
    if (!vm.count(name)) return;
    into = vm[name].as<std::string>();
    refuse_control(std::string("--") + name, into);
  };
  text("partition", site.partition);
  text("account", site.account);
  text("time", site.time);
  text("mem", site.mem);
  if (vm.count("max-parallel")) {
    site.max_parallel = vm["max-parallel"].as<std::size_t>();
    if (site.max_parallel == 0) throw UsageError("--max-parallel wants at least 1 task at a time");
  }
  if (vm.count("sbatch-arg")) site.sbatch_args = vm["sbatch-arg"].as<std::vector<std::string>>();
  for (const auto& a : site.sbatch_args) refuse_control("--sbatch-arg", a);
  return site;
}


std::vector<std::string> site_arguments(const sweep::SlurmSite& site) {
  std::vector<std::string> args;
  const auto text = [&](const char* name, const std::string& value) {
    if (!value.empty()) args.insert(args.end(), {std::string("--") + name, value});
  };
  text("partition", site.partition);
  text("account", site.account);
  text("time", site.time);
  text("mem", site.mem);
  if (site.max_parallel) args.insert(args.end(), {"--max-parallel", std::to_string(site.max_parallel)});
  for (const auto& a : site.sbatch_args) args.push_back("--sbatch-arg=" + a);
  return args;
}

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
  write_text(array_file, array, kScriptPerms);
  write_text(collect_file, collect, kScriptPerms);
  nlohmann::ordered_json record{{"tasks", o.tasks}, {"max_parallel", o.site.max_parallel}};
  write_text(o.out / "slurm.json", record.dump(2) + "\n", kRecordPerms);
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

std::vector<std::string> last_search_batch(const fs::path& out) {
  std::ifstream in(out / "slurm.json", std::ios::binary);
  if (!in) return {};
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("batch") || !j["batch"].is_array()) return {};
  std::vector<std::string> names;
  for (const auto& n : j["batch"])
    if (n.is_string()) names.push_back(n.get<std::string>());
  return names;
}

int slurm_search_batch(const sweep::Plan& plan, const sweep::SlurmOptions& o, const std::vector<std::size_t>& pending,
                       const std::vector<std::string>& search_args, bool submit_now) {
  std::string array, search;
  try {
    array = sweep::slurm_script(plan, o);
    search = sweep::search_script(plan, o, search_args);
  } catch (const std::invalid_argument& e) {
    throw sim::InputError("the Slurm scripts", 0, "", e.what());
  }
  fs::create_directories(o.out / "logs");
  const fs::path array_file = o.out / "sweep.sbatch", search_file = o.out / "search.sbatch";
  write_text(array_file, array, kScriptPerms);
  write_text(search_file, search, kScriptPerms);
  std::vector<std::size_t> tasks = pending;
  std::sort(tasks.begin(), tasks.end());
  nlohmann::ordered_json record{{"tasks", o.tasks}, {"max_parallel", o.site.max_parallel}, {"batch", nlohmann::json::array()}};
  for (std::size_t i : tasks) record["batch"].push_back(plan.runs[i].name);
  write_text(o.out / "slurm.json", record.dump(2) + "\n", kRecordPerms);

  std::string array_option = "--array=" + sweep::array_ranges(tasks);
  if (o.site.max_parallel) array_option += "%" + std::to_string(o.site.max_parallel);
  if (!submit_now) {
    std::cout << array;
    std::cerr << "size: " << tasks.size() << " runs in this batch, written to " << array_file.string()
              << " (one array task per run) and the job that carries the search on to " << search_file.string()
              << ". Submit both with\n"
              << "  sbatch --parsable " << array_option << " " << sweep::shell_quote(array_file.string())
              << "   # prints the job id ID\n"
              << "  sbatch --dependency=afterany:ID " << sweep::shell_quote(search_file.string()) << "\n"
              << "or let provsim do it: the same command with --submit.\n";
    return 0;
  }
  const std::string array_id = submit({"sbatch", "--parsable", array_option, array_file.string()});
  const std::string search_id =
      submit({"sbatch", "--parsable", "--dependency=afterany:" + array_id, search_file.string()});
  std::cout << "size: submitted job array " << array_id << " (" << tasks.size() << " runs) and search job "
            << search_id << " (runs after the array, then submits the next batch or writes the answer)\n"
            << "watch:  squeue --me\n"
            << "status: " << sweep::command_line(self_path(), {"sweep", "status", o.out.string()}) << "\n"
            << "answer: " << (o.out / "size.json").string() << " and the search job's output in "
            << (o.out / "logs").string() << "/slurm-search-<job>.out\n";
  return 0;
}

}  // namespace provsim::cli
