#include "reports/csv_reader.hpp"

#include <stdexcept>

namespace provsim::reports {

std::vector<std::vector<std::string>> parse_csv(std::string_view text, const std::string& what) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  std::size_t line = 1;
  std::size_t i = 0;
  auto fail = [&](const std::string& problem) {
    throw std::invalid_argument(what + ":" + std::to_string(line) + ": " + problem);
  };
  while (i < text.size()) {
    if (text[i] == '"' && cell.empty()) {
      // A quoted cell: runs to the quote not followed by another quote.
      for (++i;; ++i) {
        if (i >= text.size()) fail("unterminated quoted cell");
        if (text[i] == '\n') ++line;
        if (text[i] != '"') {
          cell += text[i];
        } else if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          ++i;
          break;
        }
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') fail("text after a closing quote");
      continue;
    }
    const char c = text[i++];
    if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i < text.size() && text[i] == '\n') ++i;
      row.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row.clear();
      ++line;
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !row.empty()) {  // a last line without its line end
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace provsim::reports
