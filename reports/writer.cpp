#include "reports/writer.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "reports/compression.hpp"
#include "reports/csv_writer.hpp"
#include "reports/html_report.hpp"
#include "reports/summary_json.hpp"

namespace provsim::reports {

namespace {

// Table names become file names next to summary.json and report.html.
void check_tables(const Results& results) {
  std::set<std::string> names;
  for (const auto& t : results.tables) {
    bool ok = !t.name.empty() && t.name.front() != '.';
    for (char c : t.name)
      ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                  c == '.');
    if (!ok) throw std::invalid_argument("table name '" + t.name + "' is not a plain file name ([A-Za-z0-9_.-])");
    if (!names.insert(t.name).second) throw std::invalid_argument("two tables are named '" + t.name + "'");
    check_table(t);
  }
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

void write_all(const Results& results, const std::filesystem::path& dir) {
  write_all(results, dir, load_assets(default_asset_dir()));
}

void write_all(const Results& results, const std::filesystem::path& dir, const ReportAssets& assets) {
  check_tables(results);
  std::filesystem::create_directories(dir);
  write_file(dir / "summary.json", summary_text(results));
  const Compression compression = compression_named(results.compression);
  for (const auto& t : results.tables) {  // straight to the file: a table may be hundreds of MB
    CompressedFile out(dir / (t.name + std::string(table_suffix(compression))), compression);
    write_csv(t, out.stream());
    out.finish();
  }
  write_file(dir / "report.html", report_html(results, assets));
}

}  // namespace provsim::reports
