// `provsim report` writes the same report.html from a results folder that
// the run wrote (a short baseline run, six simulated hours).

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/provsim_process.hpp"

namespace {

namespace fs = std::filesystem;
using provsim::testing::read_file;
using provsim::testing::run_provsim;

TEST(ReportCommand, RebuildsAnIdenticalReportFromAResultsFolder) {
  const fs::path dir = provsim::testing::temp_dir("report");
  const fs::path run = dir / "run";
  const auto ran = run_provsim("run '" + provsim::testing::source_path("scenarios/baseline").string() +
                               "' --quiet --set run.duration=6h --out '" + run.string() + "'");
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  const std::string original = read_file(run / "report.html");
  ASSERT_NE(original.find("Summary metrics"), std::string::npos);

  const auto copy = run_provsim("report '" + run.string() + "' --out '" + (dir / "again.html").string() + "'");
  ASSERT_EQ(copy.exit_code, 0) << copy.err;
  EXPECT_EQ(read_file(dir / "again.html"), original);

  // In place, too; and again without the old report (the tables then come in name order).
  const auto in_place = run_provsim("report '" + run.string() + "'");
  ASSERT_EQ(in_place.exit_code, 0) << in_place.err;
  EXPECT_NE(in_place.out.find("report.html"), std::string::npos);
  EXPECT_EQ(read_file(run / "report.html"), original);
  fs::remove(run / "report.html");
  ASSERT_EQ(run_provsim("report '" + run.string() + "'").exit_code, 0);
  EXPECT_EQ(read_file(run / "report.html").size(), original.size());

  const auto missing = run_provsim("report '" + (dir / "nothing").string() + "'");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("not a results folder"), std::string::npos) << missing.err;
  if (HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir;
  else fs::remove_all(dir);
}

}  // namespace
