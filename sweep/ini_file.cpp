#include "sweep/ini_file.hpp"

#include <fstream>
#include <set>
#include <utility>

#include "model/core/trim.hpp"
#include "sim/scenario/input_file.hpp"
#include "sweep/sweep_error.hpp"

namespace provsim::sweep {

namespace {

}  // namespace

std::vector<IniEntry> read_ini(const std::filesystem::path& file) {
  sim::check_input_file(file);  // a regular file without NUL bytes
  std::ifstream in(file);
  if (!in) throw SweepError(file.string(), 0, "", "cannot read the sweep file");
  return parse_ini(in, file.string());
}

std::vector<IniEntry> parse_ini(std::istream& in, const std::string& file) {
  std::vector<IniEntry> entries;
  std::set<std::pair<std::string, std::string>> seen;
  std::string section;
  std::string raw;
  unsigned line = 0;
  while (std::getline(in, raw)) {
    ++line;
    const std::string text = std::string(trim(raw, " \t\r"));
    if (text.empty() || text[0] == '#' || text[0] == ';') continue;
    if (text.front() == '[') {
      if (text.back() != ']' || text.size() < 3) throw SweepError(file, line, "", "expected [section]");
      section = std::string(trim(text.substr(1, text.size() - 2), " \t\r"));
      continue;
    }
    const auto eq = text.find('=');
    if (eq == std::string::npos) throw SweepError(file, line, "", "expected key = value");
    IniEntry e{section, std::string(trim(text.substr(0, eq), " \t\r")), std::string(trim(text.substr(eq + 1), " \t\r")), line};
    if (e.key.empty()) throw SweepError(file, line, "", "a key is missing before '='");
    if (section.empty()) throw SweepError(file, line, e.key, "a key outside any [section]");
    if (!seen.insert({section, e.key}).second)
      throw SweepError(file, line, e.key, "given twice in [" + section + "]");
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace provsim::sweep
