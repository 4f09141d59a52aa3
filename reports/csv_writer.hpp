#pragma once
// A Results table as CSV: a header row, then one line per row, cells quoted
// as RFC 4180 says (only when they hold a comma, a quote, CR or LF, or start
// or end with a space; quotes doubled). Lines end with "\n". Numbers use
// value_text(), so pandas.read_csv and R's read.csv take the file as is.

#include <ostream>
#include <string>

#include "reports/results.hpp"

namespace provsim::reports {

std::string csv_cell(const std::string& text);

// Throws std::invalid_argument if a row's width differs from the header's.
void write_csv(const Table& table, std::ostream& out);

// Checks what write_csv would reject, so a caller can refuse before writing anything.
void check_table(const Table& table);

}  // namespace provsim::reports
