#include "reports/junit.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace provsim::reports {
namespace {

std::string junit(const std::vector<SuiteResult>& suites) {
  std::ostringstream out;
  write_junit(suites, out);
  return out.str();
}

TEST(Junit, SuitesCasesFailuresAndProperties) {
  SuiteResult ok{"baseline", 42, "ab12", 1.5, {{"orders.completed >= 950", "960", true}}, ""};
  SuiteResult bad{"ip_reject", 7, "cd34", 0.25,
                  {{"ip.blocking < 0.01", "0.02", false}, {"money.conserved == true", "true", true}}, ""};
  EXPECT_EQ(junit({ok, bad}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"provsim check\" tests=\"3\" failures=\"1\" errors=\"0\">\n"
            "  <testsuite name=\"baseline\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"1.5\">\n"
            "    <properties>\n"
            "      <property name=\"seed\" value=\"42\"/>\n"
            "      <property name=\"scenario_hash\" value=\"ab12\"/>\n"
            "    </properties>\n"
            "    <testcase classname=\"baseline\" name=\"orders.completed &gt;= 950\"/>\n"
            "  </testsuite>\n"
            "  <testsuite name=\"ip_reject\" tests=\"2\" failures=\"1\" errors=\"0\" time=\"0.25\">\n"
            "    <properties>\n"
            "      <property name=\"seed\" value=\"7\"/>\n"
            "      <property name=\"scenario_hash\" value=\"cd34\"/>\n"
            "    </properties>\n"
            "    <testcase classname=\"ip_reject\" name=\"ip.blocking &lt; 0.01\">\n"
            "      <failure message=\"expected ip.blocking &lt; 0.01, actual 0.02\" type=\"expectation\">"
            "expected ip.blocking &lt; 0.01, actual 0.02</failure>\n"
            "    </testcase>\n"
            "    <testcase classname=\"ip_reject\" name=\"money.conserved == true\"/>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(Junit, EscapesMarkupQuotesAndControlCharacters) {
  SuiteResult s{"a&b<\"c\">'d'", 1, "h", 0, {{"name == x\ty", "tom & \"jerry\"\x01", false}}, ""};
  std::string xml = junit({s});
  EXPECT_NE(xml.find("<testsuite name=\"a&amp;b&lt;&quot;c&quot;&gt;&apos;d&apos;\""), std::string::npos);
  EXPECT_NE(xml.find("name=\"name == x&#9;y\""), std::string::npos);
  EXPECT_NE(xml.find("actual tom &amp; &quot;jerry&quot;\xEF\xBF\xBD</failure>"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(Junit, ScenarioThatDidNotRunIsAnError) {
  SuiteResult s{"broken", 3, "", 0, {}, "scenario.ini:4: seed: not a number"};
  std::string xml = junit({s});
  EXPECT_NE(xml.find("tests=\"1\" failures=\"0\" errors=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("<testcase classname=\"broken\" name=\"run\">\n"
                     "      <error message=\"scenario.ini:4: seed: not a number\">scenario.ini:4: seed: not a number"
                     "</error>"),
            std::string::npos);
}

TEST(Junit, EmptyListIsStillValid) {
  EXPECT_EQ(junit({}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"provsim check\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
            "</testsuites>\n");
}

TEST(Junit, WritesFileCreatingFolder) {
  auto dir = std::filesystem::temp_directory_path() / ("provsim_junit_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto file = dir / "out" / "junit.xml";
  SuiteResult s{"baseline", 42, "ab12", 1.5, {{"x == 1", "1", true}}, ""};
  write_junit({s}, file);
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), junit({s}));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace provsim::reports
