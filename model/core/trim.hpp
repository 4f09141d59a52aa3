#pragma once
// Blanks around a value read from a file or the command line.

#include <string_view>

namespace provsim {

// `text` without its leading and trailing characters from `blanks`. Each
// reader states its blanks: an INI line also drops the \r of a CRLF file,
// a CSV cell of a CGRateS tariff plan any white space.
inline std::string_view trim(std::string_view text, std::string_view blanks = " \t") {
  const auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

}  // namespace provsim
