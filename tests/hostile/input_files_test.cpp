// Hostile files: a table that is a FIFO, a device, a folder, a broken or
// looping link, or holds a NUL byte is refused with its name (and, for a NUL
// byte, its line) and exit code 2; nothing blocks on a FIFO.

#include <sys/stat.h>
#include <unistd.h>

#include "tests/hostile/input_cases.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

class InputFiles : public ::testing::TestWithParam<HostileCase> {};

TEST_P(InputFiles, RefusedByValidateAndRunWithOneLine) { expect_refused(GetParam()); }

auto fifo(const std::string& file) {
  return [=](const fs::path& dir) {
    fs::remove(dir / file);
    ASSERT_EQ(::mkfifo((dir / file).c_str(), 0600), 0);
  };
}
auto folder(const std::string& file) {
  return [=](const fs::path& dir) {
    fs::remove(dir / file);
    fs::create_directory(dir / file);
  };
}
auto link_to(const std::string& file, const fs::path& target) {
  return [=](const fs::path& dir) {
    fs::remove(dir / file);
    fs::create_symlink(target, dir / file);
  };
}
auto loop(const std::string& file) {
  return [=](const fs::path& dir) {
    fs::remove(dir / file);
    fs::create_symlink(dir / (file + ".b"), dir / file);
    fs::create_symlink(dir / file, dir / (file + ".b"));
  };
}
// A NUL byte in the middle of line `line` (1-based).
auto nul_at(const std::string& file, int line) {
  return [=](const fs::path& dir) {
    std::string text = read_file(dir / file);
    std::size_t at = 0;
    for (int i = 1; i < line; ++i) at = text.find('\n', at) + 1;
    text.insert(at + 2, 1, '\0');
    write_file(dir / file, text);
  };
}

const HostileCase kCases[] = {
    {"FifoRates", fifo("Rates.csv"), "Rates.csv: a FIFO, not a regular file"},
    {"FifoLines", fifo("lines.csv"), "lines.csv: a FIFO, not a regular file"},
    {"FifoScenarioIni", fifo("scenario.ini"), "scenario.ini: a FIFO, not a regular file"},
    {"FifoOptionalOutages", fifo("outages.csv"), "outages.csv: a FIFO, not a regular file"},
    {"FifoOptionalEvents", fifo("events.csv"), "events.csv: a FIFO, not a regular file"},
    {"FolderHosts", folder("hosts.csv"), "hosts.csv: a folder, not a regular file"},
    {"FolderOptionalCableNodes", folder("cable_nodes.csv"), "cable_nodes.csv: a folder, not a regular file"},
    {"DeviceProviders", link_to("providers.csv", "/dev/zero"), "providers.csv: a device, not a regular file"},
    {"DeviceOptionalLinePlant", link_to("line_plant.csv", "/dev/urandom"), "line_plant.csv: a device, not a regular file"},
    {"BrokenLinkOffices", link_to("offices.csv", "/nonexistent/offices.csv"), "offices.csv: a link to nothing"},
    {"LinkLoopOfferings", loop("offerings.csv"), "offerings.csv: cannot be read: "},
    {"LinkLoopOptionalRevenueShares", loop("revenue_shares.csv"), "revenue_shares.csv: cannot be read: "},
    {"NulInCsvCell", nul_at("hosts.csv", 4), "hosts.csv:4: a NUL byte"},
    {"NulInHeader", nul_at("plans.csv", 1), "plans.csv:1: a NUL byte"},
    {"NulInIni", nul_at("scenario.ini", 25), "scenario.ini:25: a NUL byte"},
    {"NulInEvents", nul_at("events.csv", 3), "events.csv:3: a NUL byte"},
    {"NulInRates", put("Rates.csv", std::string("#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\nR1,0,1,60s,60s,0s") +
                                       std::string(1, '\0') + "\n"),
     "Rates.csv:2: a NUL byte"},
    // control characters: refused in ids, shown escaped, one line always
    {"NewlineInQuotedCell", replace("hosts.csv", "alpha-1,isp", "\"alpha\n-1\",isp"), "hosts.csv:4: unclosed quote"},
    {"EscapeSequenceInProviderId", replace("providers.csv", "games,bsp", "ga\x1b[31mmes,bsp"),
     "providers.csv:4: id: 'ga\\x1b[31mmes' is not an identifier (a control character)"},
    {"BellInIniChoice", append("scenario.ini", "[ip]\npolicy = re\aject\n"), "ip.policy: 're\\x07ject' is not one of"},
    {"CarriageReturnInsideCell", replace("offerings.csv", "game,games", "ga\rme,games"),
     "offerings.csv:6: id: 'ga\\rme' is not an identifier (a control character)"},
};

INSTANTIATE_TEST_SUITE_P(Hostile, InputFiles, ::testing::ValuesIn(kCases),
                         [](const auto& test) { return test.param.name; });

// The scenario folder itself a link loop: exit 2, not an internal error.
TEST(InputFilesFolder, ScenarioFolderLinkLoopIsBadInput) {
  const auto dir = temp_dir("hostile-loop");
  fs::create_symlink(dir / "b", dir / "a");
  fs::create_symlink(dir / "a", dir / "b");
  const ProcessResult r = run_limited("validate " + quoted(dir / "a"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("a: cannot open the scenario folder: Too many levels of symbolic links"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  fs::remove_all(dir);
}

// A large file in the folder that provsim does not read is not read for the
// scenario hash: the hash is the same with it and without it.
TEST(InputFilesFolder, HashCoversOnlyTheFilesRead) {
  const auto scenario = copy_base("hostile-hash");
  const ProcessResult before = run_limited("validate " + quoted(scenario));
  ASSERT_EQ(before.exit_code, 0) << before.err;
  write_file(scenario / "notes.txt", std::string(1 << 20, 'x'));
  ASSERT_EQ(::mkfifo((scenario / "unrelated.fifo").c_str(), 0600), 0);  // would block if it were read
  const ProcessResult after = run_limited("validate " + quoted(scenario));
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(before.out, after.out);  // "valid (hash ...)"
  fs::remove_all(scenario.parent_path());
}

}  // namespace
}  // namespace provsim::testing
