// junit.xml stays valid XML whatever a scenario folder is called: not UTF-8,
// XML markup, control characters. A real XML parser (Python's
// xml.etree.ElementTree, i.e. expat) reads every file these tests make.

#include <cstdlib>
#include <fstream>

#include "reports/junit.hpp"
#include "tests/hostile/hostile_sandbox.hpp"

namespace provsim::testing {
namespace {

// The testsuite names of a JUnit file as Python's ascii() shows them, one a
// line, or the parser's error.
std::string suite_names(const fs::path& file, const fs::path& dir) {
  const fs::path out = dir / "names.txt";
  const std::string command =
      "python3 -c 'import sys, xml.etree.ElementTree as E\n"
      "for s in E.parse(sys.argv[1]).getroot().iter(\"testsuite\"): print(ascii(s.get(\"name\")))' " +
      shell_quoted(file.string()) + " > " + shell_quoted(out.string()) + " 2>&1";
  const int status = std::system(command.c_str());
  EXPECT_EQ(status, 0) << "not valid XML: " << read_file(out);
  return read_file(out);
}

struct JunitCase {
  std::string name;
  std::string suite;     // a scenario name
  std::string expected;  // as Python's ascii() prints it after parsing
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const JunitCase& c, std::ostream* os) { *os << c.name; }

class HostileJunit : public ::testing::TestWithParam<JunitCase> {};

TEST_P(HostileJunit, IsValidXmlAndKeepsWhatCanBeKept) {
  const fs::path dir = temp_dir("junit");
  reports::SuiteResult suite;
  suite.name = GetParam().suite;
  suite.verdicts.push_back(reports::Verdict{"orders.completed >= 1 <" + GetParam().suite + ">", "0", false});
  suite.error = "failed on " + GetParam().suite;
  reports::write_junit({suite}, dir / "junit.xml");
  EXPECT_EQ(suite_names(dir / "junit.xml", dir), GetParam().expected + "\n");
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(
    Names, HostileJunit,
    ::testing::Values(JunitCase{"Latin1", "caf\xe9", "'caf\\ufffd'"},
                      JunitCase{"BinaryBytes", "\xff\xfe\xfd", "'\\ufffd\\ufffd\\ufffd'"},
                      JunitCase{"Markup", "<x a=\"1\">&amp;</x>", "'<x a=\"1\">&amp;</x>'"},
                      JunitCase{"CdataEnd", "]]>", "']]>'"},
                      JunitCase{"ControlCharacters", "a\x01\x02\x1b", "'a\\ufffd\\ufffd\\ufffd'"},
                      JunitCase{"NewlineAndTab", "a\nb\tc", "'a\\nb\\tc'"},
                      JunitCase{"QuotesBothKinds", "it's \"x\"", "'it\\'s \"x\"'"},
                      JunitCase{"Surrogate", "\xed\xb0\x80", "'\\ufffd\\ufffd\\ufffd'"},
                      JunitCase{"ValidUnicodeKept", "r\xc3\xa9seau-\xe7\xbd\x91", "'r\\xe9seau-\\u7f51'"}),
    [](const auto& test) { return test.param.name; });

// End to end: `provsim check` on a scenario whose folder name is not UTF-8
// and holds markup and a control character writes a junit.xml that parses.
TEST(HostileJunit, CheckOnAScenarioFolderWithAHostileName) {
  const Sandbox s("junit-check");
  const std::string hostile = std::string("sc\xff<&\"'\x01") + "en";
  const fs::path dir = s.root / hostile;
  fs::rename(s.scenario, dir);
  const fs::path out = s.root / "checked";
  const ProcessResult r = s.provsim("check " + s.q(dir) + " --quiet --out " + s.q(out));
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.out << r.err;
  EXPECT_EQ(suite_names(out / "junit.xml", s.root), "'sc\\ufffd<&\"\\'\\ufffden'\n");
  EXPECT_TRUE(fs::exists(out / hostile / "summary.json")) << "the results folder keeps the scenario's own name";
}

}  // namespace
}  // namespace provsim::testing
