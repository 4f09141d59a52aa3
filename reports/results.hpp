#pragma once
// The results of one run as plain data: what the simulation measured, with
// no SimGrid in it. sim/ fills a Results; reports/ turns it into files.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace provsim::reports {

// A summary metric or a table cell. Money is carried as its exact decimal
// text (std::string) so no floating point touches it on the way out.
using Value = std::variant<std::int64_t, double, bool, std::string>;

// A table written as `<name>.csv` (header row, then one row per entry).
struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  // Rows too many to hold as values (a million subscribers' invoice lines)
  // are produced when the file is written, after `rows`: `generate` hands
  // each one to the sink it is given, and `generated_rows` says how many it
  // will (for the report's list of files).
  using RowSink = std::function<void(const std::vector<Value>&)>;
  std::function<void(const RowSink&)> generate;
  std::uint64_t generated_rows = 0;

  void add(std::vector<Value> row) { rows.push_back(std::move(row)); }
  std::uint64_t size() const { return rows.size() + generated_rows; }
};

// One [expect] assertion and its verdict (filled by `provsim check`).
struct Verdict {
  std::string expectation;  // "orders.completed >= 950"
  std::string actual;       // the metric's value as text, or "missing"
  bool passed = false;
};

struct RunInfo {
  std::string scenario;       // scenario folder name
  std::string scenario_hash;  // hash of the scenario files and effective settings
  std::uint64_t seed = 0;
  std::string version;        // provsim version
  double simulated_seconds = 0;
  double wall_seconds = 0;    // kept apart with huge_pages: the fields that differ between identical runs
  std::uint64_t events = 0;   // simulated events processed (model events, messages, executions)
  bool huge_pages = false;    // the heap was on transparent huge pages (sim/huge_pages.hpp)
};

struct Results {
  RunInfo info;
  // Summary metrics by dotted key ("orders.completed", "ip.blocking",
  // "money.conserved"); sorted, so files are stable.
  std::map<std::string, Value> metrics;
  // metrics.csv, orders.csv, rated_events.csv, invoices.csv, ... in the order
  // added. A deque, so a Table& from table() stays valid as more are added.
  std::deque<Table> tables;
  std::vector<Verdict> verdicts;
  // How the tables' files are written (output.compression): plain .csv or
  // compressed while written, .csv.gz or .csv.zst.
  std::string compression = "none";

  Table& table(const std::string& name, std::vector<std::string> columns) {
    tables.push_back(Table{name, std::move(columns), {}, {}, 0});
    return tables.back();
  }
  const Table* find_table(const std::string& name) const {
    for (const auto& t : tables)
      if (t.name == name) return &t;
    return nullptr;
  }
};

}  // namespace provsim::reports
