#include "tools/provsim/options.hpp"

#include "tools/provsim/commands.hpp"

#include <iostream>

#include "model/core/printable.hpp"

namespace po = boost::program_options;

namespace provsim::cli {

Parsed parse(const std::vector<std::string>& args, const po::options_description& visible,
             const std::string& positional, int max_count) {
  Parsed out;
  po::positional_options_description pos;
  if (!positional.empty()) pos.add(positional.c_str(), max_count);
  try {
    const auto parsed = po::command_line_parser(args).options(visible).positional(pos).allow_unregistered().run();
    for (const auto& extra : po::collect_unrecognized(parsed.options, po::exclude_positional)) {
      if (extra.rfind("--cfg=", 0) == 0 || extra.rfind("--log=", 0) == 0)
        out.simgrid_args.push_back(extra);
      else
        throw UsageError("unknown option '" + extra + "'");
    }
    po::store(parsed, out.vm);
    po::notify(out.vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return out;
}

std::vector<std::string> overrides_from(const po::variables_map& vm) {
  std::vector<std::string> overrides;
  if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
  if (vm.count("seed")) overrides.push_back("run.seed=" + vm["seed"].as<std::string>());
  return overrides;
}

void print_warnings(const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::cerr << "provsim: warning: " << printable(w) << "\n";
}

}  // namespace provsim::cli
