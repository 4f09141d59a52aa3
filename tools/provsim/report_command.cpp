#include <filesystem>
#include <iostream>

#include "model/core/printable.hpp"
#include "reports/html_report.hpp"
#include "reports/output_folder.hpp"
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
      ("out", po::value<std::string>(),
       "write the report here instead of RESULTS_DIR/report.html; an existing file is replaced only if it is "
       "a report provsim wrote");
  const Parsed p = parse(args, options, "results", 1);
  if (p.vm.count("help")) {
    std::cout << options;
    return 0;
  }
  if (!p.vm.count("results")) throw UsageError("a results folder is required");
  if (!p.simgrid_args.empty()) throw UsageError("unknown option '" + p.simgrid_args.front() + "'");
  const fs::path dir = p.vm["results"].as<std::string>();
  std::error_code ec;  // a link loop is "not a results folder", not an internal error
  if (!fs::is_directory(dir, ec)) throw sim::InputError(printable(dir.string()), 0, "", "not a results folder");
  // Only a report provsim wrote is replaced; checked before any work.
  const fs::path out = reports::claim_output_file(p.vm.count("out") ? fs::path(p.vm["out"].as<std::string>())
                                                                    : dir / "report.html");
  reports::Results results;
  try {
    results = reports::read_results(dir);
  } catch (const std::invalid_argument& e) {
    throw sim::InputError(e.what(), 0, "", "not a readable results folder");
  }
  reports::write_file_replacing(out, reports::report_html(results, reports::load_assets(reports::default_asset_dir())));
  std::cout << "report: " << fs::absolute(out).string() << "\n";
  return 0;
}

}  // namespace provsim::cli
