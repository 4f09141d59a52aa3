#pragma once
// Runs another program (sbatch, squeue) directly, without a shell: the
// arguments reach it as they are, so no value is ever interpreted by a shell.

#include <string>
#include <vector>

namespace provsim::cli {

struct ChildResult {
  bool started = false;  // false: the program could not be run (not installed)
  int exit_code = -1;
  std::string out;       // its standard output; its standard error goes to ours
};

// Looks the program up in PATH like a shell would.
ChildResult run_child(const std::vector<std::string>& argv);

}  // namespace provsim::cli
