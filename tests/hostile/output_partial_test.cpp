// A run killed before it put its results in place leaves the hidden
// partial folder it wrote into; a sweep's next attempt of that run removes
// it, and nothing else beside it.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "reports/output_folder.hpp"

namespace provsim::reports {
namespace {

namespace fs = std::filesystem;

TEST(HostilePartialFolders, OnlyTheRunsOwnPartialFoldersAreRemoved) {
  const fs::path dir = fs::temp_directory_path() / ("provsim-partial-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "runs");
  const fs::path target = dir / "runs" / "ip.policy=reject,rep=0";
  const fs::path stale = make_partial_folder(target);
  std::ofstream(stale / "pools.csv") << "time\n";
  // Not the run's: another run's partial, a name that only looks alike, a
  // file and a link of the exact pattern, and the results of the run itself.
  const fs::path other = make_partial_folder(dir / "runs" / "ip.policy=borrow,rep=0");
  fs::create_directories(dir / "runs" / ".ip.policy=reject,rep=0.partial-toolong");
  std::ofstream(dir / "runs" / ".ip.policy=reject,rep=0.partial-FILE01") << "mine\n";
  fs::create_directories(dir / "elsewhere");
  fs::create_directory_symlink(dir / "elsewhere", dir / "runs" / ".ip.policy=reject,rep=0.partial-LINK01");
  fs::create_directories(target);

  EXPECT_EQ(remove_partial_folders(target), 1u);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(other));
  EXPECT_TRUE(fs::exists(dir / "runs" / ".ip.policy=reject,rep=0.partial-toolong"));
  EXPECT_TRUE(fs::exists(dir / "runs" / ".ip.policy=reject,rep=0.partial-FILE01"));
  EXPECT_TRUE(fs::is_symlink(dir / "runs" / ".ip.policy=reject,rep=0.partial-LINK01"));
  EXPECT_TRUE(fs::exists(dir / "elsewhere"));
  EXPECT_TRUE(fs::exists(target));
  EXPECT_EQ(remove_partial_folders(target), 0u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::reports
