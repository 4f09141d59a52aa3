#include "sim/scenario/scenario_source.hpp"

#include <system_error>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/input_file.hpp"

namespace provsim::sim {

namespace fs = std::filesystem;

std::string FolderSource::name() const { return dir().filename().string(); }

fs::path FolderSource::dir() const { return fs::weakly_canonical(root()); }

bool FolderSource::present(const std::string& file) const { return input_present(root() / file); }

bool FolderSource::is_file(const std::string& file) const {
  std::error_code ec;
  return fs::is_regular_file(root() / file, ec);
}

bool FolderSource::is_folder(const std::string& folder) const {
  std::error_code ec;
  return fs::is_directory(root() / folder, ec);
}

std::string FolderSource::read(const std::string& file) const { return read_input_file(root() / file); }

MemorySource::MemorySource(std::string name, const std::map<std::string, std::string>& files)
    : ScenarioSource("memory:" + name), name_(std::move(name)) {
  for (const auto& [file, text] : files) files_[key(file)] = text;
}

// "tp/./Rates.csv" and "tp/Rates.csv" are one file, as in a folder.
std::string MemorySource::key(const std::string& file) { return fs::path(file).lexically_normal().generic_string(); }

bool MemorySource::is_folder(const std::string& folder) const {
  std::string prefix = key(folder);
  if (prefix.empty() || prefix == ".") return true;
  if (prefix.back() != '/') prefix += '/';
  const auto next = files_.lower_bound(prefix);
  return next != files_.end() && next->first.compare(0, prefix.size(), prefix) == 0;
}

std::string MemorySource::read(const std::string& file) const {
  const auto it = files_.find(key(file));
  if (it == files_.end()) throw InputError(where(file), 0, "", "file not found");
  check_input_text(where(file), it->second);
  return it->second;
}

}  // namespace provsim::sim
