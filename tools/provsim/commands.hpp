#pragma once
// The subcommands of provsim; each returns the process exit code.

#include <stdexcept>
#include <string>
#include <vector>

namespace provsim::cli {

// A command line that does not parse: printed with a pointer to --help, exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

int run_command(const std::vector<std::string>& args);
int check_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int report_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);
int dhcp_command(const std::vector<std::string>& args);
int compare_command(const std::vector<std::string>& args);
int size_command(const std::vector<std::string>& args);
int serve_command(const std::vector<std::string>& args);

}  // namespace provsim::cli
