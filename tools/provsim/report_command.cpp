#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "reports/html_report.hpp"
#include "reports/results_reader.hpp"
#include "sim/scenario/input_error.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace provsim::cli {

int report_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim report RESULTS_DIR [options]\n\n"
      "Writes RESULTS_DIR/report.html again from the folder's summary.json and\n"
      "CSV files (after a provsim upgrade, or with the chart libraries now\n"
      "installed). The same folder gives the same report, byte for byte.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("results", po::value<std::string>(), "a results folder written by provsim run")
      ("out", po::value<std::string>(), "write the report here instead of RESULTS_DIR/report.html");
  const Parsed p = parse(args, options, "results", 1);
  if (p.vm.count("help")) {
    std::cout << options;
    return 0;
  }
  if (!p.vm.count("results")) throw UsageError("a results folder is required");
  if (!p.simgrid_args.empty()) throw UsageError("unknown option '" + p.simgrid_args.front() + "'");
  const fs::path dir = p.vm["results"].as<std::string>();
  if (!fs::is_directory(dir)) throw sim::InputError(dir.string(), 0, "", "not a results folder");
  reports::Results results;
  try {
    results = reports::read_results(dir);
  } catch (const std::invalid_argument& e) {
    throw sim::InputError(e.what(), 0, "", "not a readable results folder");
  }
  const fs::path out = p.vm.count("out") ? fs::path(p.vm["out"].as<std::string>()) : dir / "report.html";
  const std::string html = reports::report_html(results, reports::load_assets(reports::default_asset_dir()));
  // Through a temporary file and a rename, so a reader never sees half a report.
  const fs::path partial = out.parent_path() / ("." + out.filename().string() + ".partial-" + std::to_string(::getpid()));
  {
    std::ofstream f(partial, std::ios::binary | std::ios::trunc);
    f << html;
    f.flush();
    if (!f) throw std::runtime_error("cannot write " + partial.string());
  }
  fs::rename(partial, out);
  std::cout << "report: " << fs::absolute(out).string() << "\n";
  return 0;
}

}  // namespace provsim::cli
