#pragma once
// Where a scenario's files come from. The loader (load_scenario and the
// table readers it calls) asks a source for each file by its name relative
// to the scenario ("plans.csv", "tp/Rates.csv" for a tariff-plan folder the
// rating rules name), so the same checks and the same error lines apply
// whether the files are in a folder (what `provsim` reads) or held in
// memory (what a test builds without writing a folder). An error names a
// file as root() joined with its name: "scenarios/baseline/plans.csv:3:
// ...", or "memory:baseline/plans.csv:3: ..." for a scenario in memory.

#include <filesystem>
#include <map>
#include <string>

namespace provsim::sim {

class ScenarioSource {
 public:
  virtual ~ScenarioSource() = default;
  ScenarioSource(const ScenarioSource&) = delete;
  ScenarioSource& operator=(const ScenarioSource&) = delete;

  // The folder as given, or "memory:NAME".
  const std::filesystem::path& root() const { return root_; }
  // How errors name `file`.
  std::string where(const std::string& file) const { return (root_ / file).string(); }

  // The scenario's name in its results (a folder's own name), and the path
  // Scenario::dir holds (the folder made absolute).
  virtual std::string name() const = 0;
  virtual std::filesystem::path dir() const = 0;

  // Whether anything is there under `file`, even a broken link: an optional
  // table that is present is read, and reading it says what is wrong.
  virtual bool present(const std::string& file) const = 0;
  // Whether `file` is a regular file (the files the scenario hash counts).
  virtual bool is_file(const std::string& file) const = 0;
  virtual bool is_folder(const std::string& folder) const = 0;
  // The whole text of `file`. Throws InputError naming where(file) if it is
  // missing, not a regular file, or holds a NUL byte (see input_file.hpp).
  virtual std::string read(const std::string& file) const = 0;

 protected:
  explicit ScenarioSource(std::filesystem::path root) : root_(std::move(root)) {}

 private:
  std::filesystem::path root_;
};

// A scenario folder on disk.
class FolderSource final : public ScenarioSource {
 public:
  explicit FolderSource(const std::filesystem::path& folder) : ScenarioSource(folder) {}
  std::string name() const override;
  std::filesystem::path dir() const override;
  bool present(const std::string& file) const override;
  bool is_file(const std::string& file) const override;
  bool is_folder(const std::string& folder) const override;
  std::string read(const std::string& file) const override;
};

// Files held in memory: name (relative, '/' between folders) -> text.
// A folder is there when a file is inside it.
class MemorySource final : public ScenarioSource {
 public:
  MemorySource(std::string name, const std::map<std::string, std::string>& files);
  std::string name() const override { return name_; }
  std::filesystem::path dir() const override { return root(); }
  bool present(const std::string& file) const override { return files_.count(key(file)) > 0; }
  bool is_file(const std::string& file) const override { return present(file); }
  bool is_folder(const std::string& folder) const override;
  std::string read(const std::string& file) const override;

 private:
  static std::string key(const std::string& file);
  std::string name_;
  std::map<std::string, std::string> files_;
};

}  // namespace provsim::sim
