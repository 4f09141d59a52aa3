#include <iostream>
#include <optional>

#include "compare/compare_files.hpp"
#include "compare/comparison.hpp"
#include "compare/run_group.hpp"
#include "sim/scenario/input_error.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace provsim::cli {

namespace {

struct CompareOptions {
  fs::path a;
  fs::path b;
  std::optional<std::string> point_a;
  std::optional<std::string> point_b;
  double level = 0.05;
  std::vector<std::string> fail_on;
  fs::path out;
  bool quiet = false;
};

CompareOptions compare_options(const po::variables_map& vm) {
  CompareOptions o;
  const auto inputs = vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (inputs.size() != 2) throw UsageError("two folders to compare are required (A and B)");
  o.a = inputs[0];
  o.b = inputs[1];
  if (vm.count("point-a")) o.point_a = vm["point-a"].as<std::string>();
  if (vm.count("point-b")) o.point_b = vm["point-b"].as<std::string>();
  o.level = vm["level"].as<double>();
  if (!(o.level > 0 && o.level < 1)) throw UsageError("--level must be between 0 and 1, e.g. 0.05");
  if (vm.count("fail-on")) o.fail_on = vm["fail-on"].as<std::vector<std::string>>();
  o.out = vm.count("out") ? fs::path(vm["out"].as<std::string>()) : fs::path("results") / "compare";
  o.quiet = vm.count("quiet") > 0;
  return o;
}

// The --fail-on outcome; a pattern that names no metric is an error, so a
// misspelt gate never passes silently.
compare::GateResult gate(const compare::Comparison& c, const std::vector<std::string>& patterns) {
  compare::GateResult g{patterns, {}};
  for (const auto& p : patterns) {
    const auto rows = compare::matching(c, p);
    if (rows.empty()) throw sim::InputError("--fail-on", 0, p, "names no metric of the comparison");
    for (const auto* r : rows)
      if (r->significant) g.failed.push_back(r->group + ": " + r->metric);
  }
  return g;
}

}  // namespace

int compare_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim compare A B [options]\n\n"
      "Compares two results folders, two sweep folders (point by point), or two\n"
      "grid points of sweeps (--point-a/--point-b): every summary metric side by\n"
      "side with the difference B - A and, with replications, Welch's t-test.\n"
      "Writes OUT/compare.csv, compare.json and compare.html (time series of A\n"
      "and B overlaid). Exit code 1 when a metric named by --fail-on differs\n"
      "significantly, 2 for bad input.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("input", po::value<std::vector<std::string>>(), "the two folders, A then B")
      ("point-a", po::value<std::string>(), "the grid point of sweep A, e.g. 'call_centre.isp_csr.agents=5'")
      ("point-b", po::value<std::string>(), "the grid point of sweep B")
      ("level", po::value<double>()->default_value(0.05), "significance level of the tests")
      ("fail-on", po::value<std::vector<std::string>>()->composing(),
       "exit 1 when a metric matching this glob differs significantly, e.g. 'orders.*' (repeatable)")
      ("out", po::value<std::string>(), "output folder (default results/compare)")
      ("quiet,q", "print only the failed metrics");
  const Parsed p = parse(args, options, "input", -1);
  if (p.vm.count("help")) {
    std::cout << options;
    return 0;
  }
  if (!p.simgrid_args.empty()) throw UsageError("unknown option '" + p.simgrid_args.front() + "'");
  const CompareOptions o = compare_options(p.vm);
  compare::Side a, b;
  compare::Comparison c;
  try {  // the messages name the folder (and the grid point) already
    a = compare::read_side(o.a, o.point_a);
    b = compare::read_side(o.b, o.point_b);
    c = compare::compare(a, b, o.level);
  } catch (const std::invalid_argument& e) {
    std::cerr << "provsim compare: " << e.what() << "\n";
    return 2;
  }
  const compare::GateResult g = gate(c, o.fail_on);
  compare::write_comparison(a, b, c, g, reports::load_assets(reports::default_asset_dir()), o.out);
  std::size_t significant = 0;
  for (const auto& r : c.rows) significant += r.significant ? 1 : 0;
  if (!o.quiet) {
    std::cout << significant << " of " << c.rows.size() << " metrics differ significantly (level " << o.level
              << ")\n";
    for (const auto& r : c.rows)
      if (r.significant)
        std::cout << "  " << r.group << ": " << r.metric << ": " << r.mean_a << " -> " << r.mean_b << " ("
                  << r.test << (r.p_value ? ", p " + std::to_string(*r.p_value) : std::string()) << ")\n";
  }
  for (const auto& f : g.failed) std::cout << "FAIL " << f << " differs significantly\n";
  std::cout << "compare: " << fs::absolute(o.out / "compare.html").string() << "\n";
  return g.failed.empty() ? 0 : 1;
}

}  // namespace provsim::cli
