#pragma once
// Bad sweep input: where it is (file, line, field) and what is wrong. The
// command line turns it into sim::InputError (one line, exit code 2).

#include <stdexcept>
#include <string>

namespace provsim::sweep {

class SweepError : public std::runtime_error {
 public:
  SweepError(std::string file, unsigned line, std::string field, std::string what)
      : std::runtime_error(file + (line ? ":" + std::to_string(line) : "") + (field.empty() ? "" : ": " + field) +
                           ": " + what),
        file_(std::move(file)), line_(line), field_(std::move(field)), problem_(std::move(what)) {}

  const std::string& file() const { return file_; }
  unsigned line() const { return line_; }
  const std::string& field() const { return field_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string file_;
  unsigned line_;
  std::string field_;
  std::string problem_;
};

}  // namespace provsim::sweep
