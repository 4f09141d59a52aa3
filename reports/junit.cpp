#include "reports/junit.hpp"

#include <fstream>
#include <stdexcept>

#include "reports/value_text.hpp"
#include "reports/xml_escape.hpp"

namespace provsim::reports {

namespace {

struct Counts {
  std::size_t tests = 0;
  std::size_t failures = 0;
  std::size_t errors = 0;
};

Counts count(const SuiteResult& s) {
  Counts c;
  if (!s.error.empty()) c.errors = 1;
  c.tests = s.verdicts.size() + c.errors;
  for (const auto& v : s.verdicts)
    if (!v.passed) ++c.failures;
  return c;
}

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + xml_escape(value) + "\"";
}

std::string counts_attrs(const Counts& c) {
  return attr("tests", std::to_string(c.tests)) + attr("failures", std::to_string(c.failures)) +
         attr("errors", std::to_string(c.errors));
}

void write_suite(const SuiteResult& s, std::ostream& out) {
  out << "  <testsuite" << attr("name", s.name) << counts_attrs(count(s))
      << attr("time", double_text(s.wall_seconds)) << ">\n";
  out << "    <properties>\n";
  out << "      <property" << attr("name", "seed") << attr("value", std::to_string(s.seed)) << "/>\n";
  out << "      <property" << attr("name", "scenario_hash") << attr("value", s.scenario_hash) << "/>\n";
  out << "    </properties>\n";
  if (!s.error.empty()) {
    out << "    <testcase" << attr("classname", s.name) << attr("name", "run") << ">\n";
    out << "      <error" << attr("message", s.error) << ">" << xml_escape(s.error) << "</error>\n";
    out << "    </testcase>\n";
  }
  for (const auto& v : s.verdicts) {
    out << "    <testcase" << attr("classname", s.name) << attr("name", v.expectation);
    if (v.passed) {
      out << "/>\n";
      continue;
    }
    std::string message = failure_message(v);
    out << ">\n      <failure" << attr("message", message) << attr("type", "expectation") << ">"
        << xml_escape(message) << "</failure>\n    </testcase>\n";
  }
  out << "  </testsuite>\n";
}

}  // namespace

std::string failure_message(const Verdict& v) { return "expected " + v.expectation + ", actual " + v.actual; }

void write_junit(const std::vector<SuiteResult>& suites, std::ostream& out) {
  Counts total;
  for (const auto& s : suites) {
    Counts c = count(s);
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites" << attr("name", "provsim check") << counts_attrs(total) << ">\n";
  for (const auto& s : suites) write_suite(s, out);
  out << "</testsuites>\n";
}

void write_junit(const std::vector<SuiteResult>& suites, const std::filesystem::path& file) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + file.string());
  write_junit(suites, out);
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace provsim::reports
