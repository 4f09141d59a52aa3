#pragma once
// Bad input: one typed exception that carries where the problem is, printed
// by the command line as one line "file:line: field: what is wrong" with
// exit code 2.

#include <stdexcept>
#include <string>

namespace provsim::sim {

class InputError : public std::runtime_error {
 public:
  // line 0 means the line is not known (a whole-file or cross-file problem).
  InputError(std::string file, unsigned line, std::string field, const std::string& what)
      : std::runtime_error(format(file, line, field, what)),
        file_(std::move(file)), line_(line), field_(std::move(field)) {}

  const std::string& file() const { return file_; }
  unsigned line() const { return line_; }
  const std::string& field() const { return field_; }

  // The line this error prints; warnings use the same form.
  static std::string format(const std::string& file, unsigned line, const std::string& field, const std::string& what) {
    // Appended piece by piece: `out += ":" + std::to_string(line)` builds a
    // temporary by inserting at its front, where GCC 12 at -O3 reports a
    // false -Wrestrict overlap inside std::string.
    std::string out = file;
    if (line > 0) out.append(":").append(std::to_string(line));
    if (!field.empty()) out.append(": ").append(field);
    return out.append(": ").append(what);
  }

 private:
  std::string file_;
  unsigned line_;
  std::string field_;
};

}  // namespace provsim::sim
