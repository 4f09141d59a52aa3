#include "sim/scenario/csv_table.hpp"

// fast-cpp-csv-parser copies file names with strncpy; at -O2 GCC 12 warns
// about truncation inside the library's inlined code, which is deliberate there.
// (clang has no such warning, and would warn about the unknown name.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#include <libfccp/csv.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_source.hpp"
#include "sim/scenario/units.hpp"

namespace provsim::sim {
namespace {

using Reader = io::CSVReader<CsvTable::kMaxColumns, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>,
                             io::throw_on_overflow, io::single_line_comment<'#'>>;

// fast-cpp-csv-parser wants exactly kMaxColumns names; the unused slots get
// names no real header can contain.
template <std::size_t... I>
void read_header(Reader& reader, const std::array<std::string, CsvTable::kMaxColumns>& names,
                 std::index_sequence<I...>) {
  reader.read_header(io::ignore_missing_column, names[I]...);
}

template <std::size_t... I>
bool read_row(Reader& reader, std::array<char*, CsvTable::kMaxColumns>& cells, std::index_sequence<I...>) {
  return reader.read_row(cells[I]...);
}

}  // namespace

CsvTable CsvTable::read(const ScenarioSource& source, const std::string& file, std::vector<std::string> required,
                        std::vector<std::string> optional) {
  const std::string text = source.read(file);
  return parse(source.where(file), text, std::move(required), std::move(optional));
}

CsvTable CsvTable::parse(std::string file, std::string_view text, std::vector<std::string> required,
                         std::vector<std::string> optional) {
  CsvTable table;
  table.file_ = std::move(file);
  table.columns_ = std::move(required);
  const std::size_t required_count = table.columns_.size();
  table.columns_.insert(table.columns_.end(), optional.begin(), optional.end());
  if (table.columns_.size() > kMaxColumns) throw std::logic_error("CsvTable: too many columns declared");

  std::array<std::string, kMaxColumns> names;
  for (std::size_t i = 0; i < kMaxColumns; ++i)
    names[i] = i < table.columns_.size() ? table.columns_[i] : "\x01unused" + std::to_string(i);

  try {
    Reader reader(table.file_, text.data(), text.data() + text.size());
    read_header(reader, names, std::make_index_sequence<kMaxColumns>{});
    table.present_.resize(table.columns_.size());
    for (std::size_t i = 0; i < table.columns_.size(); ++i) {
      table.present_[i] = reader.has_column(table.columns_[i]);
      if (i < required_count && !table.present_[i])
        throw InputError(table.file_, 1, table.columns_[i], "missing column");
    }
    std::array<char*, kMaxColumns> cells{};
    while (true) {
      cells.fill(nullptr);
      if (!read_row(reader, cells, std::make_index_sequence<kMaxColumns>{})) break;
      Row row{reader.get_file_line(), {}};
      row.cells.reserve(table.columns_.size());
      for (std::size_t i = 0; i < table.columns_.size(); ++i) row.cells.emplace_back(cells[i] ? cells[i] : "");
      table.rows_.push_back(std::move(row));
    }
  } catch (const io::error::extra_column_in_header& e) {
    std::string allowed;
    for (const auto& c : table.columns_) allowed += (allowed.empty() ? "" : ", ") + c;
    throw InputError(table.file_, 1, e.column_name, "unknown column (expected: " + allowed + ")");
  } catch (const io::error::duplicated_column_in_header& e) {
    throw InputError(table.file_, 1, e.column_name, "duplicated column");
  } catch (const io::error::header_missing&) {
    throw InputError(table.file_, 1, "", "empty file: a header line is required");
  } catch (const io::error::too_few_columns& e) {
    throw InputError(table.file_, static_cast<unsigned>(e.file_line), "", "too few cells for the header");
  } catch (const io::error::too_many_columns& e) {
    throw InputError(table.file_, static_cast<unsigned>(e.file_line), "", "too many cells for the header");
  } catch (const io::error::escaped_string_not_closed& e) {
    throw InputError(table.file_, static_cast<unsigned>(e.file_line), "", "unclosed quote");
  } catch (const io::error::base& e) {
    throw InputError(table.file_, 0, "", e.what());
  }
  return table;
}

bool CsvTable::has_column(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i] == name) return present_[i];
  return false;
}

Field CsvTable::field(std::size_t row, std::string_view column) const {
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i] == column) return Field(*this, row, i);
  throw std::logic_error("CsvTable: column not declared: " + std::string(column));
}

void CsvTable::require_rows() const {
  if (rows_.empty()) throw InputError(file_, 0, "", "table is empty: at least one row is required");
}

Field::Field(const CsvTable& table, std::size_t row, std::size_t column) : table_(table), row_(row), column_(column) {}

const std::string& Field::text() const { return table_.cell(row_, column_); }

void Field::fail(const std::string& what) const {
  throw InputError(table_.file(), table_.line(row_), table_.column_name(column_), what);
}

std::string Field::as_id() const {
  const std::string& t = text();
  if (t.empty()) fail("required, but empty");
  if (t.find_first_of(" \t;") != std::string::npos) fail("'" + t + "' is not an identifier (no spaces or ';')");
  for (const char c : t)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) fail("'" + t + "' is not an identifier (a control character)");
  return t;
}

std::int64_t Field::as_int(std::int64_t min, std::int64_t max) const {
  const std::string& t = text();
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) fail("expected a whole number, got '" + t + "'");
  if (value < min) fail("must be at least " + std::to_string(min) + ", got " + t);
  if (value > max) fail("must be at most " + std::to_string(max) + ", got " + t);
  return value;
}

double Field::as_double(double min, double max) const {
  double value = 0;
  try {
    value = parse_number(text());
  } catch (const std::invalid_argument& e) {
    fail(e.what());
  }
  if (value < min || value > max) {
    char range[96];
    std::snprintf(range, sizeof range, "must be between %g and %g, got ", min, max);
    fail(range + text());
  }
  return value;
}

bool Field::as_bool() const {
  const std::string& t = text();
  if (t == "true" || t == "yes" || t == "1") return true;
  if (t == "false" || t == "no" || t == "0") return false;
  fail("expected true or false, got '" + t + "'");
}

Money Field::as_money(bool allow_negative) const {
  Money m;
  try {
    m = Money::parse(text());
  } catch (const std::invalid_argument& e) {
    fail(e.what());
  }
  if (!allow_negative && m.is_negative()) fail("must not be negative, got " + text());
  return m;
}

double Field::as_duration() const {
  double seconds = 0;
  try {
    seconds = parse_duration(text());
  } catch (const std::invalid_argument& e) {
    fail(e.what());
  }
  if (seconds < 0) fail("must not be negative, got " + text());
  if (seconds > kMaxDurationSeconds) fail("must be at most 100 years (36500d), got " + text());
  return seconds;
}

std::string Field::as_choice(const std::vector<std::string>& choices) const {
  const std::string& t = text();
  if (std::find(choices.begin(), choices.end(), t) != choices.end()) return t;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  fail("'" + t + "' is not one of: " + list);
}

}  // namespace provsim::sim
