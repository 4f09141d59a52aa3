#pragma once
// Opens a page in Debian's headless Chromium (/usr/bin/chromium), for the
// tests that check report.html and sweep.html really draw in a browser.
// One Chromium process per page: it loads the file with networking off,
// lets virtual time run so vega-embed's promises resolve, then dumps the DOM
// and saves a screenshot. Console output goes to a log that the checks read.

#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace provsim::testing {

inline constexpr const char* kChromium = "/usr/bin/chromium";

struct BrowserPage {
  int exit_code = -1;
  std::string dom;        // the DOM after rendering, as HTML
  std::string log;        // Chromium's stderr, with the page's console lines
  std::filesystem::path screenshot;
};

inline std::string slurp_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// `work` receives the profile, dom.html, chromium.log and screenshot.png.
// `window` is the viewport, "width,height" in CSS pixels (a phone: "390,1600").
inline BrowserPage open_in_chromium(const std::filesystem::path& html, const std::filesystem::path& work,
                                    const std::string& window = "1200,2400") {
  std::filesystem::create_directories(work);
  BrowserPage page;
  page.screenshot = work / "screenshot.png";
  // timeout: a hung browser fails the test instead of stalling the suite.
  const std::string command =
      std::string("timeout 60 ") + kChromium +
      " --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
      " --no-first-run --disable-sync --disable-extensions --hide-scrollbars --mute-audio"
      " --user-data-dir='" + (work / "profile").string() + "'"
      " --enable-logging=stderr --v=0 --window-size=" + window + " --virtual-time-budget=10000"
      " --screenshot='" + page.screenshot.string() + "' --dump-dom 'file://" + html.string() + "' > '" +
      (work / "dom.html").string() + "' 2> '" + (work / "chromium.log").string() + "'";
  const int status = std::system(command.c_str());
  page.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  page.dom = slurp_file(work / "dom.html");
  page.log = slurp_file(work / "chromium.log");
  return page;
}

// The page's console lines that report a script error: uncaught exceptions
// (and rejected promises), and Vega's own error lines. Warnings pass.
inline std::vector<std::string> script_errors(const std::string& log) {
  std::vector<std::string> errors;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.find(":CONSOLE") == std::string::npos) continue;
    if (line.find("Uncaught") != std::string::npos || line.find("] \"ERROR") != std::string::npos ||
        line.find("] \"[Vega error]") != std::string::npos)
      errors.push_back(line);
  }
  return errors;
}

// For charts chart-1 .. chart-n: what is wrong with each, or nothing. A
// drawn chart holds vega-embed's <svg class="marks"> with at least one
// drawn path ("d=\"M...") before its figure ends; a failed one was marked
// with class "note" by the page's script.
inline std::vector<std::string> chart_problems(const std::string& dom, std::size_t n) {
  std::vector<std::string> problems;
  for (std::size_t i = 1; i <= n; ++i) {
    const std::string id = "chart-" + std::to_string(i);
    const auto at = dom.find("id=\"" + id + "\"");
    if (at == std::string::npos) {
      problems.push_back(id + ": not in the page");
      continue;
    }
    const auto open = dom.rfind('<', at);
    const auto end = dom.find("</figure>", at);
    const std::string chart = dom.substr(open, end == std::string::npos ? std::string::npos : end - open);
    if (chart.substr(0, chart.find('>')).find(" note") != std::string::npos)
      problems.push_back(id + ": the script says it could not be drawn: " + chart.substr(0, 300));
    else if (chart.find("class=\"marks\"") == std::string::npos || chart.find("d=\"M") == std::string::npos)
      problems.push_back(id + ": nothing drawn");
  }
  if (dom.find("id=\"chart-" + std::to_string(n + 1) + "\"") != std::string::npos)
    problems.push_back("more than " + std::to_string(n) + " charts");
  return problems;
}

// A PNG of the expected size whose bytes are more than a blank page's: a
// page of drawn charts compresses far worse than white space.
inline std::string screenshot_problem(const std::filesystem::path& png, std::uintmax_t min_bytes) {
  const std::string bytes = slurp_file(png);
  if (bytes.size() < 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return "no PNG at " + png.string();
  if (bytes.size() < min_bytes)
    return "the screenshot looks blank: " + std::to_string(bytes.size()) + " bytes, expected more than " +
           std::to_string(min_bytes);
  return "";
}

// Keeps a test's screenshot as `name` in the build's test output folder, for
// a look after the run (never in the sources), and says where.
inline void keep_screenshot(const std::filesystem::path& png, const std::string& name) {
  if (!std::filesystem::exists(png)) return;
  const std::filesystem::path kept = std::filesystem::path(PROVSIM_TEST_OUTPUT_DIR) / name;
  std::filesystem::create_directories(kept.parent_path());
  std::filesystem::copy_file(png, kept, std::filesystem::copy_options::overwrite_existing);
  std::cout << "screenshot: " << kept.string() << "\n";
}

}  // namespace provsim::testing
