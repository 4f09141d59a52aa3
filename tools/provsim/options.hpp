#pragma once
// Option parsing shared by the subcommands (Boost.Program_options).
// Options provsim does not know are allowed only if they are SimGrid's own
// --cfg=... or --log=...; those are returned for the Engine.

#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace provsim::cli {

struct Parsed {
  boost::program_options::variables_map vm;
  std::vector<std::string> simgrid_args;
};

// `positional` names the option that takes the positional arguments
// (empty for none); it may take many (max_count -1) or one.
Parsed parse(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
             const std::string& positional, int max_count);

// The --set and --seed options as scenario overrides.
std::vector<std::string> overrides_from(const boost::program_options::variables_map& vm);

// A scenario's warnings (Config::warn), one "provsim: warning: ..." line
// each on stderr.
void print_warnings(const std::vector<std::string>& warnings);

}  // namespace provsim::cli
