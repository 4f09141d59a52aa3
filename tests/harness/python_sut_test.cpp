// The Python rating engine of docs/harness.md, a standard-library example
// for systems-under-test authors, passes its conformance scenario under the
// harness in both modes: the walk-through's claim, run for real.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/harness/served_process.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

TEST(PythonExampleSut, PassesBspPurchasesInShadowAndDriveMode) {
  const fs::path work = temp_dir("python-sut");
  {
    ServedProcess sut({"/usr/bin/python3", source_path("docs/harness-example-sut.py").string(), "0"});
    for (const std::string mode : {"shadow", "drive"}) {
      SCOPED_TRACE(mode);
      const auto r = run_provsim_in(
          work, "run " + shell_quoted(source_path("scenarios/conformance/bsp-purchases").string()) + " --out " +
                    shell_quoted((work / mode).string()) + " --sut rating=" + sut.url() + " --sut-mode " + mode +
                    " --junit " + shell_quoted((work / (mode + ".xml")).string()) + " -q",
          300);
      EXPECT_EQ(r.exit_code, 0) << r.err << read_file(work / mode / "divergences.csv");
      EXPECT_NE(read_file(work / (mode + ".xml")).find("failures=\"0\""), std::string::npos);
    }
  }
  fs::remove_all(work);
}

}  // namespace
}  // namespace provsim::testing
