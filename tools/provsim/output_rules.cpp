#include "tools/provsim/output_rules.hpp"

#include "model/core/printable.hpp"
#include "sim/scenario/input_error.hpp"

namespace fs = std::filesystem;

namespace provsim::cli {

fs::path scenario_folder(const std::string& arg) {
  std::error_code ec;
  const fs::file_status st = fs::status(arg, ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    throw sim::InputError(printable(arg), 0, "", "cannot open the scenario folder: " + ec.message());
  if (!fs::is_directory(st)) throw sim::InputError(printable(arg), 0, "", "not a scenario folder");
  const fs::path canonical = fs::weakly_canonical(arg, ec);
  if (ec) throw sim::InputError(printable(arg), 0, "", "cannot resolve the scenario folder: " + ec.message());
  return canonical;
}

reports::OutputRules output_rules(reports::FolderKind kind, std::vector<fs::path> scenarios, bool no_clobber) {
  reports::OutputRules rules;
  rules.kind = kind;
  rules.scenarios = std::move(scenarios);
  std::error_code ec;
  rules.cwd = fs::weakly_canonical(fs::current_path(ec), ec);
  if (ec) throw std::runtime_error("cannot find the working folder: " + ec.message());
  rules.no_clobber = no_clobber;
  return rules;
}

}  // namespace provsim::cli
