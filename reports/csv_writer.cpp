#include "reports/csv_writer.hpp"

#include <stdexcept>

#include "reports/value_text.hpp"

namespace provsim::reports {

std::string csv_cell(const std::string& text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {

template <typename Cells, typename ToText>
void write_line(const Cells& cells, ToText to_text, std::ostream& out) {
  bool first = true;
  for (const auto& cell : cells) {
    if (!first) out << ',';
    out << csv_cell(to_text(cell));
    first = false;
  }
  out << '\n';
}

}  // namespace

void check_table(const Table& table) {
  for (std::size_t i = 0; i < table.rows.size(); ++i)
    if (table.rows[i].size() != table.columns.size())
      throw std::invalid_argument("table " + table.name + ": row " + std::to_string(i + 1) + " has " +
                                  std::to_string(table.rows[i].size()) + " cells, the header has " +
                                  std::to_string(table.columns.size()));
}

void write_csv(const Table& table, std::ostream& out) {
  check_table(table);
  write_line(table.columns, [](const std::string& s) { return s; }, out);
  for (const auto& row : table.rows) write_line(row, [](const Value& v) { return value_text(v); }, out);
  if (!table.generate) return;
  std::uint64_t written = 0;
  table.generate([&](const std::vector<Value>& row) {
    if (row.size() != table.columns.size())
      throw std::invalid_argument("table " + table.name + ": a generated row has " + std::to_string(row.size()) +
                                  " cells, the header has " + std::to_string(table.columns.size()));
    write_line(row, [](const Value& v) { return value_text(v); }, out);
    ++written;
  });
  if (written != table.generated_rows)
    throw std::logic_error("table " + table.name + ": generated " + std::to_string(written) + " rows, announced " +
                           std::to_string(table.generated_rows));
}

}  // namespace provsim::reports
