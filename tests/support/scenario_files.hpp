#pragma once
// Files for tests: reading and writing them whole, throw-away folders,
// copies of shipped scenarios to break or tweak, and the lines of a text.

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include <unistd.h>

namespace provsim::testing {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A fresh empty folder under the system's temp dir, removed by the caller.
inline std::filesystem::path temp_dir(const std::string& tag) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() /
             ("provsim-test-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(PROVSIM_SOURCE_DIR) / relative;
}

// A copy of a shipped scenario in a temp folder, for a test to modify.
inline std::filesystem::path copy_scenario(const std::string& name, const std::string& tag) {
  const auto dir = temp_dir(tag) / name;
  std::filesystem::copy(source_path("scenarios/" + name), dir, std::filesystem::copy_options::recursive);
  return dir;
}

// The non-empty lines of `text` (a command's output, a CSV file).
inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

// Replaces the first occurrence of `from` by `to` in a file; throws if absent.
inline void replace_in(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in " + file.string() + ": " + from);
  text.replace(at, from.size(), to);
  write_file(file, text);
}

}  // namespace provsim::testing
