// output.compression: the result tables written as .csv.gz or .csv.zst hold
// exactly the bytes of the plain run's .csv, pandas reads them as they are,
// the same seed gives the same compressed bytes, and the commands that read
// results (report, compare) read them too. A short baseline run (six
// simulated hours) per case.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "tests/support/provsim_process.hpp"

namespace {

namespace fs = std::filesystem;
using provsim::testing::read_file;
using provsim::testing::run_provsim;
using provsim::testing::shell_quoted;

std::string q(const fs::path& p) { return shell_quoted(p.string()); }

int run_baseline(const fs::path& out, const std::string& compression) {
  const auto r = run_provsim("run " + q(provsim::testing::source_path("scenarios/baseline")) +
                             " --quiet --set run.duration=6h --set output.compression=" + compression + " --out " +
                             q(out));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code;
}

// The files of `dir` whose names end in `suffix`.
std::set<std::string> files_ending(const fs::path& dir, const std::string& suffix) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) names.insert(n);
  }
  return names;
}

// Python with pandas: reads every compressed table as it is (pandas picks
// the codec from the name) and its decompressed bytes, and compares both
// with the plain run's file. Prints "ok N" or what differs.
const char* kPandasCheck = R"PY(
import gzip, io, os, sys
import pandas as pd
plain, packed, suffix = sys.argv[1], sys.argv[2], sys.argv[3]
n = 0
for name in sorted(os.listdir(packed)):
    if not name.endswith(suffix):
        continue
    table = name[: -len(suffix)]
    want = open(os.path.join(plain, table + ".csv"), "rb").read()
    raw = open(os.path.join(packed, name), "rb").read()
    if suffix == ".csv.gz":
        got = gzip.decompress(raw)
    else:
        import zstandard
        got = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw)).read()
    if got != want:
        print("bytes differ:", name); sys.exit(1)
    a = pd.read_csv(os.path.join(packed, name), keep_default_na=False, dtype=str)
    b = pd.read_csv(os.path.join(plain, table + ".csv"), keep_default_na=False, dtype=str)
    if not a.equals(b):
        print("pandas reads differ:", name); sys.exit(1)
    n += 1
print("ok", n)
)PY";

class CompressedOutputs : public ::testing::TestWithParam<std::string> {};

TEST_P(CompressedOutputs, HoldThePlainBytesAndPandasReadsThem) {
  const std::string compression = GetParam();
  const std::string suffix = compression == "gzip" ? ".csv.gz" : ".csv.zst";
  const fs::path dir = provsim::testing::temp_dir("compressed");
  ASSERT_EQ(run_baseline(dir / "plain", "none"), 0);
  ASSERT_EQ(run_baseline(dir / "packed", compression), 0);
  ASSERT_EQ(run_baseline(dir / "again", compression), 0);

  // Every table is compressed, none left plain; the same ones as the plain run.
  const std::set<std::string> plain = files_ending(dir / "plain", ".csv");
  const std::set<std::string> packed = files_ending(dir / "packed", suffix);
  EXPECT_TRUE(files_ending(dir / "packed", ".csv").empty());
  ASSERT_EQ(packed.size(), plain.size());
  EXPECT_TRUE(packed.count("orders" + suffix) && packed.count("invoices" + suffix) &&
              packed.count("rated_events" + suffix));

  // Same seed, same compressed bytes.
  for (const auto& name : packed) EXPECT_EQ(read_file(dir / "packed" / name), read_file(dir / "again" / name)) << name;

  // report.html links the files as written.
  EXPECT_NE(read_file(dir / "packed" / "report.html").find("orders" + suffix), std::string::npos);

  provsim::testing::write_file(dir / "check.py", kPandasCheck);
  // Debian's interpreter, which the packages from tools/setup belong to.
  const std::string command = "/usr/bin/python3 " + q(dir / "check.py") + " " + q(dir / "plain") + " " + q(dir / "packed") +
                              " " + q(suffix) + " >" + q(dir / "py.out") + " 2>&1";
  const int status = std::system(command.c_str());
  const std::string said = read_file(dir / "py.out");
  ASSERT_EQ(status, 0) << said << "(python3-pandas and python3-zstandard come with tools/setup)";
  EXPECT_EQ(said, "ok " + std::to_string(packed.size()) + "\n");

  if (HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir;
  else fs::remove_all(dir);
}

TEST_P(CompressedOutputs, ReportAndCompareReadThem) {
  const std::string compression = GetParam();
  const fs::path dir = provsim::testing::temp_dir("compressed-read");
  ASSERT_EQ(run_baseline(dir / "packed", compression), 0);

  // `report` rebuilds the same report.html from the compressed tables.
  const std::string original = read_file(dir / "packed" / "report.html");
  const auto again = run_provsim("report " + q(dir / "packed") + " --out " + q(dir / "again.html"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_file(dir / "again.html"), original);

  // `compare` finds the compressed metrics on both sides: the time series are drawn.
  ASSERT_EQ(run_baseline(dir / "packed2", compression), 0);
  const auto cmp = run_provsim("compare " + q(dir / "packed") + " " + q(dir / "packed2") + " --out " + q(dir / "cmp"));
  ASSERT_EQ(cmp.exit_code, 0) << cmp.err;
  const std::string html = read_file(dir / "cmp" / "compare.html");
  EXPECT_EQ(html.find("has a metrics.csv time series"), std::string::npos);
  EXPECT_NE(html.find("From metrics.csv of"), std::string::npos);

  if (HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir;
  else fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Codecs, CompressedOutputs, ::testing::Values("gzip", "zstd"));

TEST(CompressedOutputsBadKey, AnUnknownCodecIsAnInputError) {
  const fs::path dir = provsim::testing::temp_dir("bad-codec");
  const auto r = run_provsim("run " + q(provsim::testing::source_path("scenarios/baseline")) +
                             " --quiet --set output.compression=lz4 --out " + q(dir / "run"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("output.compression"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "run"));
  fs::remove_all(dir);
}

}  // namespace
