#pragma once
// A small INI reader that keeps line numbers, for sweep files:
// "[section]" headers, "key = value" lines, "#" or ";" comment lines, blank
// lines. Keys may repeat across sections but not within one.

#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace provsim::sweep {

struct IniEntry {
  std::string section;
  std::string key;
  std::string value;
  unsigned line = 0;
};

// Throws SweepError naming the file and line of a malformed line, a key
// outside a section, or a repeated key.
std::vector<IniEntry> read_ini(const std::filesystem::path& file);
// The same from a stream; `file` names it in errors.
std::vector<IniEntry> parse_ini(std::istream& in, const std::string& file);

}  // namespace provsim::sweep
