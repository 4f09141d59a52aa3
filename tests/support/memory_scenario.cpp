#include "tests/support/memory_scenario.hpp"

#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/scenario_source.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines of `text` without their '\n'; a last line without one counts.
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// Where a scenario.ini key is: the line of its value, if set, and the last
// line of its section that holds something, if the section is there.
struct KeyPlace {
  std::optional<std::size_t> line;
  std::optional<std::size_t> section_end;
};

KeyPlace find_key(const std::vector<std::string>& lines, const std::string& key) {
  const auto dot = key.rfind('.');
  if (dot == std::string::npos) throw std::invalid_argument("not a section.key name: " + key);
  const std::string section = key.substr(0, dot), name = key.substr(dot + 1);
  KeyPlace place;
  std::string current;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = trimmed(lines[i].substr(0, lines[i].find('#')));
    if (line.empty()) continue;
    if (line.front() == '[' && line.back() == ']') {
      current = trimmed(line.substr(1, line.size() - 2));
      if (current == section) place.section_end = i;
      continue;
    }
    if (current != section) continue;
    place.section_end = i;
    const auto eq = line.find('=');
    if (eq != std::string::npos && trimmed(line.substr(0, eq)) == name) place.line = i;
  }
  return place;
}

}  // namespace

InMemoryScenario::InMemoryScenario(std::string name) : name_(std::move(name)) {}

InMemoryScenario InMemoryScenario::shipped(const std::string& path) {
  return from_folder(fs::path(PROVSIM_SOURCE_DIR) / "scenarios" / path);
}

InMemoryScenario InMemoryScenario::from_folder(const fs::path& dir) {
  InMemoryScenario scenario(fs::weakly_canonical(dir).filename().string());
  scenario.add_folder("", dir);
  if (!scenario.has("scenario.ini")) throw std::invalid_argument("not a scenario folder: " + dir.string());
  return scenario;
}

const std::string& InMemoryScenario::text(const std::string& name) const {
  const auto it = files_.find(name);
  if (it == files_.end()) throw std::out_of_range("the scenario " + name_ + " has no file " + name);
  return it->second;
}

std::string& InMemoryScenario::file(const std::string& name) {
  const auto it = files_.find(name);
  if (it == files_.end()) throw std::out_of_range("the scenario " + name_ + " has no file " + name);
  return it->second;
}

InMemoryScenario& InMemoryScenario::set(const std::string& name, std::string text) {
  files_[name] = std::move(text);
  return *this;
}

InMemoryScenario& InMemoryScenario::remove(const std::string& name) {
  if (files_.erase(name) == 0) throw std::out_of_range("the scenario " + name_ + " has no file " + name);
  return *this;
}

InMemoryScenario& InMemoryScenario::append(const std::string& name, const std::string& lines) {
  std::string& text = file(name);
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += lines;
  return *this;
}

InMemoryScenario& InMemoryScenario::replace(const std::string& name, const std::string& from, const std::string& to) {
  std::string& text = file(name);
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::invalid_argument("not in " + name + ": " + from);
  text.replace(at, from.size(), to);
  return *this;
}

InMemoryScenario& InMemoryScenario::set_line(const std::string& name, std::size_t number, const std::string& line) {
  std::vector<std::string> lines = split_lines(file(name));
  if (number == 0 || number > lines.size())
    throw std::out_of_range(name + " has no line " + std::to_string(number));
  lines[number - 1] = line;
  file(name) = join_lines(lines);
  return *this;
}

InMemoryScenario& InMemoryScenario::add_folder(const std::string& folder, const fs::path& dir) {
  if (!fs::is_directory(dir)) throw std::invalid_argument("not a folder: " + dir.string());
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const fs::path name = fs::path(folder) / entry.path().lexically_relative(dir);
    files_[name.lexically_normal().generic_string()] = read_whole(entry.path());
  }
  return *this;
}

InMemoryScenario& InMemoryScenario::set_key(const std::string& key, const std::string& value) {
  std::vector<std::string> lines = split_lines(has("scenario.ini") ? text("scenario.ini") : "");
  const KeyPlace place = find_key(lines, key);
  const std::string line = key.substr(key.rfind('.') + 1) + " = " + value;
  if (place.line) {
    lines[*place.line] = line;
  } else if (place.section_end) {
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(*place.section_end + 1), line);
  } else {
    lines.push_back("[" + key.substr(0, key.rfind('.')) + "]");
    lines.push_back(line);
  }
  files_["scenario.ini"] = join_lines(lines);
  return *this;
}

InMemoryScenario& InMemoryScenario::remove_key(const std::string& key) {
  std::vector<std::string> lines = split_lines(text("scenario.ini"));
  const KeyPlace place = find_key(lines, key);
  if (!place.line) throw std::invalid_argument("scenario.ini of " + name_ + " does not set " + key);
  lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(*place.line));
  files_["scenario.ini"] = join_lines(lines);
  return *this;
}

std::unique_ptr<sim::Scenario> InMemoryScenario::load(const std::vector<std::string>& sets) const {
  return sim::load_scenario(sim::MemorySource(name_, files_), sim::LoadOptions{sets});
}

}  // namespace provsim::testing
