// File names in report.html's list of files: whatever a file in the results
// folder is called, its link stays a harmless relative link and its name
// escaped text. The page is read back with Python's HTML parser, and each
// link resolved against the report's own URL by Python's URL resolver.

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <sstream>

#include "reports/html_report.hpp"
#include "reports/xml_escape.hpp"
#include "tests/hostile/hostile_sandbox.hpp"

namespace provsim::testing {
namespace {

const std::vector<std::string>& hostile_names() {
  static const std::vector<std::string> names = {
      "javascript:alert(1).csv",
      "JaVaScRiPt:alert(document.cookie).csv",
      "data:text/html,<script>alert(1)</script>.csv",
      "a \"quoted\" 'name'.csv",
      "<img src=x onerror=alert(1)>.csv",
      "fish & chips.csv",
      "with space.csv",
      std::string("\xff\xfe not utf-8.csv"),
      "//evil.example/x.csv",
      "\\\\host\\share.csv",
      "%41 literally.csv",
      "?query#fragment.csv",
      "tab\there.csv",
  };
  return names;
}

bool safe_link(const std::string& link) {
  if (link.rfind("./", 0) != 0) return false;
  for (std::size_t i = 2; i < link.size(); ++i) {
    const char c = link[i];
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '_' || c == '~' || c == '-';
    if (c == '%' && i + 2 < link.size() && std::isxdigit(static_cast<unsigned char>(link[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(link[i + 2])))
      i += 2;
    else if (!plain)
      return false;
  }
  return true;
}

// One hostile name, listed by its number (the names themselves are not fit
// for test names).
struct LinkCase {
  std::size_t index;
};

void PrintTo(const LinkCase& c, std::ostream* os) { *os << "name " << c.index; }

std::vector<LinkCase> link_cases() {
  std::vector<LinkCase> cases;
  for (std::size_t i = 0; i < hostile_names().size(); ++i) cases.push_back(LinkCase{i});
  return cases;
}

class HostileReportLinks : public ::testing::TestWithParam<LinkCase> {};

TEST_P(HostileReportLinks, TheLinkIsRelativePercentEncodedAndReadsBack) {
  const std::string& name = hostile_names()[GetParam().index];
  const std::string link = reports::file_link(name);
  EXPECT_TRUE(safe_link(link)) << link;
  EXPECT_EQ(reports::file_from_link(link), name);
  EXPECT_EQ(link.find(':'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Names, HostileReportLinks, ::testing::ValuesIn(link_cases()),
                         [](const auto& test) { return "Name" + std::to_string(test.param.index); });

TEST(HostileReportLinks, PlainNamesKeepTheirSpellingBehindDotSlash) {
  EXPECT_EQ(reports::file_link("summary.json"), "./summary.json");
  EXPECT_EQ(reports::file_link("rated_events.csv"), "./rated_events.csv");
  EXPECT_EQ(reports::file_link("javascript:alert(1)"), "./javascript%3Aalert%281%29");
  EXPECT_EQ(reports::file_from_link("metrics.csv"), "metrics.csv");  // links of older reports
}

// Every href and every link text of a page, one per line, by Python's HTML
// parser (which decodes entities as a browser does).
std::string parsed_links(const fs::path& page, const fs::path& dir) {
  const fs::path script = dir / "links.py";
  write_file(script,
             "import sys, html.parser, urllib.parse\n"
             "class P(html.parser.HTMLParser):\n"
             "    def __init__(self):\n"
             "        super().__init__(); self.inside = False\n"
             "    def handle_starttag(self, tag, attrs):\n"
             "        if tag == 'a':\n"
             "            self.inside = True\n"
             "            for k, v in attrs:\n"
             "                print('attr', k, ascii(v))\n"
             "                u = urllib.parse.urlsplit(urllib.parse.urljoin('file:///results/report.html', v))\n"
             "                print('resolved', u.scheme, u.netloc or '-', u.path.startswith('/results/'))\n"
             "    def handle_endtag(self, tag):\n"
             "        if tag == 'a': self.inside = False\n"
             "    def handle_data(self, data):\n"
             "        if self.inside: print('text', ascii(data))\n"
             "P().feed(open(sys.argv[1], encoding='utf-8', errors='strict').read())\n");
  const fs::path out = dir / "links.txt";
  const std::string command = "python3 " + shell_quoted(script.string()) + " " + shell_quoted(page.string()) + " > " +
                              shell_quoted(out.string()) + " 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << read_file(out);
  return read_file(out);
}

// A results folder holding tables with hostile names; `provsim report`
// lists them with safe links, and the page is valid UTF-8 (Python reads it
// strictly).
TEST(HostileReportLinks, TheReportCommandListsHostileFileNamesSafely) {
  const Sandbox s("links");
  const fs::path dir = s.root / "res";
  fs::create_directories(dir);
  write_file(dir / "summary.json",
             "{\"scenario\": \"scen\", \"seed\": 1, \"scenario_hash\": \"0123456789abcdef\", \"version\": \"0\", "
             "\"simulated_seconds\": 3600, \"events\": 10, \"metrics\": {}}\n");
  for (const auto& name : hostile_names())
    if (name.find('/') == std::string::npos) write_file(dir / name, "a,b\n1,2\n");
  const ProcessResult r = s.provsim("report " + s.q(dir));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string links = parsed_links(dir / "report.html", s.root);
  std::istringstream in(links);
  std::size_t hrefs = 0, texts = 0;
  bool file_link = false;  // the report's own contents links (#section) are not files
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("attr ", 0) == 0) {
      ASSERT_EQ(line.rfind("attr href '", 0), 0u) << "an <a> with an attribute other than href: " << line;
      const std::string href = line.substr(11, line.size() - 12);
      file_link = href.empty() || href[0] != '#';
      if (!file_link) {
        EXPECT_TRUE(std::all_of(href.begin() + 1, href.end(),
                                [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }))
            << href;
        continue;
      }
      EXPECT_TRUE(safe_link(href)) << href;
      ++hrefs;
    } else if (line.rfind("resolved ", 0) == 0) {
      // A URL resolver puts every link in the results folder, on the file scheme.
      EXPECT_EQ(line, "resolved file - True");
    } else if (line.rfind("text ", 0) == 0) {
      if (file_link) ++texts;
    }
  }
  const std::size_t tables = static_cast<std::size_t>(
      std::count_if(hostile_names().begin(), hostile_names().end(),
                    [](const std::string& n) { return n.find('/') == std::string::npos; }));
  EXPECT_EQ(hrefs, tables + 1) << links;  // and summary.json
  EXPECT_EQ(texts, tables + 1) << links;
  EXPECT_NE(links.find("'javascript:alert(1).csv'"), std::string::npos) << "the name reads as typed: " << links;
  EXPECT_NE(links.find("'<img src=x onerror=alert(1)>.csv'"), std::string::npos) << links;
  EXPECT_NE(links.find("'\\ufffd\\ufffd not utf-8.csv'"), std::string::npos) << links;

  // The folder's report written again is the same, byte for byte: the
  // links read back into the same table order.
  const std::string first = read_file(dir / "report.html");
  ASSERT_EQ(s.provsim("report " + s.q(dir)).exit_code, 0);
  EXPECT_EQ(read_file(dir / "report.html"), first);
}

// Escaped text for HTML and XML: the markup characters, control
// characters and every malformed UTF-8 sequence.
struct EscapeCase {
  std::string name;
  std::string in;
  std::string out;
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const EscapeCase& c, std::ostream* os) { *os << c.name; }

class HostileXmlEscape : public ::testing::TestWithParam<EscapeCase> {};

TEST_P(HostileXmlEscape, GivesWellFormedText) { EXPECT_EQ(reports::xml_escape(GetParam().in), GetParam().out); }

const std::string R = "\xEF\xBF\xBD";  // U+FFFD

INSTANTIATE_TEST_SUITE_P(
    Cases, HostileXmlEscape,
    ::testing::Values(EscapeCase{"Markup", "<a href='x'>&</a>", "&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;"},
                      EscapeCase{"Controls", std::string("a\x01" "b\x1f" "c\0d", 7), "a" + R + "b" + R + "c" + R + "d"},
                      EscapeCase{"NewlineTabReturn", "a\nb\tc\rd", "a&#10;b&#9;c&#13;d"},
                      EscapeCase{"StrayContinuationByte", "a\x80z", "a" + R + "z"},
                      EscapeCase{"Latin1Byte", "caf\xe9", "caf" + R},
                      EscapeCase{"TruncatedSequence", "x\xe2\x82", "x" + R + R},
                      EscapeCase{"OverlongSlash", "\xc0\xaf", R + R},
                      EscapeCase{"EncodedSurrogate", "\xed\xa0\x80", R + R + R},
                      EscapeCase{"BeyondUnicode", "\xf4\x90\x80\x80", R + R + R + R},
                      EscapeCase{"NonCharacterFFFE", "\xef\xbf\xbe", R + R + R},
                      EscapeCase{"ValidMultibyteKept", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"},
                      EscapeCase{"CdataEnd", "]]>", "]]&gt;"}),
    [](const auto& test) { return test.param.name; });

}  // namespace
}  // namespace provsim::testing
