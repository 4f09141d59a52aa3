#pragma once
// A scenario built in memory for a test: start from the files of a shipped
// scenario folder (read once, subfolders such as a CGRateS tariff plan
// included) or from nothing, change what the test is about, and load it or
// run it. Nothing is written to disk, and the loader reads the files
// through the same checks as a folder's (sim::MemorySource), so a bad
// table is reported with its file, line and field, the file named
// "memory:NAME/plans.csv". The same files give the same scenario hash as
// they would in a folder.
//
//   InMemoryScenario s = InMemoryScenario::shipped("baseline");
//   s.set("outages.csv", "target,kind,start,duration\nnetco-1,host,10h,1h\n")
//    .set_key("run.duration", "1d");
//   const reports::Results r = run_in_process(s, {"run.seed=3"});
//
// run_in_process and run_in_child (in_process_run.hpp) take it where they
// take a folder. Tests of what the binary does with a folder (exit codes,
// error lines, output-folder rules) keep a real folder.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace provsim::testing {

class InMemoryScenario {
 public:
  // No files yet; `name` is the scenario's name in its results.
  explicit InMemoryScenario(std::string name);

  // The files of scenarios/`path` in the source tree ("baseline",
  // "conformance/ip-grow"), named after its last folder.
  static InMemoryScenario shipped(const std::string& path);
  // The files of any folder, under the folder's own name.
  static InMemoryScenario from_folder(const std::filesystem::path& dir);

  const std::string& name() const { return name_; }
  // name -> text; names are relative, '/' between folders ("tp/Rates.csv").
  const std::map<std::string, std::string>& files() const { return files_; }
  bool has(const std::string& file) const { return files_.count(file) > 0; }
  // Throws std::out_of_range when there is no such file.
  const std::string& text(const std::string& file) const;

  // Adds or replaces a whole file.
  InMemoryScenario& set(const std::string& file, std::string text);
  InMemoryScenario& remove(const std::string& file);
  // Adds `lines` at the end of a file (a new row of a table).
  InMemoryScenario& append(const std::string& file, const std::string& lines);
  // Replaces the first `from` in a file; throws std::invalid_argument if it is not there.
  InMemoryScenario& replace(const std::string& file, const std::string& from, const std::string& to);
  // Replaces line `number` (from 1, the header of a table) of a file.
  InMemoryScenario& set_line(const std::string& file, std::size_t number, const std::string& line);
  // The files of `dir` (and its subfolders) as the folder `folder` of the
  // scenario: a tariff plan a rating rule names.
  InMemoryScenario& add_folder(const std::string& folder, const std::filesystem::path& dir);

  // scenario.ini's key "section.key" ("channel.web.share": the section is
  // what comes before the last dot): its line rewritten as `key = value`,
  // or added at the end of its section (the section added if need be).
  InMemoryScenario& set_key(const std::string& key, const std::string& value);
  // Takes the key's line out; throws std::invalid_argument if it is not set.
  InMemoryScenario& remove_key(const std::string& key);

  // Loads it as `provsim run --set S...` loads a folder; throws the
  // loader's InputError on bad input.
  std::unique_ptr<sim::Scenario> load(const std::vector<std::string>& sets = {}) const;

 private:
  std::string& file(const std::string& name);
  std::string name_;
  std::map<std::string, std::string> files_;
};

}  // namespace provsim::testing
