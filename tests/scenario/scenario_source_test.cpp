// A scenario's files read from memory go through the checks a folder's go
// through: the same bad table gives the same error, naming the file (under
// "memory:NAME"), the line and the field; and the same files give the same
// scenario hash wherever they were read from.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <unistd.h>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_source.hpp"

namespace provsim::sim {
namespace {

namespace fs = std::filesystem;

const fs::path kScenarios = fs::path(PROVSIM_SOURCE_DIR) / "scenarios";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file of `dir` and its subfolders, by relative name.
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files[entry.path().lexically_relative(dir).generic_string()] = read(entry.path());
  return files;
}

// The same files in a fresh folder named `name`, removed by the caller
// (with its parent).
fs::path write_folder(const std::map<std::string, std::string>& files, const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("provsim-source-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir.parent_path());
  for (const auto& [file, text] : files) {
    fs::create_directories((dir / file).parent_path());
    std::ofstream(dir / file, std::ios::binary) << text;
  }
  return dir;
}

// The error loading `source` gives; fails the test if it loads.
InputError error_of(const ScenarioSource& source) {
  try {
    load_scenario(source);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << source.root() << " loaded";
  return InputError("", 0, "", "");
}

TEST(ScenarioSource, TheSameFilesInMemoryGiveTheSameScenarioAndHash) {
  for (const char* name : {"baseline", "conformance/platform-failover", "conformance/bsp-usage"}) {
    const fs::path dir = kScenarios / name;
    const auto from_folder = load_scenario(dir);
    const auto from_memory = load_scenario(MemorySource(from_folder->name, files_of(dir)));
    EXPECT_EQ(from_memory->hash, from_folder->hash) << name;
    EXPECT_EQ(from_memory->name, from_folder->name) << name;
    EXPECT_EQ(from_memory->dir.string(), "memory:" + from_folder->name) << name;
    EXPECT_EQ(from_memory->config.canonical(), from_folder->config.canonical()) << name;
    EXPECT_EQ(from_memory->rating->rules, from_folder->rating->rules) << name;
    EXPECT_EQ(from_memory->network.serviceability.line_count(), from_folder->network.serviceability.line_count())
        << name;
  }
}

// The tariff-plan folder a rating rule names counts as well, read from memory.
TEST(ScenarioSource, ATariffPlanFolderInMemoryCountsInTheHashAsOnDisk) {
  std::map<std::string, std::string> files = files_of(kScenarios / "conformance/bsp-usage");
  for (const auto& [file, text] : files_of(fs::path(PROVSIM_SOURCE_DIR) / "tests/data/cgrates/tutorial"))
    files["tp/" + file] = text;
  std::string& offerings = files.at("offerings.csv");
  offerings.replace(offerings.find("calls,games,bsp_usage,minute"), 28, "calls,games,bsp_usage,second");
  files["rating_rules.csv"] =
      "plan,offering,model,tariff_plan,rating_plan,destination,allowance,overage_price,rounding\n"
      "alpha-north,calls,per_unit,tp,RP_1001,1002,,,\n"
      "alpha-north,storage,allowance,,,,100,0.01,half_up\n";
  files.erase("events.csv");
  const fs::path dir = write_folder(files, "tp-scenario");
  const std::string on_disk = load_scenario(dir)->hash;
  EXPECT_EQ(load_scenario(MemorySource("tp-scenario", files))->hash, on_disk);
  std::string& rates = files.at("tp/Rates.csv");
  rates.replace(rates.find("RT_20CNT,0.4,0.2"), 16, "RT_20CNT,0.4,0.3");
  EXPECT_NE(load_scenario(MemorySource("tp-scenario", files))->hash, on_disk);  // a rate of the plan changed
  fs::remove_all(dir.parent_path());
}

// Broken tables, each loaded from a folder and from memory: the same error,
// the file named under the folder or under "memory:baseline".
TEST(ScenarioSource, ABadTableInMemoryGivesTheErrorItGivesInAFolder) {
  struct Case {
    std::string file, from;
    std::optional<std::string> to;  // none: the file is removed
    unsigned line;
    std::string field;
  };
  const Case cases[] = {
      {"offerings.csv", "game,games,bsp", "game,nobody,bsp", 7, "owner"},
      {"scenario.ini", "[rating]\n", "[rating]\ncylce = 2d\n", 69, "rating.cylce"},
      {"hosts.csv", "", std::nullopt, 0, ""},
      {"plans.csv", "\n", std::string("\n\0", 2), 2, ""},
      {"lines.csv", "line,", "line,line,", 1, "line"},
  };
  const auto baseline = files_of(kScenarios / "baseline");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file + " " + c.from);
    auto files = baseline;
    if (!c.to) {
      files.erase(c.file);
    } else {
      std::string& text = files.at(c.file);
      const auto at = text.find(c.from);
      ASSERT_NE(at, std::string::npos);
      text.replace(at, c.from.size(), *c.to);
    }
    const fs::path dir = write_folder(files, "baseline");
    const InputError on_disk = error_of(FolderSource(dir));
    const InputError in_memory = error_of(MemorySource("baseline", files));
    fs::remove_all(dir.parent_path());
    EXPECT_EQ(on_disk.file(), (dir / c.file).string());
    EXPECT_EQ(in_memory.file(), "memory:baseline/" + c.file);
    EXPECT_EQ(in_memory.line(), c.line);
    EXPECT_EQ(in_memory.field(), c.field);
    EXPECT_EQ(in_memory.line(), on_disk.line());
    std::string expected = on_disk.what();
    expected.replace(0, dir.string().size(), "memory:baseline");
    EXPECT_EQ(in_memory.what(), expected);
  }
}

}  // namespace
}  // namespace provsim::sim
