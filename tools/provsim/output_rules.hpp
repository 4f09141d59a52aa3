#pragma once
// The command line's side of the output contract (reports/output_folder.hpp):
// scenario folders resolved once, and the rules every command claims its
// output under.

#include <filesystem>
#include <string>
#include <vector>

#include "reports/output_folder.hpp"

namespace provsim::cli {

// The scenario folder named on the command line, made canonical; a path
// that cannot be resolved (a link loop, say) is bad input, one line.
std::filesystem::path scenario_folder(const std::string& arg);

// The rules for an output of `kind` next to these scenario folders, from
// the working folder as it is now.
reports::OutputRules output_rules(reports::FolderKind kind, std::vector<std::filesystem::path> scenarios,
                                  bool no_clobber);

}  // namespace provsim::cli
