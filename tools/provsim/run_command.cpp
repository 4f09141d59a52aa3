#include <iostream>
#include <memory>
#include <thread>

#include "reports/junit.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/sut_modes.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"
#include "tools/provsim/output_rules.hpp"
#include "tools/provsim/run_one.hpp"

namespace po = boost::program_options;

namespace provsim::cli {
namespace {

// What --sut and its companions ask for, checked before anything runs.
struct SutChoice {
  std::string rating, address, provisioning;  // each component's system under test; empty: none
  sim::SutModes modes;
  double timeout = 5;
  bool mode_given = false, timeout_given = false;  // on the command line, over the scenario's [sut] keys
  std::size_t keep = 100;
  std::string junit;
};

SutChoice sut_choice(const po::variables_map& vm) {
  SutChoice c;
  if (vm.count("sut")) {
    for (const auto& item : vm["sut"].as<std::vector<std::string>>()) {
      const auto eq = item.find('=');
      if (eq == std::string::npos) throw UsageError("--sut takes COMPONENT=URL, not '" + item + "'");
      const std::string component = item.substr(0, eq);
      if (component == "rating")
        c.rating = item.substr(eq + 1);
      else if (component == "address")
        c.address = item.substr(eq + 1);
      else if (component == "provisioning")
        c.provisioning = item.substr(eq + 1);
      else
        throw UsageError("--sut: '" + component + "' is not a component: " + sim::kSutComponents);
    }
  }
  try {
    c.modes = sim::SutModes::parse(vm["sut-mode"].as<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--sut-mode: ") + e.what());
  }
  c.mode_given = !vm["sut-mode"].defaulted();
  c.timeout = vm["sut-timeout"].as<double>();
  c.timeout_given = !vm["sut-timeout"].defaulted();
  if (!(c.timeout >= 0.001 && c.timeout <= 3600)) throw UsageError("--sut-timeout takes 0.001 to 3600 seconds");
  const long long keep = vm["divergences"].as<long long>();
  if (keep < 0 || keep > 1000000) throw UsageError("--divergences takes 0 to 1000000");
  c.keep = static_cast<std::size_t>(keep);
  if (vm.count("junit")) c.junit = vm["junit"].as<std::string>();
  return c;
}

// The scenario's [sut] keys fill in what the command line left out.
void add_scenario_keys(SutChoice& c, const sim::Config& config) {
  if (c.rating.empty()) c.rating = config.text("sut.rating");
  if (c.address.empty()) c.address = config.text("sut.address");
  if (c.provisioning.empty()) c.provisioning = config.text("sut.provisioning");
  if (!c.mode_given) c.modes = sim::SutModes::parse(config.text("sut.mode"));  // checked when the scenario loaded
  if (!c.timeout_given) c.timeout = config.seconds("sut.timeout");
  if (c.rating.empty() && c.address.empty() && c.provisioning.empty() && (!c.junit.empty() || c.mode_given))
    throw UsageError("--sut-mode and --junit need a system under test (--sut COMPONENT=URL or the [sut] keys)");
  // A mode for a component that is not under test is a mistake worth saying.
  const std::string where = c.mode_given ? "--sut-mode" : "sut.mode";
  for (const auto& [component, url] :
       {std::pair{"rating", &c.rating}, std::pair{"address", &c.address}, std::pair{"provisioning", &c.provisioning}})
    if (url->empty() && c.modes.names(component))
      throw UsageError(where + " gives " + component + " a mode, but no " + component + " system is under test");
}

sut::HarnessOptions harness_options(const SutChoice& c, const std::string& url, sim::SutMode mode, const char* what) {
  sut::HarnessOptions h;
  try {
    h.address = sut::SutAddress::parse(url);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("the ") + what + " under test: " + e.what());
  }
  h.mode = mode;
  h.timeout_seconds = c.timeout;
  h.keep_divergences = c.keep;
  return h;
}

// Asks a harness's system to start the run; an unreachable or refusing
// system stops the command before anything runs.
template <typename Harness>
bool start(Harness& harness, const sim::Scenario& scenario, const char* what, const std::string& url) {
  std::string problem;
  if (harness.reset(scenario.name, scenario.seed, problem)) return true;
  std::cerr << "provsim run: the " << what << " under test at " << url << " cannot start a run: " << problem << "\n";
  return false;
}

// One component's verdicts: a JUnit suite, a line on stderr.
std::uint64_t report(const sut::DivergenceLog& log, const char* component, const char* what, const std::string& url,
                     sim::SutMode mode, const sim::Scenario& scenario, const reports::Results& results,
                     const RunOptions& run, std::vector<reports::SuiteResult>& suites) {
  reports::SuiteResult suite = log.junit(scenario.name + ".harness." + component, component);
  suite.seed = scenario.seed;
  suite.scenario_hash = scenario.hash;
  suite.wall_seconds = results.info.wall_seconds;
  suites.push_back(std::move(suite));
  if (!run.quiet || log.total() > 0)
    std::cerr << "harness: " << what << " at " << url << " (" << (mode == sim::SutMode::kDrive ? "drive" : "shadow")
              << "), " << log.total() << " divergence"
              << (log.total() == 1 ? "" : "s") << " (" << run.out.string() << "/divergences.csv)\n";
  return log.total();
}

// Both cores of a two-core machine; one where only one is known.
unsigned default_threads() { return std::thread::hardware_concurrency() >= 2 ? 2 : 1; }

}  // namespace

int run_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim run SCENARIO_DIR [options]\n\n"
      "Runs one scenario and writes a results folder: summary.json, metrics.csv,\n"
      "orders.csv, rated events, invoices, settlement, pool statistics and\n"
      "report.html. The folder appears only when the run has finished.\n\n"
      "Output: provsim writes only to a new folder, an empty folder, or a folder\n"
      "an earlier 'provsim run' wrote (it holds a .provsim-results marker), which\n"
      "it replaces whole once the new results are complete. It refuses, before\n"
      "running, any other folder, a file, a symbolic link, the scenario folder,\n"
      "the working folder or a folder holding either of them.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("scenario", po::value<std::string>(), "the scenario folder (holds scenario.ini and its CSV tables)")
      ("seed", po::value<std::string>(), "root random seed (overrides run.seed)")
      ("set", po::value<std::vector<std::string>>()->composing(),
       "override a scenario key, e.g. --set ip.policy=borrow (repeatable)")
      ("out", po::value<std::string>(), "results folder (default results/<scenario name>)")
      ("no-clobber", "refuse to replace earlier results too: only a new or empty folder is used")
      ("quiet,q", "no progress line and no summary")
      ("threads", po::value<unsigned>()->default_value(default_threads()),
       "threads the run may use (1 to 64; the default is 2 on a machine with two cores or more): with 2 or more "
       "the rating engine rates on a second thread while the simulation goes on. The results are the same "
       "byte for byte with any number; a system under test or durability keeps rating on one thread")
      ("sut", po::value<std::vector<std::string>>()->composing(),
       "put a system under test beside the reference: rating=http://HOST:PORT, address=http://HOST:PORT or "
       "provisioning=http://HOST:PORT (repeatable, one per component; docs/harness.md)")
      ("sut-mode", po::value<std::string>()->default_value("shadow"),
       "shadow: the reference drives the run, the system's answers are compared; drive: the system's answers "
       "drive it, the reference judges. One mode for every component under test, or one per component: "
       "rating=drive,address=shadow (a component not named is shadowed). A provisioning manager in drive mode "
       "calls the parties' systems the run serves on 127.0.0.1 (its URL goes in /reset as 'parties')")
      ("sut-timeout", po::value<double>()->default_value(5.0), "wall-clock seconds to wait for each answer")
      ("divergences", po::value<long long>()->default_value(100), "divergences kept in full in divergences.csv")
      ("junit", po::value<std::string>(), "write the harness verdicts (one testcase per divergence kind) here");
  const Parsed p = parse(args, options, "scenario", 1);
  if (p.vm.count("help")) {
    std::cout << options << "\nSimGrid options (--cfg=name:value, --log=...) are passed to SimGrid.\n"
              << "\nEnvironment:\n"
              << "  PROVSIM_HUGE_PAGES=0  keep the heap on ordinary pages. Otherwise, where the kernel\n"
              << "                        gives transparent huge pages on request (madvise), provsim\n"
              << "                        starts itself again with glibc.malloc.hugetlb=1 in\n"
              << "                        GLIBC_TUNABLES: large runs take 6-12 % less time and about\n"
              << "                        5 % more memory. The results are the same either way;\n"
              << "                        summary.json's \"wall\" block says which it was.\n";
    return 0;
  }
  if (!p.vm.count("scenario")) throw UsageError("a scenario folder is required");
  SutChoice choice = sut_choice(p.vm);
  const unsigned threads = p.vm["threads"].as<unsigned>();
  if (threads < 1 || threads > 64) throw UsageError("--threads must be from 1 to 64");
  // The output is claimed before the scenario is even loaded.
  const std::filesystem::path dir = scenario_folder(p.vm["scenario"].as<std::string>());
  RunOptions run;
  run.rules = output_rules(reports::FolderKind::run, {dir}, p.vm.count("no-clobber") > 0);
  run.out = reports::claim_output_folder(p.vm.count("out") ? std::filesystem::path(p.vm["out"].as<std::string>())
                                                           : std::filesystem::path("results") / dir.filename(),
                                         run.rules);
  const auto loaded = sim::load_scenario(p.vm["scenario"].as<std::string>(), {overrides_from(p.vm)});
  const sim::Scenario& scenario = *loaded;
  run.simgrid_args = p.simgrid_args;
  run.quiet = p.vm.count("quiet") > 0;
  run.threads = threads;
  add_scenario_keys(choice, scenario.config);
  check_run_setup(scenario, run);
  print_warnings(scenario.config.warnings());
  std::unique_ptr<sut::RatingHarness> rating;
  std::unique_ptr<sut::AddressHarness> address;
  std::unique_ptr<sut::ProvisioningHarness> provisioning;
  if (!choice.rating.empty()) {
    rating = std::make_unique<sut::RatingHarness>(
        scenario.catalog, harness_options(choice, choice.rating, choice.modes.rating, "rating engine"));
    run.rating_harness = rating.get();
  }
  if (!choice.address.empty()) {
    address = std::make_unique<sut::AddressHarness>(
        scenario.catalog, harness_options(choice, choice.address, choice.modes.address, "IP address server"));
    run.address_harness = address.get();
  }
  if (!choice.provisioning.empty()) {
    provisioning = std::make_unique<sut::ProvisioningHarness>(
        scenario.catalog,
        harness_options(choice, choice.provisioning, choice.modes.provisioning, "provisioning manager"));
    run.provisioning_harness = provisioning.get();
  }
  if (rating && !start(*rating, scenario, "rating engine", choice.rating)) return 2;
  if (address && !start(*address, scenario, "IP address server", choice.address)) return 2;
  if (provisioning && !start(*provisioning, scenario, "provisioning manager", choice.provisioning)) return 2;
  const reports::Results results = run_one(scenario, run);
  if (!run.quiet) print_summary(results, run.out);
  if (!rating && !address && !provisioning) return 0;
  std::vector<reports::SuiteResult> suites;
  std::uint64_t divergences = 0;
  if (rating)
    divergences +=
        report(rating->divergences(), "rating", "rating engine", choice.rating, choice.modes.rating, scenario,
               results, run, suites);
  if (address)
    divergences +=
        report(address->divergences(), "address", "IP address server", choice.address, choice.modes.address,
               scenario, results, run, suites);
  if (provisioning)
    divergences += report(provisioning->divergences(), "provisioning", "provisioning manager", choice.provisioning,
                          choice.modes.provisioning, scenario, results, run, suites);
  if (!choice.junit.empty()) reports::write_junit(suites, std::filesystem::path(choice.junit));
  return divergences > 0 ? 1 : 0;
}

}  // namespace provsim::cli
