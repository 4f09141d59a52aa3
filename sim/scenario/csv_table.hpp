#pragma once
// A scenario CSV table read with fast-cpp-csv-parser. Columns are declared
// as required or optional; a missing required column, an unknown column or a
// duplicated one is an InputError naming the file. Cells are converted on
// demand through Field, whose errors name file, line and column.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/money/money.hpp"

namespace provsim::sim {

class CsvTable;
class ScenarioSource;

// One cell, with enough context to report a precise error.
class Field {
 public:
  Field(const CsvTable& table, std::size_t row, std::size_t column);

  const std::string& text() const;
  bool empty() const { return text().empty(); }

  std::string as_id() const;  // non-empty, no spaces
  std::int64_t as_int(std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX) const;
  double as_double(double min, double max) const;
  double as_probability() const { return as_double(0.0, 1.0); }
  bool as_bool() const;  // true/false, yes/no, 1/0
  Money as_money(bool allow_negative = false) const;
  double as_duration() const;  // seconds, "90s", "2h", ...
  // One of `choices`; anything else is an error listing them.
  std::string as_choice(const std::vector<std::string>& choices) const;

  [[noreturn]] void fail(const std::string& what) const;

 private:
  const CsvTable& table_;
  std::size_t row_;
  std::size_t column_;
};

class CsvTable {
 public:
  static constexpr std::size_t kMaxColumns = 32;

  // Reads the whole file `file` of `source`. Throws InputError for a
  // missing file, a bad header or a row with too few or too many cells.
  static CsvTable read(const ScenarioSource& source, const std::string& file, std::vector<std::string> required,
                       std::vector<std::string> optional = {});
  // The same reader fed from memory: `text` as the content of a file named
  // `file` (for the fuzzer and for tests that need no scratch file).
  static CsvTable parse(std::string file, std::string_view text, std::vector<std::string> required,
                        std::vector<std::string> optional = {});

  const std::string& file() const { return file_; }
  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  bool has_column(std::string_view name) const;
  unsigned line(std::size_t row) const { return rows_[row].line; }

  // The cell of `column` in `row`; an absent optional column reads as "".
  Field field(std::size_t row, std::string_view column) const;
  const std::string& cell(std::size_t row, std::size_t column) const { return rows_[row].cells[column]; }
  const std::string& column_name(std::size_t column) const { return columns_[column]; }

  // Throws unless the table has at least one row.
  void require_rows() const;

 private:

  struct Row {
    unsigned line;
    std::vector<std::string> cells;
  };
  std::string file_;
  std::vector<std::string> columns_;
  std::vector<bool> present_;
  std::vector<Row> rows_;
};

}  // namespace provsim::sim
