#include "sweep/run_record.hpp"

#include <unistd.h>

#include <deque>
#include <fstream>

#include <nlohmann/json.hpp>

namespace provsim::sweep {

namespace fs = std::filesystem;

fs::path run_log(const fs::path& out, const PlannedRun& run) { return out / "logs" / (run.name + ".log"); }
fs::path run_state(const fs::path& out, const PlannedRun& run) { return out / "logs" / (run.name + ".state"); }

void write_record(const fs::path& out, const PlannedRun& run, const RunRecord& r) {
  nlohmann::ordered_json j;
  j["state"] = r.exited ? "exited" : "started";
  j["attempt"] = r.attempt;
  j["host"] = r.host;
  j["pid"] = r.pid;
  j["slurm_job"] = r.slurm_job;
  if (r.exited) j["exit"] = r.exit_code;
  const fs::path file = run_state(out, run);
  fs::path partial = file;
  partial += ".partial-" + std::to_string(::getpid());
  {
    std::ofstream f(partial, std::ios::binary | std::ios::trunc);
    f << j.dump() << "\n";
    if (!f.flush()) throw std::runtime_error("cannot write " + partial.string());
  }
  fs::rename(partial, file);
}

std::optional<RunRecord> read_record(const fs::path& out, const PlannedRun& run) {
  std::ifstream in(run_state(out, run), std::ios::binary);
  if (!in) return std::nullopt;
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    RunRecord r;
    r.exited = j.at("state").get<std::string>() == "exited";
    r.attempt = j.at("attempt").get<unsigned>();
    r.host = j.at("host").get<std::string>();
    r.pid = j.at("pid").get<long>();
    r.slurm_job = j.at("slurm_job").get<std::string>();
    if (r.exited) r.exit_code = j.at("exit").get<int>();
    return r;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::string log_tail(const fs::path& out, const PlannedRun& run, std::size_t count) {
  std::ifstream in(run_log(out, run), std::ios::binary);
  std::deque<std::string> last;
  for (std::string line; std::getline(in, line);) {
    last.push_back(line);
    if (last.size() > count) last.pop_front();
  }
  std::string text;
  for (const auto& l : last) text += l + "\n";
  return text;
}

}  // namespace provsim::sweep
